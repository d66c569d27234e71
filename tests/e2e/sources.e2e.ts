import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { atBothWidths, launchBrowser, newPage } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

it('an admin removes a source imported by mistake, with everything it brought in', async () => {
	const source = 'Wrong desk (e2e)';
	const analyst = await newPage(browser, 'analyst');
	const body = [0, 1, 2]
		.map((i) =>
			JSON.stringify({
				id: `wrong-${i}`,
				customer: { email: `wrong${i}@example.com` },
				messages: [
					{ role: 'customer', created_at: `2026-03-0${i + 2}T09:00:00Z`, text: 'Hello?' },
					{ role: 'ai', created_at: `2026-03-0${i + 2}T09:00:05Z`, text: 'Hi, how can I help?' }
				]
			})
		)
		.join('\n');
	const status = await analyst.evaluate(
		async ([text, name]) =>
			(
				await fetch(`/api/imports?filename=wrong.ndjson&source=${encodeURIComponent(name)}`, {
					method: 'POST',
					body: text
				})
			).status,
		[body, source] as const
	);
	expect(status).toBe(200);

	const listed = async () =>
		analyst.evaluate(async () => (await fetch('/conversations?q=how')).text(), undefined);
	expect(await listed()).toContain('#wrong-1');

	const page = await newPage(browser, 'admin');
	await page.goto(`${inject('baseUrl')}/admin/sources`);
	const row = page.getByRole('listitem', { name: source });
	await expect(row.locator('.holds').textContent()).resolves.toBe(
		'3 conversations · 6 messages · 1 import'
	);
	await row.getByText('Remove…').click();
	await atBothWidths(page, 'admin-sources');
	// The box must be ticked: without it the browser does not send the form.
	await row.getByLabel(/Delete its 3 conversations/).check();
	await row.getByRole('button', { name: `Remove “${source}”` }).click();
	await page
		.getByText(`Removed “${source}”: 3 conversations (6 messages) from 1 import.`)
		.waitFor();
	await expect(page.getByRole('listitem', { name: source }).count()).resolves.toBe(0);

	expect(await listed()).not.toContain('#wrong-1');
	await page.goto(`${inject('baseUrl')}/admin/audit`);
	await expect(page.locator('table').textContent()).resolves.toContain(
		'Removed a source and its data'
	);
}, 120_000);
