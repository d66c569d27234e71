import { readdirSync, readlinkSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it, onTestFailed, onTestFinished, vi } from 'vitest';
import { screenshot } from './browser';
import { chooseSource, finishedJob, liveRecords, serverForUploads } from './uploads';

/**
 * Which card follows which background job on the imports page, and that each job has one. A
 * job started by an upload on this visit is followed in the uploader's queue; the page's
 * "Background imports" lists the others, and the imports the command line runs. When another
 * job ended, the page re-read its data, found the upload's job still running and listed it a
 * second time under Background imports (fixed in e0575a7); when an upload's import process
 * died, its import stayed 'running' and was listed again as a command-line import, stuck.
 */

const { base, newPage, openImports, generated, written, readDb, importsOfJob } = serverForUploads();

const RUNNING = 'section[aria-labelledby="running-title"]';
/** Where the page shows a job: the uploader's queue, Background imports, a command-line import. */
const CARDS = {
	queue: '.queue .job',
	background: `${RUNNING} .job`,
	commandLine: `${RUNNING} .cli`
};

/** The cards of `fileName` in one place (its name is the card's first strong text). */
const jobCards = (page: Page, fileName: string, where: keyof typeof CARDS) =>
	page.locator(CARDS[where], { has: page.locator('strong', { hasText: exact(fileName) }) });
const exact = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

/** How many cards of `fileName` the page shows, and where. */
async function cardsOf(page: Page, fileName: string) {
	const counts: Record<string, number> = {};
	for (const where of Object.keys(CARDS) as Array<keyof typeof CARDS>) {
		counts[where] = await jobCards(page, fileName, where).count();
	}
	return counts;
}
/** Shown once, in the uploader's queue. */
const ONCE = { queue: 1, background: 0, commandLine: 0 };

/** A job card's detail while it reads an export of about 68 MB; its first group: records read. */
const LIVE = /^([\d,]+) records read · [\d,]+ records\/s · [\d.]+ MB of 6\d MB/;

/** The history table's status of the import of `fileName`. */
const historyStatus = (page: Page, fileName: string) =>
	page
		.locator('table.history tbody tr', {
			has: page.locator('.file a', { hasText: exact(fileName) })
		})
		.locator('.status');

/**
 * Counts, on every change of the page, the job cards of `fileName`, and keeps the highest
 * count seen: a card shown twice only between two of the test's looks is still caught.
 */
async function watchCards(page: Page, fileName: string): Promise<() => Promise<number>> {
	await page.evaluate((name) => {
		const count = () =>
			[...document.querySelectorAll('.job .name, .cli strong')].filter(
				(node) => node.textContent === name
			).length;
		const record = () => {
			const seen = Number(document.body.dataset.mostCards ?? 0);
			document.body.dataset.mostCards = String(Math.max(seen, count()));
		};
		record();
		new MutationObserver(record).observe(document.body, {
			childList: true,
			subtree: true,
			characterData: true
		});
	}, fileName);
	return () => page.evaluate(() => Number(document.body.dataset.mostCards));
}

/** The upload job of `fileName` once the server has started its import process. */
async function startedJob(fileName: string): Promise<{ id: string; pid: number }> {
	let job: { id: string; pid: number } | undefined;
	await vi.waitFor(
		() => {
			job = readDb(
				(db) =>
					db
						.prepare(
							"SELECT id, pid FROM jobs WHERE kind = 'import' AND label = ? AND pid IS NOT NULL"
						)
						.get(fileName) as { id: string; pid: number } | undefined
			);
			expect(job).toBeDefined();
		},
		{ timeout: 30_000, interval: 5 }
	);
	return job as { id: string; pid: number };
}

/** Sends `name` to process `pid` if it has not ended yet. */
function signal(pid: number, name: NodeJS.Signals) {
	try {
		process.kill(pid, name);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
	}
}

/** The files process `pid` has open (Linux). */
const openFiles = (pid: number) =>
	readdirSync(`/proc/${pid}/fd`).map((fd) => {
		try {
			return readlinkSync(`/proc/${pid}/fd/${fd}`);
		} catch {
			return '';
		}
	});

