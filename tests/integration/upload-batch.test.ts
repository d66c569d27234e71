import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../src/lib/server/app';
import type { Actor } from '../../src/lib/server/audit';
import { importsPage, jobProgress, saveMapping } from '../../src/lib/server/dashboard/imports';
import type { DbHandle } from '../../src/lib/server/db/client';
import { importsOfJob } from '../../src/lib/server/db/repos/imports';
import { getJob } from '../../src/lib/server/db/repos/jobs';
import { importFiles } from '../../src/lib/server/ingest/service';
import {
	addBatchFile,
	createBatch,
	discardBatch,
	startBatch
} from '../../src/lib/server/uploads/batch';
import { importHeldFiles } from '../../src/lib/server/uploads/held';
import { testDb } from '../helpers/db';
import { scratchDir } from '../helpers/files';

/**
 * A web upload of a warehouse export: its tables arrive as temporary files under random
 * names, each with the name the user's browser gave it. They must be read together, as the
 * CLI reads the folder, which the tables' own names decide (never the temporary paths).
 */

const FOLDER = join(process.cwd(), 'tests/fixtures/zendesk/fivetran_dbt_zendesk');
const TABLES = readdirSync(FOLDER).sort();

/** The folder's tables copied to random names, each in a folder of its own (as uploads are). */
function asUploads(): { paths: string[]; fileNames: Map<string, string> } {
	const dir = scratchDir('parity-uploads-');
	const fileNames = new Map<string, string>();
	for (const table of TABLES) {
		const folder = join(dir, `upload-${randomBytes(4).toString('hex')}`);
		mkdirSync(folder);
		const path = join(folder, randomBytes(8).toString('hex'));
		copyFileSync(join(FOLDER, table), path);
		fileNames.set(path, table);
	}
	return { paths: [...fileNames.keys()], fileNames };
}

describe('a warehouse export uploaded as temporary files', () => {
	it('is read as one export, as the CLI reads its folder, by the names the user gave', async () => {
		const [fromFolder, ...moreFromFolder] = await importFiles(testDb(), [FOLDER]);
		expect(moreFromFolder).toEqual([]);
		expect(TABLES).toHaveLength(13);

		const { paths, fileNames } = asUploads();
		const reports = await importFiles(testDb(), paths, { fileNames });
		expect(reports.map((report) => [report.fileName, report.format, report.status])).toEqual([
			['ticket_data.csv', 'zendesk-warehouse', 'done']
		]);
		const [report] = reports;
		expect(report?.detection).toBe('read together with 12 companion files');
		expect(report?.counts).toEqual(fromFolder?.counts);
		// Hand-counted in import-zendesk.test.ts: 10 tickets + 20 comments + 12 chat events.
		expect(report?.counts).toMatchObject({
			recordsRead: 42,
			recordsImported: 10,
			recordsRejected: 32
		});
		expect(report?.warnings).toEqual(fromFolder?.warnings);
	});
});

const analyst: Actor = { userId: null, label: 'analyst@example.com', address: null };

/** Sends a file into a batch as the upload endpoint does: its bytes as a stream. */
function send(handle: DbHandle, dir: string, batch: string, fileName: string, bytes: Buffer) {
	return addBatchFile(handle, analyst, {
		batch,
		body: new Blob([new Uint8Array(bytes)]).stream(),
		declaredBytes: bytes.length,
		fileName,
		dir
	});
}

