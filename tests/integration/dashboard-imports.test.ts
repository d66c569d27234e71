import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	importProgress,
	importReport,
	importsPage,
	REJECTS_PAGE
} from '../../src/lib/server/dashboard/imports';
import { createImportStore } from '../../src/lib/server/db/repos/import-store';
import { getImport, interruptImportsOfJob } from '../../src/lib/server/db/repos/imports';
import { finishJob, insertJob } from '../../src/lib/server/db/repos/jobs';
import { importFiles } from '../../src/lib/server/ingest/service';
import { testDb } from '../helpers/db';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/csv', name);

describe('progress of a running import', () => {
	it('derives the share read, the rate and the time left from the import row', () => {
		const startedAt = 1_000_000;
		const row = {
			id: 7,
			sourceId: null,
			fileName: 'big.ndjson',
			format: 'canonical',
			sizeBytes: 1000,
			sha256: null,
			startedAt,
			finishedAt: null,
			status: 'running' as const,
			recordsRead: 400,
			recordsImported: 390,
			recordsDuplicate: 0,
			recordsRejected: 10,
			conversationsCreated: 390,
			conversationsUpdated: 0,
			messagesImported: 1200,
			encoding: 'utf-8',
			error: null,
			pid: null,
			bytesRead: 250,
			job: 'job-1',
			options: null
		};
		// 10 s in: 250 of 1000 bytes (25 %), 40 records/s, 750 bytes left at 25 bytes/s = 30 s.
		expect(importProgress(row, 'desk', startedAt + 10_000)).toMatchObject({
			fraction: 0.25,
			recordsPerSecond: 40,
			etaSeconds: 30
		});
		// Too early to tell a rate: no rate, no time left.
		expect(importProgress(row, 'desk', startedAt + 500)).toMatchObject({
			recordsPerSecond: null,
			etaSeconds: null
		});
		// Finished: the whole file, no time left, the rate over the whole run.
		expect(
			importProgress(
				{
					...row,
					status: 'done',
					finishedAt: startedAt + 20_000,
					bytesRead: 1000,
					recordsRead: 800
				},
				'desk',
				startedAt + 99_000
			)
		).toMatchObject({ fraction: 1, recordsPerSecond: 40, etaSeconds: null });
	});
});

