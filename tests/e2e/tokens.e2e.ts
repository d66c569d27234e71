import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { atBothWidths, launchBrowser, newPage, screenshot } from './browser';

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
	// The tokens table was 758 px wide at 390 px, Status and Revoke out of sight in its box.
	await atBothWidths(page, 'tokens-list', { reachable: true });
	await page
		.getByRole('row', { name: /Zendesk nightly export/ })
		.getByRole('button', { name: 'Revoke' })
		.click();
	await page.getByText(/Revoked/).waitFor();
	expect((await upload(token)).status).toBe(401);
	// The page never shows the token again.
	await expect(page.content()).resolves.not.toContain(token);
});

it('a token of scope notes lets a deploy pipeline note a release, and nothing else', async () => {
	const base = inject('baseUrl');
	const page = await newPage(browser, 'admin');
	await page.goto(`${base}/admin/tokens`);
	await page.getByLabel('Name').fill('Bot release pipeline');
	await page.getByLabel('Scope').selectOption('notes');
	await page.getByRole('button', { name: 'Create token' }).click();
	const token = (await page.locator('code.secret').textContent())?.trim() ?? '';
	expect(token).toMatch(/^pty_/);
	await expect(
		page.getByRole('row', { name: /Bot release pipeline/ }).textContent()
	).resolves.toContain('notes');

	const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
	// A day long before any data here: the other files' pages do not show it.
	const note = (body: unknown) =>
		fetch(`${base}/api/notes`, { method: 'POST', headers, body: JSON.stringify(body) });
	const created = await note({ day: '2020-01-07', text: 'Fin v3 released' });
	expect(created.status).toBe(201);
	await expect(created.json()).resolves.toMatchObject({
		note: { day: '2020-01-07', week: '2020-W02', text: 'Fin v3 released', source: null },
		message: 'Noted “Fin v3 released” on 2020-01-07 (2020-W02).'
	});
	const refused = await note({ day: '2020-02-30', text: '' });
	expect(refused.status).toBe(400);
	await expect(refused.json()).resolves.toMatchObject({
		errors: {
			day: 'a day written YYYY-MM-DD, such as 2026-11-12',
			text: expect.stringMatching(/^say what changed/)
		}
	});

	// The notes scope opens nothing else, and the ingest scope does not open notes.
	const upload = await fetch(`${base}/api/imports?filename=x.ndjson`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}` },
		body: record('n1')
	});
	expect(upload.status).toBe(403);
	const trends = await fetch(`${base}/trends`, { headers: { authorization: `Bearer ${token}` } });
	expect(trends.status).toBe(403);

	// The analyst reading the notes over HTTP sees the pipeline's note, without an author.
	const analyst = await newPage(browser, 'analyst');
	const listed = await analyst.evaluate(async () => {
		const response = await fetch('/api/notes?weeks=520');
		return { status: response.status, json: await response.json() };
	});
	expect(listed.status).toBe(200);
	expect(listed.json.notes).toContainEqual(
		expect.objectContaining({ day: '2020-01-07', text: 'Fin v3 released', author: null })
	);
});

it('a token of scope report reads the weekly review as JSON, and nothing else', async () => {
	const base = inject('baseUrl');
	const page = await newPage(browser, 'admin');
	await page.goto(`${base}/admin/tokens`);
	await page.getByLabel('Name').fill('Monday review bot');
	await page.getByLabel('Scope').selectOption('report');
	await page.getByRole('button', { name: 'Create token' }).click();
	const token = (await page.locator('code.secret').textContent())?.trim() ?? '';
	expect(token).toMatch(/^pty_/);
	const get = (path: string) =>
		fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });

	// This server holds what the other tests imported: the week the dashboard opens on.
	const review = await get('/api/report');
	expect(review.status).toBe(200);
	const body = (await review.json()) as Record<string, unknown>;
	expect(body).toMatchObject({ week: expect.stringMatching(/^\d{4}-W\d{2}$/), hasData: true });
	expect(body).toHaveProperty('verdicts');
	expect(body).toHaveProperty('notes');

	const older = await get('/api/report?week=2020-W02');
	expect(older.status).toBe(200);
	await expect(older.json()).resolves.toMatchObject({ week: '2020-W02', hasData: false });
	const wrong = await get('/api/report?week=2026-W60');
	expect(wrong.status).toBe(400);
	await expect(wrong.json()).resolves.toEqual({
		errors: { week: '“2026-W60” is not a week (they look like 2026-W47)' }
	});

	// The report scope opens nothing else.
	expect((await get('/api/notes')).status).toBe(403);
	expect((await get('/')).status).toBe(403);
});
