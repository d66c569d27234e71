import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

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
