import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../src/lib/server/ingest/adapters';
import { DESKTOP, launchBrowser, loginAs, screenshot } from './browser';
import { startOwnServer } from './own-server';
import { root, type RunningServer } from './server';

/**
 * Uploading an export of several tables from the imports page, as a QA walkthrough found it
 * broken: the 13 CSV tables of a Fivetran Zendesk export, chosen together, must be one
 * import with exactly the counts `parity import <folder> --json` gives for the same files,
 * with no column-mapping step for tables that are part of the export, and nothing gone
 * from the history after a reload. On a server of its own: its imports would change the
 * other files' figures.
 */

const FOLDER = join(root, 'tests/fixtures/zendesk/fivetran_dbt_zendesk');
const TABLES = readdirSync(FOLDER).sort();

let browser: Browser;
let server: RunningServer;
const base = () => server.baseUrl;

interface Counts {
	recordsRead: number;
	recordsImported: number;
	recordsDuplicate: number;
	recordsRejected: number;
	conversationsCreated: number;
	conversationsUpdated: number;
	messagesImported: number;
}

/** What the command line reports for the folder, on a database of its own. */
function importedByCli(): Array<{ fileName: string; format: string; counts: Counts }> {
	const dataDir = mkdtempSync(join(tmpdir(), 'parity-cli-'));
	try {
		const run = spawnSync(
			process.execPath,
			[join(root, 'bin/parity.js'), 'import', FOLDER, '--json'],
			{
				cwd: root,
				env: {
					...process.env,
					PARITY_DATA_DIR: dataDir,
					PARITY_DB: join(dataDir, 'parity.db'),
					PARITY_DEMO: 'off'
				},
				encoding: 'utf8'
			}
		);
		expect(run.status, run.stderr).toBe(0);
		return (JSON.parse(run.stdout) as { files: ReturnType<typeof importedByCli> }).files;
	} finally {
		rmSync(dataDir, { recursive: true, force: true });
	}
}

beforeAll(async () => {
	server = await startOwnServer();
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
	if (server) rmSync(server.dataDir, { recursive: true, force: true });
});

async function newPage(): Promise<Page> {
	const context = await browser.newContext({ viewport: DESKTOP });
	const page = await context.newPage();
	await loginAs(page, 'analyst', base());
	return page;
}

async function openImports(page: Page) {
	await page.goto(`${base()}/imports`, { waitUntil: 'networkidle' });
}

/** The job card in the uploader's queue once its import has ended. */
async function finishedJob(page: Page) {
	const card = page.locator('.queue .job');
	await card.locator('.phase', { hasText: /^(Imported|Failed|Interrupted)$/ }).waitFor({
		timeout: 50_000
	});
	return card;
}

function readDb<T>(read: (db: Database.Database) => T): T {
	const db = new Database(join(server.dataDir, 'parity.db'), {
		readonly: true,
		fileMustExist: true
	});
	try {
		return read(db);
	} finally {
		db.close();
	}
}

const importRows = () =>
	readDb(
		(db) =>
			db
				.prepare(
					`SELECT file_name AS fileName, format, status, job, error,
					        records_read AS recordsRead, records_imported AS recordsImported,
					        records_duplicate AS recordsDuplicate, records_rejected AS recordsRejected,
					        conversations_created AS conversationsCreated,
					        conversations_updated AS conversationsUpdated,
					        messages_imported AS messagesImported
					   FROM imports ORDER BY id`
				)
				.all() as Array<
				Counts & {
					fileName: string;
					format: string;
					status: string;
					job: string | null;
					error: string | null;
				}
			>
	);

