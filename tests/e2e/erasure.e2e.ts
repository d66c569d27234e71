import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { launchBrowser, newPage, screenshot } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

it('an admin finds a customer by email and erases their conversations', async () => {
	const analyst = await newPage(browser, 'analyst');
	const body = ['erase.me@example.com', 'erase.me@example.com', 'keep.me@example.com']
		.map((email, i) =>
			JSON.stringify({
				id: `e${i}`,
				customer: { email },
				messages: [
					{
						role: 'customer',
						created_at: `2026-03-0${i + 2}T09:00:00Z`,
						text: 'Where is my parcel?'
					}
				]
			})
		)
		.join('\n');
	const status = await analyst.evaluate(
		async (text) =>
			(await fetch('/api/imports?filename=erasure.ndjson', { method: 'POST', body: text })).status,
		body
	);
	expect(status).toBe(200);

	const page = await newPage(browser, 'admin');
	await page.goto(`${inject('baseUrl')}/admin/erasure`);
	await page.getByLabel('Customer identity').fill('Erase.Me@example.com');
	await page.getByRole('button', { name: 'Find' }).click();
	await page.getByText('Found 1 customer record with 2 conversations and 2 messages.').waitFor();
	await screenshot(page, 'erasure');
	await page.getByLabel(/I understand/).check();
	await page.getByRole('button', { name: 'Erase permanently' }).click();
	await page.getByText(/Erased 2 conversations \(2 messages\)/).waitFor();

	await page.getByLabel('Customer identity').fill('erase.me@example.com');
	await page.getByRole('button', { name: 'Find' }).click();
	await page.getByText('No customer with this identity is stored.').waitFor();

	await page.goto(`${inject('baseUrl')}/admin/audit?action=erasure`);
	const log = (await page.locator('table').textContent()) ?? '';
	expect(log).toContain('Erased a customer');
	expect(log.toLowerCase()).not.toContain('erase.me');

	await page.goto(`${inject('baseUrl')}/admin/settings`);
	await screenshot(page, 'settings');
});