describe('background jobs on the imports page', () => {
	it('shows the job of an upload made on this visit once, in the queue, while another job ends and after', async () => {
		const page = await newPage();
		await openImports(page);
		const mostCards = await watchCards(page, 'long.ndjson');
		const long = await generated('long.ndjson', 80_000);
		const at = (minute: number) => `2026-03-02T09:0${minute}:00Z`;
		const short = written('short.ndjson', [
			{ id: 'short-1', messages: [{ role: 'customer', created_at: at(1), text: 'Refund?' }] },
			{ id: 'short-2', messages: [{ role: 'customer', created_at: at(2), text: 'Hello' }] }
		]);
		await chooseSource(page, 'jobs-once');
		await page.getByLabel(/choose files/).setInputFiles(long);

		// Two imports writing to the database at once fail ("database is locked"), a bug of its
		// own: the long one's process is paused while the short one runs, before it has opened
		// the database (it takes about a second to start), so that it holds no lock meanwhile.
		const job = await startedJob('long.ndjson');
		signal(job.pid, 'SIGSTOP');
		let paused = true;
		const resume = () => {
			if (paused) signal(job.pid, 'SIGCONT');
			paused = false;
		};
		onTestFinished(resume);
		// A failed test ends the import too: the server cannot stop while its child runs.
		onTestFailed(() => signal(job.pid, 'SIGKILL'));
		expect(
			openFiles(job.pid).filter((path) => path.includes('parity.db')),
			'the long import was paused before it opened the database'
		).toEqual([]);

		// Running: one card, the uploader's.
		const queued = jobCards(page, 'long.ndjson', 'queue');
		await queued.locator('.phase', { hasText: 'Starting the import…' }).waitFor();
		expect(await cardsOf(page, 'long.ndjson'), 'while the long job starts').toEqual(ONCE);

		// The short file's job starts and ends; its end makes the page re-read its data, which
		// the history shows. That read finds the long job running: the case the page got wrong.
		await page.getByLabel(/choose files/).setInputFiles(short);
		const shortCard = await finishedJob(page, 'short.ndjson');
		await expect(shortCard.locator('.phase').textContent()).resolves.toBe('Imported');
		await historyStatus(page, 'short.ndjson').filter({ hasText: 'Done' }).waitFor();
		await expect(queued.locator('.phase').textContent()).resolves.toBe('Starting the import…');
		expect(
			await cardsOf(page, 'long.ndjson'),
			'after the short job ended and the page re-read its data'
		).toEqual(ONCE);
		expect(await cardsOf(page, 'short.ndjson'), 'the short job').toEqual(ONCE);

		// The long import goes on, live in its one card.
		resume();
		await liveRecords(queued, LIVE, 0);
		expect(await cardsOf(page, 'long.ndjson'), 'while the long job reads').toEqual(ONCE);

		// It ends, and the page re-reads its data: the history has no row of it before (it
		// began after the last read), and no other job is left to end. Still one card, the
		// uploader's, with the outcome and the link to the report.
		await historyStatus(page, 'long.ndjson')
			.filter({ hasText: 'Done' })
			.waitFor({ timeout: 120_000 });
		expect(
			await cardsOf(page, 'long.ndjson'),
			'after the long job ended and the page re-read its data'
		).toEqual(ONCE);
		await expect(queued.locator('.phase').textContent()).resolves.toBe('Imported');
		await expect(queued.textContent()).resolves.toMatch(
			/80,000 records read: 80,000\s+imported, 0 duplicate,\s+0 rejected · 80,000 new conversations/
		);
		const [row, ...more] = importsOfJob(job.id);
		expect(more).toEqual([]);
		expect(row).toMatchObject({ status: 'done', recordsRead: 80_000 });
		await expect(
			queued.getByRole('link', { name: 'See the report' }).getAttribute('href')
		).resolves.toBe(`/imports/${row?.id}`);
		expect(page.url()).toBe(`${base()}/imports`);

		// And at no moment in between was it shown twice.
		await expect(mostCards(), 'the most cards of the long job shown at once').resolves.toBe(1);
		await screenshot(page, 'imports-upload-job-once');
		await page.context().close();
	}, 180_000);

	it('shows the job of an upload whose import process dies once, interrupted with what to do, in the queue, and its import as interrupted', async () => {
		const page = await newPage();
		await openImports(page);
		const mostCards = await watchCards(page, 'killed.ndjson');
		const path = await generated('killed.ndjson', 80_000);
		await chooseSource(page, 'killed');
		await page.getByLabel(/choose files/).setInputFiles(path);
		const job = await startedJob('killed.ndjson');
		onTestFailed(() => signal(job.pid, 'SIGKILL'));
		const queued = jobCards(page, 'killed.ndjson', 'queue');
		const seen = await liveRecords(queued, LIVE, 0);

		// Its process dies half-way through the file (killed, or out of memory). The page
		// re-reads its data on the job's end, and the history shows the import interrupted: it
		// was listed as still running, and a second time, as a command-line import, stuck.
		signal(job.pid, 'SIGKILL');
		await queued.locator('.phase', { hasText: 'Interrupted' }).waitFor();
		await historyStatus(page, 'killed.ndjson')
			.filter({ hasText: 'Interrupted' })
			.waitFor({ timeout: 10_000 });
		expect(
			await cardsOf(page, 'killed.ndjson'),
			'after its process died and the page re-read its data'
		).toEqual(ONCE);
		await expect(mostCards(), 'the most cards of the job shown at once').resolves.toBe(1);

		const [row, ...more] = importsOfJob(job.id);
		expect(more).toEqual([]);
		expect(row?.status).toBe('interrupted');
		expect(row?.recordsRead).toBeGreaterThanOrEqual(seen);
		expect(row?.recordsRead).toBeLessThan(80_000);
		// It says what happened and how to finish it (it said "Failed", with no reason).
		await expect(queued.locator('.error').textContent()).resolves.toBe(
			`Interrupted: the import process was stopped (SIGKILL) during this import, after ${(row?.recordsRead ?? 0).toLocaleString('en')} records had been read and stored. ` +
				'Nothing half-written is kept (records are stored in whole batches). ' +
				'To finish it, upload the file again to the source “killed”: the records already imported are recognised as duplicates, not imported twice.'
		);
		await expect(queued.locator('.error').count()).resolves.toBe(1);
		await screenshot(page, 'imports-upload-job-interrupted');
		await expect(
			queued.getByRole('link', { name: 'See the report' }).getAttribute('href')
		).resolves.toBe(`/imports/${row?.id}`);
		await page.context().close();
	}, 120_000);
});
