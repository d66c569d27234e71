import Database from 'better-sqlite3';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { writeCanonicalNdjson } from '../../bench/lib/generate';
import { DESKTOP, launchBrowser, loginAs } from './browser';
import { startOwnServer } from './own-server';
import type { RunningServer } from './server';

/**
 * What the browser tests of uploads share: a server of the test file's own (its imports
 * would change the other files' figures), a browser, a folder for the export files the test
 * generates, and reading the server's database beside it.
 */

/**
 * Starts the test file's server and browser before its tests and removes everything after
 * them (it registers the file's `beforeAll`/`afterAll`): call it once, at the top of the file.
 */
export function serverForUploads() {
	let browser: Browser;
	let server: RunningServer;
	/** The export files the test generates (some are tens of MB). */
	let files: string;

	beforeAll(async () => {
		server = await startOwnServer();
		browser = await launchBrowser();
		files = join(server.dataDir, 'files');
		mkdirSync(files);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		// 80,000 imported conversations make a database of over 100 MB: not one per run in /tmp.
		if (server) rmSync(server.dataDir, { recursive: true, force: true });
	});

	const base = () => server.baseUrl;

	/** A new browser context, signed in as the analyst. */
	async function newPage(): Promise<Page> {
		const context = await browser.newContext({ viewport: DESKTOP });
		const page = await context.newPage();
		await loginAs(page, 'analyst', base());
		return page;
	}

	/** The imports page, hydrated (the uploader is client-side). */
	async function openImports(page: Page) {
		await page.goto(`${base()}/imports`, { waitUntil: 'networkidle' });
	}

	/**
	 * An export of `count` generated conversations (5 messages on average each). The
	 * generator's ids start at c0 every time: each such file goes to a source of its own
	 * (`chooseSource`), or the next would count the previous one's conversations as
	 * duplicates and updates.
	 */
	async function generated(name: string, count: number): Promise<string> {
		const path = join(files, name);
		await writeCanonicalNdjson(path, count);
		return path;
	}

	/** A small Parity NDJSON export of the given records, one a line. */
	function written(name: string, records: unknown[]): string {
		const path = join(files, name);
		writeFileSync(path, records.map((record) => JSON.stringify(record)).join('\n') + '\n');
		return path;
	}

	/** Reads the server's database beside the running server. */
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

	const jobRow = (job: string) =>
		readDb(
			(db) =>
				db.prepare('SELECT kind, label FROM jobs WHERE id = ?').get(job) as
					{ kind: string; label: string } | undefined
		);

	const importsOfJob = (job: string) =>
		readDb(
			(db) =>
				db
					.prepare('SELECT id, status, records_read AS recordsRead FROM imports WHERE job = ?')
					.all(job) as Array<{ id: number; status: string; recordsRead: number }>
		);

	return {
		base,
		dataDir: () => server.dataDir,
		newPage,
		openImports,
		generated,
		written,
		readDb,
		jobRow,
		importsOfJob
	};
}

/** Names the source the next uploads go to, in the uploader's field. */
export const chooseSource = (page: Page, name: string) =>
	page.getByLabel(/^Source name/).fill(name);

/** The job card of `fileName` once its import has ended. */
export async function finishedJob(page: Page, fileName: string) {
	const card = page.locator('.job', { has: page.locator('.name', { hasText: fileName }) }).last();
	await card.locator('.phase', { hasText: /^(Imported|Failed|Interrupted)$/ }).waitFor({
		timeout: 50_000
	});
	return card;
}

/**
 * Waits until the job card's detail reads as live progress (`pattern`, whose first group is
 * the records read) with more than `above` records read, and answers that count.
 */
export async function liveRecords(card: Locator, pattern: RegExp, above: number): Promise<number> {
	let records = 0;
	await vi.waitFor(
		async () => {
			const text = ((await card.locator('.detail').textContent({ timeout: 1000 })) ?? '').trim();
			const match = pattern.exec(text);
			expect(match, text).not.toBeNull();
			records = Number(match?.[1]?.replace(/,/g, ''));
			expect(records).toBeGreaterThan(above);
		},
		{ timeout: 30_000, interval: 100 }
	);
	return records;
}

export const isJobPoll = (request: Request) =>
	new URL(request.url()).pathname.startsWith('/api/imports/jobs/');
