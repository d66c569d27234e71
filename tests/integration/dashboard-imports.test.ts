import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../src/lib/server/app';
import {
	deleteMapping,
	importProgress,
	importReport,
	importsPage,
	jobProgress,
	MappingInput,
	previewUpload,
	REJECTS_PAGE,
	saveMapping
} from '../../src/lib/server/dashboard/imports';
import { createImportStore } from '../../src/lib/server/db/repos/import-store';
import { getImport, interruptImportsOfJob } from '../../src/lib/server/db/repos/imports';
import { finishJob, insertJob } from '../../src/lib/server/db/repos/jobs';
import { setSetting } from '../../src/lib/server/db/repos/settings';
import { importFiles } from '../../src/lib/server/ingest/service';
import { headerSignature } from '../../src/lib/server/uploads/inspect';
import { importUpload, UploadQuery } from '../../src/lib/server/uploads/import-upload';
import { auditActions, SYSTEM } from '../helpers/auth';
import { testDb } from '../helpers/db';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/csv', name);

function streamOf(bytes: Uint8Array, chunkSize = 4096): ReadableStream<Uint8Array> {
	let offset = 0;
	return new ReadableStream({
		pull(controller) {
			if (offset >= bytes.length) return controller.close();
			controller.enqueue(bytes.subarray(offset, offset + chunkSize));
			offset += chunkSize;
		}
	});
}
const fileStream = (path: string, chunkSize?: number) => streamOf(readFileSync(path), chunkSize);

/** Uploads are imported by a child process: it needs a database file to open. */
function fileDb() {
	const db = openAppDatabase(join(scratchDir(), 'imports.db'));
	setSetting(db, 'privacy.minimizeAtImport', false);
	return db;
}

