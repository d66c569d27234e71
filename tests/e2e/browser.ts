import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import type { Role } from '../../src/lib/domain/roles';
import { ACCOUNTS } from './accounts';

export const screenshotDir = new URL('./output', import.meta.url).pathname;

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
}

export async function screenshot(page: Page, name: string): Promise<string> {
	mkdirSync(screenshotDir, { recursive: true });
	const path = join(screenshotDir, `${name}.png`);
	await page.screenshot({ path, fullPage: true });
	return path;
}

/**
 * Signs the page's browser context in through the real sign-in form, as one of the
 * accounts global-setup created. Every page of the app needs this first.
 */
export async function loginAs(page: Page, role: Role, baseUrl = inject('baseUrl')): Promise<void> {
	const account = ACCOUNTS[role];
	await page.goto(`${baseUrl}/login`);
	await page.getByLabel('Email').fill(account.email);
	await page.getByLabel('Password').fill(account.password);
	await Promise.all([
		page.waitForURL((url) => !url.pathname.startsWith('/login')),
		page.getByRole('button', { name: 'Sign in' }).click()
	]);
}

/** A new page in its own browser context (its own cookies), optionally signed in. */
export async function newPage(
	browser: Browser,
	role?: Role,
	baseUrl = inject('baseUrl')
): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
	const page = await context.newPage();
	if (role) await loginAs(page, role, baseUrl);
	return page;
}

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/** How far the page is wider than the window: sideways scrolling reads as broken. */
export async function overflow(page: Page): Promise<number> {
	return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * The cells and controls of the page drawn (partly) past the window's right edge, even inside
 * a box that scrolls sideways: the page does not scroll, but nothing tells a reader on a phone
 * that the box does, so a Disable button 500 px to the right of the screen is as good as gone.
 * Clipped to nothing (a stacked table's hidden header) does not count.
 */
export async function offScreen(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		const controls = 'td, th, button, a, select, input, summary';
		return [...document.querySelectorAll(`main :is(${controls})`)]
			.filter((element) => {
				const box = element.getBoundingClientRect();
				if (box.width === 0 || box.height === 0 || box.right <= width + 1) return false;
				const header = element.closest('thead')?.getBoundingClientRect();
				return !header || header.width > 1;
			})
			.map(
				(element) =>
					`${element.tagName.toLowerCase()} "${(element.textContent ?? '').trim().slice(0, 40)}"`
			);
	});
}

/**
 * Screenshots `name`-1280 and `name`-390; nothing may be wider than the screen at either.
 * `reachable`: also nothing drawn past the phone's screen inside a sideways-scrolling box
 * (offScreen), for pages whose tables become cards on a phone.
 */
export async function atBothWidths(
	page: Page,
	name: string,
	options: { reachable?: boolean } = {}
): Promise<void> {
	await page.setViewportSize(DESKTOP);
	await screenshot(page, `${name}-1280`);
	expect(await overflow(page), `${name} at 1280`).toBeLessThanOrEqual(0);
	await page.setViewportSize(PHONE);
	// charts redraw for the new width
	await page.waitForTimeout(300);
	await screenshot(page, `${name}-390`);
	expect(await overflow(page), `${name} at 390`).toBeLessThanOrEqual(0);
	if (options.reachable) expect(await offScreen(page), `${name} at 390`).toEqual([]);
	await page.setViewportSize(DESKTOP);
}
