import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { screenshot } from './browser';
import { chooseSource, finishedJob, isJobPoll, liveRecords, serverForUploads } from './uploads';

/**
 * Sending a file from the imports page, as only a hand check covered it before: the upload's
 * progress bar moving while the bytes go out (with the browser's upload throttled, as on a
 * slow line), cancelling an upload half-way (nothing imported, nothing left on the server,
 * the next file still goes through), and leaving the page while the import runs in the
 * background and coming back to the same job, still live, until it ends. On a server of its
 * own: its imports would change the other files' figures.
 */

const { base, dataDir, newPage, openImports, generated, written, readDb, jobRow, importsOfJob } =
	serverForUploads();

/** Caps what the page may send, in bytes per second (Chromium's network emulation). */
async function throttleUploads(page: Page, bytesPerSecond: number): Promise<CDPSession> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.enable');
	await setUploadRate(cdp, bytesPerSecond);
	return cdp;
}

function setUploadRate(cdp: CDPSession, bytesPerSecond: number) {
	return cdp.send('Network.emulateNetworkConditions', {
		offline: false,
		latency: 0,
		downloadThroughput: -1,
		uploadThroughput: bytesPerSecond
	});
}

/** The queue entry of a file being uploaded (before its import starts). */
const pending = (page: Page, fileName: string) =>
	page.locator('.queue .pending', { has: page.locator('.name', { hasText: fileName }) });

/**
 * Waits until the upload bar of `fileName` shows more than `above` percent (and the file is
 * still being sent), and answers what it shows.
 */
async function uploadPercentAbove(page: Page, fileName: string, above: number): Promise<number> {
	const handle = await page.waitForFunction(
		({ label, above }) => {
			const bar = document.querySelector(`[role="progressbar"][aria-label="${label}"]`);
			const now = Number(bar?.getAttribute('aria-valuenow'));
			return bar && now > above && now < 100 ? now : false;
		},
		{ label: `Upload of ${fileName}`, above },
		{ timeout: 20_000, polling: 50 }
	);
	return (await handle.jsonValue()) as number;
}

/** How many imports, upload jobs and conversations the database holds. */
const stored = () =>
	readDb((db) => {
		const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
		return {
			imports: count('SELECT count(*) AS n FROM imports'),
			importJobs: count("SELECT count(*) AS n FROM jobs WHERE kind = 'import'"),
			conversations: count('SELECT count(*) AS n FROM conversations')
		};
	});

/** What the server holds of uploads still being received (or imported): one folder each. */
function uploadsOnServer(): string[] {
	try {
		return readdirSync(join(dataDir(), 'uploads')).filter((name) => name.startsWith('upload-'));
	} catch {
		return [];
	}
}

