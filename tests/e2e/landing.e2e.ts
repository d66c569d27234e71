import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, newPage, screenshot } from './browser';
import { freshDataDir, startServer } from './server';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

it('sends a visitor without a session to sign in first', async () => {
	const page = await newPage(browser);
	await page.goto(inject('baseUrl'));
	expect(new URL(page.url()).pathname).toBe('/login');
});

it('serves the weekly review as the landing page to a signed-in viewer', async () => {
	const page = await newPage(browser, 'viewer');
	const response = await page.goto(inject('baseUrl'));
	expect(response?.status()).toBe(200);
	await expect(page.locator('h1').textContent()).resolves.toContain('Weekly review');
	await screenshot(page, 'landing');
});

it('stops within seconds on SIGTERM, with its scheduler running', async () => {
	const server = await startServer(freshDataDir());
	const started = Date.now();
	await server.stop();
	// The fallback SIGKILL comes after 10 s: a graceful stop is well within that.
	expect(Date.now() - started).toBeLessThan(8_000);
});