describe('import report and history', () => {
	it('lists the imports newest first and pages an import’s rejects with their locators and reasons', async () => {
		const db = testDb();
		const dir = scratchDir();
		// 60 records: the 2nd, 4th, … (30 of them) have a time that is not a date.
		const records = Array.from({ length: 60 }, (_, i) => ({
			id: `r${i + 1}`,
			messages: [
				{
					role: 'customer',
					created_at: i % 2 === 1 ? `not a time ${i + 1}` : '2026-03-02T09:00:00Z',
					text: 'hello'
				}
			]
		}));
		await importFiles(db, [writeFile(dir, 'first.ndjson', ndjson(records.slice(0, 2)))]);
		const [second] = await importFiles(db, [writeFile(dir, 'second.ndjson', ndjson(records))]);
		expect(second?.importId).toBe(2);

		const page = importsPage(db);
		expect(
			page.history.map((row) =>
				row.kind === 'import'
					? [row.id, row.fileName, row.recordsRead, row.recordsRejected]
					: [row.key, row.fileName]
			)
		).toEqual([
			[2, 'second.ndjson', 60, 30],
			[1, 'first.ndjson', 2, 1]
		]);
		expect(page.running).toEqual([]);
		expect(page.cliRunning).toEqual([]);

		const report = importReport(db, 2, 0);
		expect(report?.import).toMatchObject({
			status: 'done',
			recordsRead: 60,
			recordsImported: 29,
			recordsDuplicate: 1,
			recordsRejected: 30
		});
		expect(report?.rejectRows).toBe(30);
		expect(REJECTS_PAGE).toBe(50);
		expect(report?.rejects).toHaveLength(30);
		expect(report?.next).toBeNull();
		expect(report?.rejects[0]).toMatchObject({
			locator: 'line 2 (id r2)',
			reason: "messages[0].created_at: not a date: 'not a time 2'"
		});
		expect(report?.rejects[0]?.raw).toContain('"id":"r2"');
		expect(report?.causes).toEqual([
			{ field: 'messages[0].created_at', problem: 'not a date', count: 30 }
		]);
		expect(importReport(db, 99, 0)).toBeNull();
	});

	it('lists as running from the command line only imports without a job, and interrupts the running imports of a job whose process has exited', () => {
		const db = testDb();
		const store = createImportStore(db);
		const begin = (fileName: string, job: string | null) =>
			store.beginImport({
				source: { name: 'mixed', tool: 'canonical' },
				fileName,
				format: 'canonical',
				sizeBytes: 100,
				startedAt: Date.UTC(2026, 2, 2),
				options: {},
				job
			}).importId;
		insertJob(db, { id: 'upload-job', kind: 'import', label: 'upload.ndjson', actor: 'test' });
		const upload = begin('upload.ndjson', 'upload-job');
		const cli = begin('cli.ndjson', null);
		// The upload's process was killed: its job ended, and its import is still marked running.
		finishJob(db, 'upload-job', { status: 'failed', error: 'the import stopped', result: null });
		// Its card (the uploader's) shows it; it is no command-line import.
		expect(importsPage(db).cliRunning.map((row) => row.fileName)).toEqual(['cli.ndjson']);

		const cause = 'the import process was stopped (SIGKILL) during this import';
		expect(interruptImportsOfJob(db, 'upload-job', cause)).toBe(1);
		expect(interruptImportsOfJob(db, 'upload-job', cause)).toBe(0);
		expect(getImport(db, upload)).toMatchObject({ status: 'interrupted', error: cause });
		expect(getImport(db, upload)?.finishedAt).toBeGreaterThan(Date.UTC(2026, 2, 2));
		expect(getImport(db, cli)).toMatchObject({ status: 'running', finishedAt: null });
		expect(importsPage(db).cliRunning.map((row) => row.fileName)).toEqual(['cli.ndjson']);
	});

	// The walkthrough's bug: each unrecognised upload added a 700-character red block above
	// the table, with a command-line flag in it, no row and no number, there for good.
	it('lists an uploaded file no importer recognises as a failed row with a short reason', async () => {
		const db = testDb();
		const dir = scratchDir();
		await importFiles(db, [
			writeFile(
				dir,
				'first.ndjson',
				ndjson([
					{
						id: 'a',
						messages: [{ role: 'customer', created_at: '2026-03-02T09:00:00Z', text: 'hello' }]
					}
				])
			)
		]);
		insertJob(db, { id: 'web-job', kind: 'import', label: 'notes.txt', actor: 'test' });
		const reports = await importFiles(db, [writeFile(dir, 'notes.txt', 'just some notes\n')], {
			job: 'web-job',
			audience: 'web'
		});
		finishJob(db, 'web-job', {
			status: 'failed',
			error: reports[0]?.error ?? null,
			result: { files: reports }
		});

		const history = importsPage(db).history;
		expect(history.map((row) => [row.kind, row.fileName, row.status])).toEqual([
			['unread', 'notes.txt', 'failed'],
			['import', 'first.ndjson', 'done']
		]);
		const row = history[0];
		if (row?.kind !== 'unread') throw new Error('no row for the unread upload');
		expect(row.summary).toBe('Not a format Parity recognises');
		expect(row.error).toMatch(/^notes\.txt: not a format Parity recognises\. Parity reads: /);
		expect(row.error).toContain("choose it in the upload form's Format list");
		expect(row.error).not.toContain('--format');
		// No source is made for a file nothing read.
		expect(db.sqlite.prepare('SELECT name FROM sources').all()).toEqual([{ name: 'canonical' }]);
	});

	it('counts the rejects by the field they name and what is wrong with it', async () => {
		const db = testDb();
		await importFiles(db, [fixture('helpdesk-messages.csv')]);
		// Line 16 has a cell too many (no field: the whole record), line 17 an impossible date.
		expect(importReport(db, 1, 0)?.causes).toEqual([
			{
				field: null,
				problem: '12 cells where the header has 11 (a delimiter or quote out of place?)',
				count: 1
			},
			{ field: 'Created At', problem: 'not a date', count: 1 }
		]);
	});

	it('counts a reason that begins with a sentence by that sentence, not as a field', async () => {
		const db = testDb();
		const good = (id: string) => ({
			id,
			messages: [{ role: 'customer', created_at: '2026-03-02T09:00:00Z', text: 'hi' }]
		});
		const text = [
			JSON.stringify(good('a')),
			'{"id": "b", "messages": [}',
			'{"id": "c" "messages": []}',
			JSON.stringify({ id: 'd', messages: [{ role: 'customer', created_at: 'soon', text: 'x' }] })
		].join('\n');
		await importFiles(db, [writeFile(scratchDir(), 'broken.ndjson', text + '\n')]);
		expect(importReport(db, 1, 0)?.causes).toEqual([
			{ field: null, problem: 'not JSON', count: 2 },
			{ field: 'messages[0].created_at', problem: 'not a date', count: 1 }
		]);
	});

	it('pages more than a page of rejects by the last id seen', async () => {
		const db = testDb();
		const bad = Array.from({ length: REJECTS_PAGE + 3 }, (_, i) => ({
			id: `bad${i}`,
			messages: [{ role: 'customer', created_at: 'never', text: 'x' }]
		}));
		await importFiles(db, [writeFile(scratchDir(), 'bad.ndjson', ndjson(bad))]);
		const first = importReport(db, 1, 0);
		expect(first?.rejects).toHaveLength(REJECTS_PAGE);
		expect(first?.next).toBe(first?.rejects.at(-1)?.id);
		const second = importReport(db, 1, first?.next ?? 0);
		expect(second?.rejects.map((reject) => reject.locator)).toEqual([
			'line 51 (id bad50)',
			'line 52 (id bad51)',
			'line 53 (id bad52)'
		]);
		expect(second?.next).toBeNull();
	});
});