describe('uploading', () => {
	it('moves the progress bar while a file is sent, then imports it', async () => {
		const page = await newPage();
		await openImports(page);
		const path = await generated('progress.ndjson', 3000);
		// About 2.6 MB at 512 KB/s: five seconds of sending.
		await throttleUploads(page, 512 * 1024);
		await chooseSource(page, 'progress');
		await page.getByLabel(/choose files/).setInputFiles(path);

		const first = await uploadPercentAbove(page, 'progress.ndjson', 0);
		const second = await uploadPercentAbove(page, 'progress.ndjson', first);
		expect(second).toBeGreaterThan(first);
		await expect(pending(page, 'progress.ndjson').locator('.state').textContent()).resolves.toMatch(
			/^\s*Uploading [\d.]+ (KB|MB) of 2\.\d MB\s*$/
		);

		const card = await finishedJob(page, 'progress.ndjson');
		await expect(card.locator('.phase').textContent()).resolves.toBe('Imported');
		await expect(card.textContent()).resolves.toMatch(
			/3,000 records read: 3,000\s+imported, 0 duplicate,\s+0 rejected · 3,000 new conversations/
		);
		await page.context().close();
	});

	it('cancels an upload half-way: nothing is imported or kept, and the next file goes through', async () => {
		const page = await newPage();
		await openImports(page);
		const before = stored();
		// About 8.5 MB at 256 KB/s: half a minute, far longer than the test waits.
		const path = await generated('cancelled.ndjson', 10_000);
		const cdp = await throttleUploads(page, 256 * 1024);
		await chooseSource(page, 'cancelled');
		await page.getByLabel(/choose files/).setInputFiles(path);

		await uploadPercentAbove(page, 'cancelled.ndjson', 0);
		// The server is receiving it into a folder of its own.
		await vi.waitFor(() => expect(uploadsOnServer()).toHaveLength(1), { timeout: 10_000 });
		const entry = pending(page, 'cancelled.ndjson');
		await entry.getByRole('button', { name: 'Cancel upload' }).click();

		await expect(entry.locator('.state').textContent()).resolves.toMatch(
			/^\s*Cancelled: nothing was imported\s*$/
		);
		await expect(entry.getByRole('progressbar').count()).resolves.toBe(0);
		await expect(entry.getByRole('button', { name: 'Cancel upload' }).count()).resolves.toBe(0);
		await expect(entry.locator('.error').count()).resolves.toBe(0);
		// The server drops what it had received, and starts no job.
		await vi.waitFor(() => expect(uploadsOnServer()).toEqual([]), { timeout: 15_000 });
		expect(stored()).toEqual(before);

		// The history says the same.
		await openImports(page);
		await expect(
			page.locator('table.history tbody tr', { hasText: 'cancelled.ndjson' }).count()
		).resolves.toBe(0);
		await expect(
			page.locator('table.history tr.unread', { hasText: 'cancelled.ndjson' }).count()
		).resolves.toBe(0);

		// The next file still uploads and is imported.
		await setUploadRate(cdp, -1);
		const at = (day: number) => `2026-03-0${day}T09:00:00Z`;
		const next = written('after-cancel.ndjson', [
			{ id: 'next-1', messages: [{ role: 'customer', created_at: at(2), text: 'Refund?' }] },
			{ id: 'next-2', messages: [{ role: 'customer', created_at: at(3), text: 'Hello' }] }
		]);
		await page.getByLabel(/choose files/).setInputFiles(next);
		const card = await finishedJob(page, 'after-cancel.ndjson');
		await expect(card.textContent()).resolves.toMatch(
			/2 records read: 2\s+imported, 0 duplicate,\s+0 rejected · 2 new conversations/
		);
		expect(stored()).toEqual({
			imports: before.imports + 1,
			importJobs: before.importJobs + 1,
			conversations: before.conversations + 2
		});
		await page.context().close();
	});

	it('leaves the page while the import runs and comes back to the same job, live, until it ends', async () => {
		const page = await newPage();
		await openImports(page);
		// About 68 MB: a reading phase of many seconds even on a fast machine.
		const path = await generated('background.ndjson', 80_000);
		await chooseSource(page, 'background');
		// The job the upload started is the one its card polls.
		const [firstPoll] = await Promise.all([
			page.waitForRequest(isJobPoll, { timeout: 30_000 }),
			page.getByLabel(/choose files/).setInputFiles(path)
		]);
		const job = new URL(firstPoll.url()).pathname.split('/').pop() ?? '';
		expect(jobRow(job)).toEqual({ kind: 'import', label: 'background.ndjson' });

		// Its card shows the import's progress: records, rate, time left.
		const live = /^([\d,]+) records read · [\d,]+ records\/s · [\d.]+ MB of 6\d MB · about .+ left/;
		const uploaded = page.locator('.queue .job', { hasText: 'background.ndjson' });
		const seen = await liveRecords(uploaded, live, 0);

		// Away to the conversations and back, as a user would, by the menu.
		await page
			.getByRole('navigation', { name: 'Main' })
			.getByRole('link', { name: 'Conversations' })
			.click();
		await page.waitForURL(`${base()}/conversations`);
		const [poll] = await Promise.all([
			page.waitForRequest(isJobPoll),
			page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Imports' }).click()
		]);
		// The page lists it among the background imports, and follows that same job, live.
		expect(new URL(poll.url()).pathname).toBe(`/api/imports/jobs/${job}`);
		const card = page.locator('section[aria-labelledby="running-title"] .job');
		await expect(card.count()).resolves.toBe(1);
		await expect(card.locator('.name').textContent()).resolves.toBe('background.ndjson');
		const later = await liveRecords(card, live, seen);
		await liveRecords(card, live, later);

		// It ends on this page: the history lists it once the page has re-read it, and the card
		// stays with its outcome and the link to its report.
		await page
			.locator('table.history tbody tr', { hasText: 'background.ndjson' })
			.locator('.status', { hasText: 'Done' })
			.waitFor({ timeout: 50_000 });
		await expect(card.count()).resolves.toBe(1);
		await expect(card.locator('.phase').textContent()).resolves.toBe('Imported');
		await expect(card.textContent()).resolves.toMatch(
			/80,000 records read: 80,000\s+imported, 0 duplicate,\s+0 rejected · 80,000 new conversations/
		);
		const [row, ...more] = importsOfJob(job);
		expect(more).toEqual([]);
		expect(row).toMatchObject({ status: 'done', recordsRead: 80_000 });
		await expect(
			card.getByRole('link', { name: 'See the report' }).getAttribute('href')
		).resolves.toBe(`/imports/${row?.id}`);
		await screenshot(page, 'imports-background-job-ended');
		await page.context().close();
	}, 90_000);
});