describe('a batch of uploaded files', () => {
	it('is imported by one job that reads the warehouse tables together, as the CLI does', async () => {
		const scratch = scratchDir();
		const handle = openAppDatabase(join(scratch, 'parity.db'));
		const uploads = join(scratch, 'uploads');
		const { batch } = await createBatch(uploads, analyst);
		for (const table of TABLES) {
			const sent = await send(handle, uploads, batch, table, readFileSync(join(FOLDER, table)));
			expect(sent.ok).toBe(true);
		}
		// A file of another export, whose columns Parity cannot place: held back until they are
		// mapped (the next test), not failed and not dropped.
		const notes = 'Ref,Note\n1,called back\n';
		expect((await send(handle, uploads, batch, 'notes.csv', Buffer.from(notes))).ok).toBe(true);

		const started = await startBatch(handle, analyst, {
			batch,
			dir: uploads,
			query: { wait: true }
		});
		expect(started.ok).toBe(true);
		if (!started.ok) return;
		const files = started.value.files ?? [];
		expect(files.map((file) => [file.fileName, file.format, file.status])).toEqual([
			['ticket_data.csv', 'zendesk-warehouse', 'done']
		]);
		expect(started.value.awaitingMapping).toEqual(['notes.csv']);
		const [fromFolder] = await importFiles(testDb(), [FOLDER]);
		expect(files[0]?.counts).toEqual(fromFolder?.counts);

		const rows = importsOfJob(handle, started.value.job);
		expect(rows.map((row) => [row.fileName.split(' + ').length, row.status])).toEqual([
			[13, 'done']
		]);
		expect(rows[0]?.fileName.startsWith('ticket_data.csv + ')).toBe(true);
		expect(rows[0]?.recordsRead).toBe(42);
		expect(getJob(handle, started.value.job)).toMatchObject({
			label: `14 files: ${[...TABLES, 'notes.csv'].sort().join(', ')}`.slice(0, 199) + '…',
			status: 'done',
			awaiting: { batch, source: null, files: [{ name: 'notes.csv', bytes: notes.length }] }
		});
		// The tables went with the job; the held file stays in the batch's folder. A second
		// start of the batch imports nothing twice.
		const folder = join(uploads, `upload-batch-${batch}`);
		const held = getJob(handle, started.value.job)?.awaiting?.files[0]?.file;
		expect(readdirSync(folder).sort()).toEqual([held, 'files.ndjson', 'owner', 'started'].sort());
		const again = await startBatch(handle, analyst, { batch, dir: uploads, query: { wait: true } });
		expect(again.ok ? null : again.status).toBe(409);
		handle.close();
	}, 60_000);

	it('reads each CSV file with the mapping saved for its header', async () => {
		const scratch = scratchDir();
		const handle = openAppDatabase(join(scratch, 'parity.db'));
		const uploads = join(scratch, 'uploads');
		const header = ['Case Ref', 'Who', 'Said', 'When'];
		const saved = saveMapping(handle, analyst, {
			source: 'calls',
			headers: header,
			mapping: {
				columns: { conversationId: 'Case Ref', role: 'Who', text: 'Said', timestamp: 'When' }
			}
		});
		expect(saved.ok).toBe(true);
		const { batch } = await createBatch(uploads, analyst);
		const calls = `${header.join(',')}\nA1,customer,Hello,2026-03-02T09:00:00Z\nA2,customer,Hi,2026-03-03T09:00:00Z\n`;
		const chats = 'Ticket,Words\n1,hello\n';
		await send(handle, uploads, batch, 'calls.csv', Buffer.from(calls));
		await send(handle, uploads, batch, 'chats.csv', Buffer.from(chats));
		const started = await startBatch(handle, analyst, {
			batch,
			dir: uploads,
			query: { source: 'calls', wait: true }
		});
		if (!started.ok) throw new Error(JSON.stringify(started.errors));
		expect(
			(started.value.files ?? []).map((file) => [
				file.fileName,
				file.status,
				file.counts.recordsImported
			])
		).toEqual([['calls.csv', 'done', 2]]);
		// No mapping saved for its header from this source: it waits for one.
		expect(started.value.awaitingMapping).toEqual(['chats.csv']);
		handle.close();
	}, 60_000);

	it('is refused to another user, and can be cancelled before it starts', async () => {
		const scratch = scratchDir();
		const handle = openAppDatabase(join(scratch, 'parity.db'));
		const uploads = join(scratch, 'uploads');
		const { batch } = await createBatch(uploads, analyst);
		const other: Actor = { userId: null, label: 'other@example.com', address: null };
		const stolen = await addBatchFile(handle, other, {
			batch,
			body: new Blob(['x']).stream(),
			declaredBytes: 1,
			fileName: 'x.csv',
			dir: uploads
		});
		expect(stolen.ok ? null : stolen.status).toBe(404);
		expect((await send(handle, uploads, batch, 'a.ndjson', Buffer.from('{}\n'))).ok).toBe(true);
		expect((await discardBatch(uploads, batch, analyst)).ok).toBe(true);
		expect(readdirSync(uploads)).toEqual([]);
		const late = await startBatch(handle, analyst, { batch, dir: uploads, query: { wait: true } });
		expect(late.ok ? null : late.status).toBe(404);
		handle.close();
	});
});

