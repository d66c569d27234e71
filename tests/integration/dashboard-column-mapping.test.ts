import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../src/lib/server/app';
import {
	deleteMapping,
	importReport,
	importsPage,
	jobProgress,
	MappingInput,
	previewUpload,
	saveMapping
} from '../../src/lib/server/dashboard/imports';
import { getImport } from '../../src/lib/server/db/repos/imports';
import { setSetting } from '../../src/lib/server/db/repos/settings';
import { headerSignature } from '../../src/lib/server/uploads/inspect';
import { importUpload, UploadQuery } from '../../src/lib/server/uploads/import-upload';
import { auditActions, SYSTEM } from '../helpers/auth';
import { testDb } from '../helpers/db';
import { scratchDir } from '../helpers/files';

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

	// The walkthrough's bug: "Author role" was optional on the form, the mapping was saved,
	// and the import then failed on it — and so did every later file from that source.
	it('refuses a mapping the import would fail on (nothing says who wrote), saving nothing', () => {
		const db = testDb();
		const body = {
			source: 'new-desk',
			headers: ['Case Ref', 'Said', 'When'],
			rows: [
				['C-1', 'my parcel is late', '2026-03-02 09:00'],
				['C-1', 'sorry, checking now', '2026-03-02 09:01'],
				['C-2', 'wrong size', '2026-03-03 10:00']
			],
			mapping: { columns: { conversationId: 'Case Ref', text: 'Said', timestamp: 'When' } }
		};
		const refused = saveMapping(db, SYSTEM, MappingInput.parse(body));
		expect(refused).toEqual({
			ok: false,
			status: 400,
			errors: {
				role: 'Choose the column that says who wrote each message (customer, agent, bot — or inbound/outbound). Without one, each message must start with its speaker (“Customer: …”), and the cells of “Said” do not.'
			}
		});
		expect(JSON.stringify(refused)).not.toContain('--');
		expect(db.sqlite.prepare('SELECT COUNT(*) AS n FROM column_mappings').get()).toEqual({ n: 0 });
		expect(db.sqlite.prepare('SELECT COUNT(*) AS n FROM sources').get()).toEqual({ n: 0 });
		expect(auditActions(db)).toEqual([]);

		// The same columns whose cells name their speakers need no role column.
		const prefixed = body.rows.map(([id, said, when], i) => [
			id as string,
			`${i === 1 ? 'Agent' : 'Customer'}: ${said}`,
			when as string
		]);
		expect(saveMapping(db, SYSTEM, MappingInput.parse({ ...body, rows: prefixed })).ok).toBe(true);
		expect(db.sqlite.prepare('SELECT COUNT(*) AS n FROM column_mappings').get()).toEqual({ n: 1 });
	});

	it('asks for the author role when the header names every other field but nothing says who wrote', async () => {
		const db = testDb();
		const csv =
			'ticket_id,body,created_at\nT1,my card was declined,2026-03-02 09:00\nT1,let me check,2026-03-02 09:01\n';
		const result = await previewUpload(db, {
			body: streamOf(new TextEncoder().encode(csv)),
			query: { filename: 'tickets.csv', source: 'new-desk' },
			dir: scratchDir()
		});
		expect(result.ok && result.value).toMatchObject({
			needsMapping: true,
			csv: { proposal: { missing: ['role'] } }
		});
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
