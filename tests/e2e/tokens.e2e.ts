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

const record = (id: string) =>
	JSON.stringify({
		id,
		channel: 'chat',
		customer: { email: `${id}@example.com` },
		messages: [
			{
				role: 'customer',
				created_at: '2026-03-02T09:00:00Z',
				text: `Hi, reach me on +44 20 7946 0958`
			},
			{ role: 'ai', created_at: '2026-03-02T09:00:05Z', text: 'Happy to help.' }
		]
	});

it('an analyst uploads an export and gets the import report', async () => {
	const page = await newPage(browser, 'analyst');
	const report = await page.evaluate(
		async (body) => {
			const response = await fetch('/api/imports?filename=chats.ndjson', { method: 'POST', body });
			return { status: response.status, json: await response.json() };
		},
		[record('u1'), record('u2')].join('\n')
	);
	expect(report.status).toBe(200);
	expect(report.json.files[0]).toMatchObject({
		fileName: 'chats.ndjson',
		format: 'canonical',
		status: 'done',
		counts: { recordsRead: 2, conversationsCreated: 2 }
	});
});

it('an API token is shown once, works only on the ingest endpoint, and stops when revoked', async () => {
	const page = await newPage(browser, 'admin');
	await page.goto(`${inject('baseUrl')}/admin/tokens`);
	await page.getByLabel('Name').fill('Zendesk nightly export');
	await page.getByRole('button', { name: 'Create token' }).click();
	const token = (await page.locator('code.secret').textContent())?.trim() ?? '';
	expect(token).toMatch(/^pty_/);
	await screenshot(page, 'tokens');

	const upload = (auth: string) =>
		fetch(`${inject('baseUrl')}/api/imports?filename=push.ndjson&source=zendesk-push`, {
			method: 'POST',
			headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/x-ndjson' },
			body: record('t1')
		});
	const accepted = await upload(token);
	expect(accepted.status).toBe(200);
	await expect(accepted.json()).resolves.toMatchObject({
		files: [{ fileName: 'push.ndjson', status: 'done' }]
	});

	const elsewhere = await fetch(`${inject('baseUrl')}/admin/users`, {
		headers: { authorization: `Bearer ${token}` }
	});
	expect(elsewhere.status).toBe(403);
	expect((await upload(`${token}x`)).status).toBe(401);

	await page.reload();
	await page
		.getByRole('row', { name: /Zendesk nightly export/ })
		.getByRole('button', { name: 'Revoke' })
		.click();
	await page.getByText(/Revoked/).waitFor();
	expect((await upload(token)).status).toBe(401);
	// The page never shows the token again.
	await expect(page.content()).resolves.not.toContain(token);
});