describe('a file of a batch whose columns need mapping', () => {
	it('waits on its job with its preview, and once mapped is imported by that job into its source, once', async () => {
		const scratch = scratchDir();
		const handle = openAppDatabase(join(scratch, 'parity.db'));
		const uploads = join(scratch, 'uploads');
		const { batch } = await createBatch(uploads, analyst);
		const chat = JSON.stringify({
			id: 'chat-1',
			messages: [{ role: 'customer', created_at: '2026-03-02T09:00:00Z', text: 'Refund?' }]
		});
		const notes =
			'Ref,Who,Note,At\nN1,customer,called back,2026-03-03T10:00:00Z\nN2,customer,left a message,2026-03-04T11:00:00Z\n';
		await send(handle, uploads, batch, 'chat.ndjson', Buffer.from(`${chat}\n`));
		await send(handle, uploads, batch, 'notes.csv', Buffer.from(notes));
		const started = await startBatch(handle, analyst, {
			batch,
			dir: uploads,
			query: { source: 'desk', wait: true }
		});
		if (!started.ok) throw new Error(JSON.stringify(started.errors));
		const job = started.value.job;
		expect((started.value.files ?? []).map((file) => [file.fileName, file.status])).toEqual([
			['chat.ndjson', 'done']
		]);

		// What its card shows: the file, the source its mapping is saved for, its first rows.
		const progress = jobProgress(handle, job);
		expect(progress?.phase).toBe('done');
		expect(progress?.awaiting).toHaveLength(1);
		const [waiting] = progress?.awaiting ?? [];
		expect(waiting).toMatchObject({
			fileName: 'notes.csv',
			source: 'desk',
			preview: {
				headers: ['Ref', 'Who', 'Note', 'At'],
				rows: [
					['N1', 'customer', 'called back', '2026-03-03T10:00:00Z'],
					['N2', 'customer', 'left a message', '2026-03-04T11:00:00Z']
				]
			}
		});
		expect(waiting?.preview.proposal.missing.length).toBeGreaterThan(0);
		// The imports page lists the job, ended, for its card to ask the uploader for the mapping.
		expect(importsPage(handle, analyst.label).running.map((row) => row.job)).toEqual([job]);
		expect(importsPage(handle, 'other@example.com').running).toEqual([]);

		const key = waiting?.key ?? '';
		const request = { job, files: [key], dir: uploads, wait: true };
		const early = await importHeldFiles(handle, analyst, request);
		expect(early).toMatchObject({
			ok: false,
			status: 400,
			errors: { files: 'Map the columns of notes.csv first.' }
		});
		const other: Actor = { userId: null, label: 'other@example.com', address: null };
		const stolen = await importHeldFiles(handle, other, request);
		expect(stolen.ok ? null : stolen.status).toBe(404);

		expect(
			saveMapping(handle, analyst, {
				source: 'desk',
				headers: ['Ref', 'Who', 'Note', 'At'],
				mapping: {
					columns: { conversationId: 'Ref', role: 'Who', text: 'Note', timestamp: 'At' }
				}
			}).ok
		).toBe(true);
		const mapped = await importHeldFiles(handle, analyst, request);
		if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
		expect(mapped.value.job).toBe(job);
		expect(
			(mapped.value.files ?? []).map((file) => [
				file.fileName,
				file.status,
				file.counts.recordsImported
			])
		).toEqual([['notes.csv', 'done', 2]]);

		// One job, both files, one source; nothing left waiting, and the batch's folder gone.
		const after = jobProgress(handle, job);
		expect(after?.phase).toBe('done');
		expect(after?.awaiting).toEqual([]);
		expect(after?.imports.map((row) => [row.fileName, row.source, row.status])).toEqual([
			['chat.ndjson', 'desk', 'done'],
			['notes.csv', 'desk', 'done']
		]);
		expect(getJob(handle, job)?.result).toMatchObject({
			files: [{ fileName: 'chat.ndjson' }, { fileName: 'notes.csv' }]
		});
		expect(readdirSync(uploads)).toEqual([]);
		expect(importsPage(handle, analyst.label).running).toEqual([]);
		const conversations = handle.sqlite
			.prepare('SELECT external_id AS id FROM conversations ORDER BY external_id')
			.all();
		expect(conversations).toEqual([{ id: 'N1' }, { id: 'N2' }, { id: 'chat-1' }]);

		// Sent twice (a retry): imported once.
		const twice = await importHeldFiles(handle, analyst, request);
		expect(twice.ok ? null : twice.status).toBe(404);
		handle.close();
	}, 60_000);
});
