import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

it('serves the landing page with the import overview', async () => {
	const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
	const response = await page.goto(inject('baseUrl'));
	expect(response?.status()).toBe(200);
	await expect(page.locator('h1').textContent()).resolves.toContain('imported');
	await screenshot(page, 'landing');
});