/** An element's text as read: blanks collapsed. */
const textOf = async (locator: Locator) =>
	((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim();

const pageHeight = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight);

describe('uploading the tables of one export together', () => {
	it('offers every format the command line knows', async () => {
		const page = await newPage();
		await openImports(page);
		const options = await page
			.getByLabel('Format')
			.locator('option')
			.evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value));
		expect(options).toEqual(['', ...ADAPTERS.map((adapter) => adapter.name)]);
		expect(options).toEqual(expect.arrayContaining(['zendesk-warehouse', 'intercom-warehouse']));
		await page.context().close();
	});

	it('imports the 13 Zendesk warehouse tables as one import, with the counts of the CLI', async () => {
		const [cli, ...moreFromCli] = importedByCli();
		expect(moreFromCli).toEqual([]);
		expect(cli?.format).toBe('zendesk-warehouse');

		const page = await newPage();
		await openImports(page);
		expect(TABLES).toHaveLength(13);
		await page.getByLabel(/choose files/).setInputFiles(TABLES.map((name) => join(FOLDER, name)));

		const card = await finishedJob(page);
		await expect(card.locator('.phase').textContent()).resolves.toBe('Imported');
		// One entry in the queue, and no file asks for its columns.
		await expect(page.locator('.queue > li').count()).resolves.toBe(1);
		await expect(page.getByRole('heading', { name: /^Map the columns/ }).count()).resolves.toBe(0);
		await expect(card.textContent()).resolves.toMatch(
			/42 records read: 10\s+imported, 0 duplicate,\s+32 rejected · 10 new conversations/
		);
		await screenshot(page, 'upload-export-set-after-upload-1280');
		expect(await pageHeight(page)).toBeLessThan(3000);

		const rows = importRows();
		expect(rows).toHaveLength(1);
		const [row] = rows;
		expect(row).toMatchObject({ format: 'zendesk-warehouse', status: 'done', error: null });
		expect(row?.job).not.toBeNull();
		expect(row?.fileName.split(' + ').sort()).toEqual(TABLES);
		const { recordsRead, recordsImported, recordsDuplicate, recordsRejected } =
			row ?? ({} as Counts);
		const { conversationsCreated, conversationsUpdated, messagesImported } = row ?? ({} as Counts);
		expect({
			recordsRead,
			recordsImported,
			recordsDuplicate,
			recordsRejected,
			conversationsCreated,
			conversationsUpdated,
			messagesImported
		}).toEqual(cli?.counts);

		// After a reload the history holds that one import, and nothing failed unseen.
		await openImports(page);
		const history = page.locator('table.history tbody tr');
		await expect(history.count()).resolves.toBe(1);
		await expect(history.locator('.status').textContent()).resolves.toBe('Done');
		await expect(history.locator('.file a').textContent()).resolves.toMatch(
			/^ticket_data\.csv \+ /
		);
		await expect(page.locator('table.history tr.unread').count()).resolves.toBe(0);
		await screenshot(page, 'upload-export-set-after-reload-1280');
		await page.context().close();
	});

	it('asks for the columns of a file of the batch it cannot place, on the batch card, and imports it into the same job and source once mapped', async () => {
		const page = await newPage();
		await openImports(page);
		const files = mkdtempSync(join(tmpdir(), 'parity-batch-'));
		const notes = join(files, 'notes.csv');
		writeFileSync(
			notes,
			'Ref,Who,Note,At\nN1,customer,called back,2026-03-03T10:00:00Z\nN2,customer,left a message,2026-03-04T11:00:00Z\n'
		);
		const chats = join(files, 'chats.ndjson');
		writeFileSync(
			chats,
			JSON.stringify({
				id: 'batch-1',
				messages: [{ role: 'customer', created_at: '2026-03-02T09:00:00Z', text: 'Hello' }]
			}) + '\n'
		);
		await page.getByLabel('Source name').fill('batch-mixed');
		await page.getByLabel(/choose files/).setInputFiles([notes, chats]);

		// The batch's card: the file it could read imported, the other waiting with its mapping
		// step (the one a single file gets), nothing failed.
		const card = page.locator('.queue .job');
		await card.locator('.phase', { hasText: 'Waiting for a column mapping' }).waitFor({
			timeout: 50_000
		});
		await expect(card.locator('.detail').textContent()).resolves.toMatch(
			/^\s*1 record read:\s+1\s+imported, 0 duplicate,\s+0 rejected · 1 new conversation/
		);
		await expect(textOf(card.locator('.held-lead'))).resolves.toBe(
			'1 file of this upload was not imported yet: Parity cannot tell which of its columns hold the conversations. Map it below; it is then imported with this upload, into the source batch-mixed. Nothing needs uploading again.'
		);
		const step = card.locator('form.mapping');
		await expect(step.count()).resolves.toBe(1);
		await expect(step.locator('h3').textContent()).resolves.toBe('Map the columns of notes.csv');
		await expect(step.locator('.lead-in').textContent()).resolves.toMatch(
			/could not tell which columns hold the conversation id, message text/
		);
		await expect(step.locator('.preview th').allTextContents()).resolves.toEqual([
			'Ref',
			'Who',
			'Note',
			'At'
		]);
		await expect(page.locator('table.history tr.unread').count()).resolves.toBe(0);
		await screenshot(page, 'upload-batch-mapping-1280');

		await step.getByLabel(/^Conversation id/).selectOption('Ref');
		await step.getByLabel(/^Message text/).selectOption('Note');
		await step.getByLabel(/^Message time/).selectOption('At');
		await step.getByLabel('Author role', { exact: true }).selectOption('Who');
		await step.getByRole('button', { name: 'Save mapping and import' }).click();

		// The same card follows the file's import, in the same job, to the end.
		await card.locator('.phase', { hasText: /^Imported$/ }).waitFor({ timeout: 50_000 });
		await expect(card.locator('form.mapping').count()).resolves.toBe(0);
		const lines = card.locator('.files li');
		await expect(lines.count()).resolves.toBe(2);
		await expect(lines.nth(0).textContent()).resolves.toMatch(
			/^\s*chats\.ndjson:\s+1 records read: 1\s+imported/
		);
		await expect(lines.nth(1).textContent()).resolves.toMatch(
			/^\s*notes\.csv:\s+2 records read: 2\s+imported, 0 duplicate,\s+0 rejected · 2 new conversations/
		);
		await screenshot(page, 'upload-batch-mapped-1280');
		const rows = importRows().filter((row) => /^(notes\.csv|chats\.ndjson)$/.test(row.fileName));
		expect(rows.map((row) => [row.fileName, row.status])).toEqual([
			['chats.ndjson', 'done'],
			['notes.csv', 'done']
		]);
		expect(rows[0]?.job).toBe(rows[1]?.job);

		// After a reload: both in the history, in the source named, nothing waiting.
		await openImports(page);
		const history = page.locator('table.history tbody tr', { hasText: 'notes.csv' });
		await expect(history.locator('.status').textContent()).resolves.toBe('Done');
		await expect(history.locator('.source').textContent()).resolves.toBe('batch-mixed');
		await expect(page.locator('form.mapping').count()).resolves.toBe(0);
		rmSync(files, { recursive: true, force: true });
		await page.context().close();
	});

	it('still shows a waiting file’s mapping step after the page is left and opened again', async () => {
		const page = await newPage();
		await openImports(page);
		const files = mkdtempSync(join(tmpdir(), 'parity-batch-'));
		const calls = join(files, 'calls.csv');
		writeFileSync(calls, 'Ticket,Words,When\nT1,hello,2026-03-05T09:00:00Z\n');
		const chats = join(files, 'later.ndjson');
		writeFileSync(
			chats,
			JSON.stringify({
				id: 'later-1',
				messages: [{ role: 'customer', created_at: '2026-03-02T09:00:00Z', text: 'Hi' }]
			}) + '\n'
		);
		await page.getByLabel('Source name').fill('batch-later');
		await page.getByLabel(/choose files/).setInputFiles([calls, chats]);
		await page
			.locator('.queue .job .phase', { hasText: 'Waiting for a column mapping' })
			.waitFor({ timeout: 50_000 });

		await openImports(page);
		const card = page.locator('section[aria-labelledby="running-title"] .job', {
			hasText: '2 files: calls.csv, later.ndjson'
		});
		await expect(card.count()).resolves.toBe(1);
		await expect(card.locator('.phase').textContent()).resolves.toBe(
			'Waiting for a column mapping'
		);
		await expect(card.locator('form.mapping h3').textContent()).resolves.toBe(
			'Map the columns of calls.csv'
		);
		// Skipped for now: it says so, and the step comes back on asking.
		await card.getByRole('button', { name: 'Skip this file' }).click();
		await expect(card.locator('.held-file').textContent()).resolves.toMatch(
			/calls\.csv: skipped, not imported\./
		);
		await card.getByRole('button', { name: 'Map its columns' }).click();
		await expect(card.locator('form.mapping').count()).resolves.toBe(1);
		await screenshot(page, 'upload-batch-waiting-after-reload-1280');
		rmSync(files, { recursive: true, force: true });
		await page.context().close();
	});
});
