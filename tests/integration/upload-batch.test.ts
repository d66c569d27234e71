import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../src/lib/server/app';
import type { Actor } from '../../src/lib/server/audit';
import { saveMapping } from '../../src/lib/server/dashboard/imports';
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
		// A file of another export, whose columns Parity cannot place: imported on its own,
		// and recorded as failed with the reason, not dropped.
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
			['ticket_data.csv', 'zendesk-warehouse', 'done'],
			['notes.csv', 'csv', 'failed']
		]);
		const [fromFolder] = await importFiles(testDb(), [FOLDER]);
		expect(files[0]?.counts).toEqual(fromFolder?.counts);
		expect(files[1]?.error).toMatch(
			/^notes\.csv: cannot tell which columns hold the conversations/
		);

		const rows = importsOfJob(handle, started.value.job);
		expect(rows.map((row) => [row.fileName.split(' + ').length, row.status])).toEqual([
			[13, 'done'],
			[1, 'failed']
		]);
		expect(rows[0]?.fileName.startsWith('ticket_data.csv + ')).toBe(true);
		expect(rows[0]?.recordsRead).toBe(42);
		expect(getJob(handle, started.value.job)).toMatchObject({
			label: `14 files: ${[...TABLES, 'notes.csv'].sort().join(', ')}`.slice(0, 199) + '…',
			status: 'failed'
		});
		// The batch's folder goes with the job; a second start finds nothing.
		expect(existsSync(join(uploads, `upload-batch-${batch}`))).toBe(false);
		const again = await startBatch(handle, analyst, { batch, dir: uploads, query: { wait: true } });
		expect(again.ok ? null : again.status).toBe(404);
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
		).toEqual([
			['calls.csv', 'done', 2],
			['chats.csv', 'failed', 0]
		]);
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
