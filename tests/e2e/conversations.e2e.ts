import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/cli/user';
import { openAppDatabase } from '../../src/lib/server/app';
import { ACCOUNTS } from './accounts';
import { atBothWidths, launchBrowser, loginAs, newPage } from './browser';
import { startOwnServer } from './own-server';
import { freshDataDir, root, startServer, type RunningServer } from './server';

/**
 * The conversations list and the transcript, on the demo data set (seeded by `parity demo`,
 * as dashboard.e2e.ts does; seeding twice changes nothing). A small export whose messages
 * carry markup is imported with `parity import` into a server of its own, so that the shared
 * database stays demo-only (the review says so when other data is mixed in).
 */

let browser: Browser;
let hostileId = 0;
let markupServer: RunningServer;
let demo: RunningServer;
/** A conversation whose customer came back within the repeat window. */
let repeatedId = 0;
const SOURCE = 'E2E markup';
const SCRIPT_TEXT = `<script>window.__pwned = 1</script>Why was I charged twice?`;
const HTML_TEXT = `<b>bold</b> <img src=x onerror="window.__pwned = 2"> <a href="javascript:alert(1)">link</a>`;

function parity(dataDir: string, args: string[]) {
	const run = spawnSync(process.execPath, [join(root, 'bin/parity.js'), ...args], {
		cwd: root,
		env: {
			...process.env,
			PARITY_DATA_DIR: dataDir,
			PARITY_DB: join(dataDir, 'parity.db'),
			PARITY_DEMO: 'off'
		},
		encoding: 'utf8'
	});
	if (run.status !== 0) throw new Error(`parity ${args[0]} failed:\n${run.stdout}\n${run.stderr}`);
}

/** A CSV of one conversation in the help-desk layout of tests/fixtures/csv/helpdesk-messages.csv. */
function markupExport(): string {
	const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
	const rows = [
		['customer', 'Eve Example', SCRIPT_TEXT],
		['bot', 'Ava', 'I can look into that for you.'],
		['customer', 'Eve Example', HTML_TEXT]
	].map(([type, name, body], i) =>
		[
			'E2E-1',
			`2026-03-02T09:${String(10 + i).padStart(2, '0')}:00Z`,
			type,
			name,
			quote(body as string),
			'chat',
			'eve@example.com',
			'billing',
			'',
			'solved',
			''
		].join(',')
	);
	return [
		'Ticket ID,Created At,Author Type,Author Name,Body,Channel,Customer Email,Tags,CSAT,Status,Assignee',
		...rows
	].join('\n');
}