const ODD_HEADERS = ['Case Ref', 'Who', 'Name', 'When', 'Said'];
const ODD_MAPPING = {
	columns: {
		conversationId: 'Case Ref',
		role: 'Who',
		authorName: 'Name',
		timestamp: 'When',
		text: 'Said'
	},
	timeZone: 'Europe/Oslo',
	roleValues: { Robot: 'ai' as const }
};

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
		expect(importProgress(row, startedAt + 10_000)).toMatchObject({
			fraction: 0.25,
			recordsPerSecond: 40,
			etaSeconds: 30
		});
		// Too early to tell a rate: no rate, no time left.
		expect(importProgress(row, startedAt + 500)).toMatchObject({
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
			page.history.map((row) => [row.id, row.fileName, row.recordsRead, row.recordsRejected])
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
		const sourceId = store.ensureSource('mixed', 'canonical');
		const begin = (fileName: string, job: string | null) =>
			store.beginImport({
				sourceId,
				fileName,
				format: 'canonical',
				sizeBytes: 100,
				startedAt: Date.UTC(2026, 2, 2),
				options: {},
				job
			});
		insertJob(db, { id: 'upload-job', kind: 'import', label: 'upload.ndjson', actor: 'test' });
		const upload = begin('upload.ndjson', 'upload-job');
		const cli = begin('cli.ndjson', null);
		// The upload's process was killed: its job ended, and its import is still marked running.
		finishJob(db, 'upload-job', { status: 'failed', error: 'the import stopped', result: null });
		// Its card (the uploader's) shows it; it is no command-line import.
		expect(importsPage(db).cliRunning.map((row) => row.fileName)).toEqual(['cli.ndjson']);

		expect(interruptImportsOfJob(db, 'upload-job')).toBe(1);
		expect(interruptImportsOfJob(db, 'upload-job')).toBe(0);
		expect(getImport(db, upload)).toMatchObject({ status: 'interrupted' });
		expect(getImport(db, upload)?.finishedAt).toBeGreaterThan(Date.UTC(2026, 2, 2));
		expect(getImport(db, cli)).toMatchObject({ status: 'running', finishedAt: null });
		expect(importsPage(db).cliRunning.map((row) => row.fileName)).toEqual(['cli.ndjson']);
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

describe('column mapping', () => {
	it('previews a CSV file whose header Parity cannot place, and asks for a mapping', async () => {
		const db = testDb();
		const result = await previewUpload(db, {
			body: fileStream(fixture('odd-headers.csv')),
			query: { filename: 'odd-headers.csv' },
			dir: scratchDir()
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value).toMatchObject({
			format: 'csv',
			needsMapping: true,
			saved: null,
			source: 'csv'
		});
		expect(result.value.csv?.headers).toEqual(ODD_HEADERS);
		// The file has 6 rows after its header, all shown.
		expect(result.value.csv?.rows).toHaveLength(6);
		expect(result.value.csv?.rows[0]).toEqual([
			'K-77',
			'Client',
			'Ingrid Olsen',
			'2026-03-10 14:00',
			"My parcel says delivered but it isn't here."
		]);
		expect(result.value.csv?.proposal.missing).toEqual(['conversationId', 'text', 'timestamp']);
		expect(result.value.csv?.signature).toBe(headerSignature(ODD_HEADERS));
	});

	it('does not ask about a header it recognises', async () => {
		const db = testDb();
		const result = await previewUpload(db, {
			body: fileStream(fixture('helpdesk-messages.csv')),
			query: { filename: 'helpdesk-messages.csv' },
			dir: scratchDir()
		});
		expect(result.ok && result.value.needsMapping).toBe(false);
		expect(result.ok && result.value.csv?.proposal.missing).toEqual([]);
	});

	it('refuses a mapping that names no column for a needed field, a column the file lacks, or one column twice', () => {
		const db = testDb();
		const refused = saveMapping(
			db,
			SYSTEM,
			MappingInput.parse({
				source: 'csv',
				headers: ODD_HEADERS,
				mapping: { columns: { conversationId: 'Case Ref', text: 'Case Ref', role: 'Whom' } }
			})
		);
		expect(refused).toEqual({
			ok: false,
			status: 400,
			errors: {
				role: 'the file has no column “Whom”',
				form: 'column “Case Ref” is mapped to two fields',
				timestamp: 'choose the column with the timestamp'
			}
		});
		expect(db.sqlite.prepare('SELECT COUNT(*) AS n FROM column_mappings').get()).toEqual({ n: 0 });
		expect(auditActions(db)).toEqual([]);
	});

	it('saves a mapping per source and header, which the next preview finds, and deletes it', async () => {
		const db = testDb();
		const saved = saveMapping(
			db,
			SYSTEM,
			MappingInput.parse({ source: 'csv', headers: ODD_HEADERS, mapping: ODD_MAPPING })
		);
		expect(saved.ok).toBe(true);
		if (!saved.ok) return;
		// Saving again for the same header replaces it: still one mapping.
		saveMapping(
			db,
			SYSTEM,
			MappingInput.parse({ source: 'csv', headers: ODD_HEADERS, mapping: ODD_MAPPING })
		);
		expect(importsPage(db).mappings).toEqual([
			expect.objectContaining({ id: saved.value.id, source: 'csv', columns: ODD_MAPPING.columns })
		]);

		const preview = await previewUpload(db, {
			body: fileStream(fixture('odd-headers.csv')),
			query: { filename: 'odd-headers.csv' },
			dir: scratchDir()
		});
		expect(preview.ok && preview.value).toMatchObject({
			needsMapping: false,
			saved: { id: saved.value.id, updatedBy: 'test' }
		});
		// Another source's file with the same header is asked about again.
		const other = await previewUpload(db, {
			body: fileStream(fixture('odd-headers.csv')),
			query: { filename: 'odd-headers.csv', source: 'other-desk' },
			dir: scratchDir()
		});
		expect(other.ok && other.value.needsMapping).toBe(true);

		expect(deleteMapping(db, SYSTEM, saved.value.id)).toEqual({
			ok: true,
			value: { deleted: saved.value.id }
		});
		expect(deleteMapping(db, SYSTEM, saved.value.id)).toMatchObject({ ok: false, status: 404 });
		expect(auditActions(db)).toEqual(['mapping.save', 'mapping.save', 'mapping.save']);
	});

	it('waits for the report unless told not to (scripts read the report; the page follows the job)', () => {
		expect(UploadQuery.parse({ filename: 'a.csv' }).wait).toBe(true);
		expect(UploadQuery.parse({ filename: 'a.csv', wait: '0' }).wait).toBe(false);
		expect(UploadQuery.parse({ filename: 'a.csv', wait: 'yes' }).wait).toBe(true);
	});

	it('compares headers as the importer does: case, spaces and punctuation aside', () => {
		expect(headerSignature(['Ticket ID', 'Body'])).toBe(headerSignature(['ticket_id', 'body']));
		expect(headerSignature(['Ticket ID', 'Body'])).not.toBe(headerSignature(['Body', 'Ticket ID']));
	});

	it('imports the next upload with that header through the saved mapping, without asking', async () => {
		const db = fileDb();
		const dir = scratchDir();
		const query = UploadQuery.parse({ filename: 'odd-headers.csv', wait: '1' });
		const unmapped = await importUpload(db, SYSTEM, {
			body: fileStream(fixture('odd-headers.csv')),
			declaredBytes: null,
			query,
			dir
		});
		expect(unmapped.ok && unmapped.value.files?.[0]).toMatchObject({
			status: 'failed',
			error: expect.stringContaining('cannot tell which columns hold the conversations')
		});

		saveMapping(
			db,
			SYSTEM,
			MappingInput.parse({ source: 'csv', headers: ODD_HEADERS, mapping: ODD_MAPPING })
		);
		const mapped = await importUpload(db, SYSTEM, {
			body: fileStream(fixture('odd-headers.csv'), 100),
			declaredBytes: null,
			query,
			dir
		});
		expect(mapped.ok).toBe(true);
		if (!mapped.ok) return;
		expect(mapped.value.files?.[0]).toMatchObject({ status: 'done', format: 'csv' });
		// 6 rows, 2 conversations (K-77 with 4 messages, K-78 with 2).
		expect(mapped.value.files?.[0]?.counts).toEqual({
			recordsRead: 6,
			recordsImported: 6,
			recordsDuplicate: 0,
			recordsRejected: 0,
			conversationsCreated: 2,
			conversationsUpdated: 0,
			messagesImported: 6
		});
		const progress = jobProgress(db, mapped.value.job);
		expect(progress).toMatchObject({ phase: 'done', fileName: 'odd-headers.csv' });
		const id = progress?.imports[0]?.id ?? 0;
		// The import records the mapping it was read with; "Robot" is the mapping's AI.
		expect(getImport(db, id)?.options).toMatchObject({ mapping: ODD_MAPPING });
		expect(importReport(db, id, 0)).toMatchObject({
			mapped: true,
			job: { id: mapped.value.job, actor: 'test', status: 'done' },
			reading: { detection: null, warnings: [] }
		});
		expect(
			db.sqlite
				.prepare(
					`SELECT c.external_id AS id, c.handler FROM conversations c ORDER BY c.external_id`
				)
				.all()
		).toEqual([
			{ id: 'K-77', handler: 'hybrid' },
			{ id: 'K-78', handler: 'ai' }
		]);
		// Both uploads were removed when their jobs ended.
		expect(readdirSync(dir)).toEqual([]);
		db.close();
	}, 60_000);
});