beforeAll(async () => {
	// The demo on a server of this file's own: its findings would raise alerts on the shared one.
	demo = await startOwnServer({ demo: true });
	const dataDir = demo.dataDir;
	const db = new Database(join(dataDir, 'parity.db'), { readonly: true });
	try {
		const repeated = db
			.prepare(
				`SELECT conversation_id AS id FROM conversation_scores
				  WHERE repeat_next_id IS NOT NULL ORDER BY started_at DESC LIMIT 1`
			)
			.get() as { id: number } | undefined;
		if (!repeated) throw new Error('the demo data set has no repeat contact');
		repeatedId = repeated.id;
	} finally {
		db.close();
	}

	const markupDir = freshDataDir();
	const own = openAppDatabase(join(markupDir, 'parity.db'));
	try {
		await addUser(own, { ...ACCOUNTS.viewer, role: 'viewer' });
	} finally {
		own.close();
	}
	const dir = mkdtempSync(join(tmpdir(), 'parity-e2e-markup-'));
	try {
		const file = join(dir, 'markup.csv');
		writeFileSync(file, markupExport());
		parity(markupDir, ['import', file, '--source', SOURCE]);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	const imported = new Database(join(markupDir, 'parity.db'), { readonly: true });
	try {
		const row = imported
			.prepare(
				`SELECT c.id FROM conversations c JOIN sources s ON s.id = c.source_id
				  WHERE s.name = ? AND c.external_id = 'E2E-1'`
			)
			.get(SOURCE) as { id: number } | undefined;
		if (!row) throw new Error('the markup export was not imported');
		hostileId = row.id;
	} finally {
		imported.close();
	}
	markupServer = await startServer(markupDir);
	browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
	await browser?.close();
	await markupServer?.stop();
	await demo?.stop();
});

const base = () => demo.baseUrl;

const countOf = async (page: Page) =>
	Number(((await page.locator('.count strong').textContent()) ?? '').replace(/[^\d]/g, ''));

describe('from the weekly review to a transcript', () => {
	it('follows a regression to its conversations, with the same filters, and into one', async () => {
		const page = await newPage(browser, 'viewer', base());
		await page.goto(base());
		const week = (await page.locator('h1 .week').textContent())?.trim() ?? '';
		const rows = page.locator('table.findings').first().locator('tbody tr');
		const disputes = rows.filter({ hasText: 'Disputes and fraud' });
		const row = (await disputes.count()) ? disputes.first() : rows.first();
		// The first link: the conversations that count against the measure (the second lists all measured).
		await Promise.all([
			page.waitForURL(/\/conversations\?/),
			row.locator('td.go a').first().click()
		]);
		const url = new URL(page.url());
		// Every filter of the link was understood: none is reported as left out.
		await expect(page.locator('.notice.warn').count()).resolves.toBe(0);
		const chips = await page.locator('ul.active a').allTextContents();
		expect(chips.join(' ')).toContain(week);
		const weeks = Number(url.searchParams.get('weeks') ?? 1);
		expect(await page.getByLabel('Week', { exact: true }).inputValue()).toBe(week);
		expect(await page.getByLabel('Handled by').inputValue()).toBe(
			url.searchParams.get('handler') ?? ''
		);
		if (url.searchParams.get('topic')) {
			expect(await page.getByLabel('Topic').inputValue()).toBe(url.searchParams.get('topic'));
		}
		const count = await countOf(page);
		expect(count).toBeGreaterThan(0);
		const items = page.locator('ol.list > li');
		expect(await items.count()).toBe(Math.min(50, count));
		// Every row listed is in the linked week(s) and handled as the link says.
		const handlers = (url.searchParams.get('handler') ?? '').split(',');
		const labels: Record<string, string> = { ai: 'AI', human: 'Human', hybrid: 'AI → human' };
		for (const badge of await items.locator('.who > :first-child').allTextContents()) {
			expect(handlers.map((h) => labels[h])).toContain(badge.trim());
		}
		expect(weeks).toBeGreaterThanOrEqual(1);
		// A space after CSAT ("CSAT5/5" before), and a count with its noun.
		for (const csat of await items.locator('.measures .csat').allInnerTexts()) {
			expect(csat).toMatch(/^CSAT( \d\/5)? \S/);
		}
		for (const size of await items.locator('.measures > .size').allInnerTexts()) {
			expect(size).toMatch(/^(1 message|\d+ messages) · /);
		}
		for (const times of await items.locator('.measures > .times').allInnerTexts()) {
			expect(times).toMatch(
				/^(First reply \d+(\.\d)? (s|min|h|d)( · |$))?(resolved in \d+(\.\d)? (s|min|h|d))?$/
			);
		}
		await atBothWidths(page, 'conversations-list');

		// The download holds every match (not one page), with the list's filters.
		const download = page.getByRole('link', { name: 'Download CSV' });
		const csvUrl = new URL((await download.getAttribute('href'))!, base());
		expect(csvUrl.pathname).toBe('/conversations/csv');
		expect(csvUrl.search).toBe(url.search);
		const response = await page.request.get(csvUrl.href);
		expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
		expect(response.headers()['content-disposition']).toMatch(/^attachment; filename=".+\.csv"$/);
		const lines = (await response.text()).split('\r\n').filter(Boolean);
		expect(lines[0]).toMatch(/^\uFEFFconversation,link,external_id,/);
		expect(lines.length - 1).toBe(count);

		const first = items.first().locator('a.item');
		const ref = ((await first.locator('.ref').textContent()) ?? '').trim();
		await Promise.all([page.waitForURL(/\/conversations\/\d+/), first.click()]);
		await expect(page.locator('h1').textContent()).resolves.toContain(ref);
		// Parity's own number, the one alerts name, is the one in the address.
		const parityId = new URL(page.url()).pathname.split('/').pop();
		await expect(page.locator('p.subtitle').textContent()).resolves.toMatch(
			new RegExp(`^\\s*Parity #${parityId} · `)
		);
		const messages = page.locator('ol.transcript li.message');
		expect(await messages.count()).toBeGreaterThan(0);
		for (const role of await messages.locator('.role').allTextContents()) {
			expect(['Customer', 'AI agent', 'Human agent', 'System']).toContain(role);
		}
		// Customer messages carry their sentiment.
		await expect(page.locator('li.message.customer .foot').first().textContent()).resolves.toMatch(
			/[−+-]?\d/
		);
		await expect(page.getByRole('heading', { name: 'Signals' }).count()).resolves.toBe(1);
		await expect(
			page.getByRole('heading', { name: 'This customer’s contacts' }).count()
		).resolves.toBe(1);
		// Back to the same list.
		await expect(
			page.getByRole('link', { name: '← Back to the list' }).getAttribute('href')
		).resolves.toBe(`${url.pathname}${url.search}`);
		await page.close();
	});

	it('shows an escalation point and a repeat-contact chain where there is one', async () => {
		const page = await newPage(browser, 'viewer', base());
		await page.goto(`${base()}/conversations?handler=hybrid&signal=escalated`);
		await Promise.all([
			page.waitForURL(/\/conversations\/\d+/),
			page.locator('ol.list a.item').first().click()
		]);
		// A list item like the messages around it (a separator may not sit in a list).
		await expect(
			page.getByRole('listitem').filter({ hasText: 'The AI handed over to a human here' }).count()
		).resolves.toBe(1);
		await atBothWidths(page, 'transcript');

		// A conversation the customer came back after: its chain links the next contact.
		await page.goto(`${base()}/conversations/${repeatedId}`);
		const chain = page.locator('ol.chain li');
		expect(await chain.count()).toBeGreaterThan(1);
		await expect(page.locator('ol.chain [aria-current="page"]').count()).resolves.toBe(1);
		await expect(page.getByRole('link', { name: 'came back' }).count()).resolves.toBe(1);
		await page.close();
	});

	it('shows what changed in the database since the page was last served (pages are kept)', async () => {
		const page = await newPage(browser, 'viewer', base());
		const address = `${base()}/conversations/${repeatedId}`;
		await page.goto(address);
		await page.goto(address);
		// Another process writes, as an import from the command line would.
		const db = new Database(join(demo.dataDir, 'parity.db'));
		const first = db
			.prepare(
				'SELECT id, body FROM messages WHERE conversation_id = ? ORDER BY created_at, id LIMIT 1'
			)
			.get(repeatedId) as { id: number; body: string };
		const edit = db.prepare('UPDATE messages SET body = ? WHERE id = ?');
		try {
			edit.run('Edited after the page was kept', first.id);
			await page.goto(address);
			await expect(page.getByText('Edited after the page was kept').count()).resolves.toBe(1);
		} finally {
			edit.run(first.body, first.id);
			db.close();
		}
		await page.close();
	});
});

describe('the trends and gaps pages link to the conversations behind a number', () => {
	it('opens a gaps cell’s four weeks of one topic, both sides, every filter understood', async () => {
		const page = await newPage(browser, 'viewer', base());
		await page.goto(`${base()}/gaps`);
		const svg = page.locator('figure.chart svg[aria-label^="AI − human gap by topic"]');
		const cell = svg
			.locator('a')
			.filter({ has: page.locator('title', { hasText: /^Disputes and fraud · CSAT/ }) })
			.first();
		await Promise.all([page.waitForURL(/\/conversations\?/), cell.click()]);
		const url = new URL(page.url());
		await expect(page.locator('.notice.warn').count()).resolves.toBe(0);
		const week = url.searchParams.get('week') ?? '';
		await expect(page.locator('ul.active').textContent()).resolves.toMatch(
			new RegExp(`Weeks \\d{4}-W\\d{2} to ${week}`)
		);
		expect(await countOf(page)).toBeGreaterThan(0);
		const topics = await page.locator('ol.list .who .topic').allTextContents();
		expect(new Set(topics)).toEqual(new Set(['Disputes and fraud']));
		await page.close();
	});

	it('opens the conversations of a point on a trend', async () => {
		const page = await newPage(browser, 'viewer', base());
		await page.goto(`${base()}/trends`);
		// The first measure's chart (the conversations by handler come before it).
		const chart = page.locator('figure.chart').nth(1);
		await chart.locator('summary', { hasText: 'Table of the numbers' }).click();
		const link = chart.locator('tbody a').last();
		await Promise.all([page.waitForURL(/\/conversations\?/), link.click()]);
		await expect(page.locator('.notice.warn').count()).resolves.toBe(0);
		expect(await countOf(page)).toBeGreaterThan(0);
		await page.close();
	});
});

describe('a transcript is text', () => {
	it('shows markup in messages as the characters the customer typed, never as HTML', async () => {
		const page = await newPage(browser);
		await loginAs(page, 'viewer', markupServer.baseUrl);
		const dialogs: string[] = [];
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
		const response = await page.goto(`${markupServer.baseUrl}/conversations/${hostileId}`);
		expect(response?.status()).toBe(200);
		const bodies = await page.locator('li.message .body').allTextContents();
		expect(bodies).toContain(SCRIPT_TEXT);
		expect(bodies).toContain(HTML_TEXT);
		const transcript = page.locator('ol.transcript');
		await expect(transcript.locator('script, img, b, a[href^="javascript"]').count()).resolves.toBe(
			0
		);
		await expect(
			page.evaluate(
				() => 'window.__pwned' in window && (window as unknown as { __pwned?: number }).__pwned
			)
		).resolves.toBe(false);
		expect(dialogs).toEqual([]);
		await atBothWidths(page, 'transcript-markup');
		await page.close();
	});
});

describe('filters', () => {
	it('are labelled, work from the keyboard alone and end up in the URL', async () => {
		const page = await newPage(browser, 'analyst', base());
		await page.goto(`${base()}/conversations`);
		for (const label of [
			'Search transcripts',
			'Week',
			'Handled by',
			'Channel',
			'Topic',
			'Source',
			'CSAT'
		]) {
			await expect(page.getByLabel(label, { exact: true }).count(), label).resolves.toBe(1);
		}
		await page.getByLabel('Search transcripts').focus();
		await page.keyboard.type('charged');
		await page.keyboard.press('Tab'); // week
		await page.keyboard.press('Tab'); // handled by
		await page.keyboard.press('ArrowDown'); // the first choice after "Anyone"
		const handler = await page.getByLabel('Handled by').inputValue();
		expect(handler).not.toBe('');
		// Tab on to the first signal and tick it with the space bar.
		for (let i = 0; i < 10; i++) {
			await page.keyboard.press('Tab');
			const name = await page.evaluate(() => (document.activeElement as HTMLInputElement).name);
			if (name === 'signal') break;
		}
		await page.keyboard.press('Space');
		for (let i = 0; i < 10; i++) {
			await page.keyboard.press('Tab');
			const text = await page.evaluate(() => document.activeElement?.textContent);
			if (text === 'Apply filters') break;
		}
		await Promise.all([
			page.waitForURL((url) => url.searchParams.has('q')),
			page.keyboard.press('Enter')
		]);
		const url = new URL(page.url());
		expect(url.searchParams.get('q')).toBe('charged');
		expect(url.searchParams.get('handler')).toBe(handler);
		expect(url.searchParams.getAll('signal')).toEqual(['asked-for-human']);
		// The shared link opens the same list.
		const other = await newPage(browser, 'viewer', base());
		await other.goto(page.url());
		await expect(countOf(other)).resolves.toBe(await countOf(page));
		await other.close();
		await page.close();
	});

	it('keeps transcripts from anyone who is not signed in', async () => {
		const page = await newPage(browser);
		await page.goto(`${markupServer.baseUrl}/conversations/${hostileId}`);
		expect(new URL(page.url()).pathname).toBe('/login');
		await expect(page.content()).resolves.not.toContain('charged twice');
		await page.close();
	});
});
