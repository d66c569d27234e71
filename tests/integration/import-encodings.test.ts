import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/server/ingest/service';
import { testDb } from '../helpers/db';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

const TEXT = 'Ma carte a été débitée deux fois — 49,90 € — « remboursement » s’il vous plaît';
const record = (id: string, text = TEXT) => ({
	id,
	channel: 'email',
	messages: [{ role: 'customer', created_at: '2026-03-02T09:00:00Z', text }]
});

async function importedBody(file: string) {
	const db = testDb();
	const [report] = await importFiles(db, [file]);
	const bodies = db.sqlite.prepare('SELECT body FROM messages ORDER BY id').all() as Array<{
		body: string;
	}>;
	return { report, bodies: bodies.map((row) => row.body) };
}

describe('encodings and compression of canonical exports', () => {
	const text = ndjson([record('a'), record('b')]);

	it.each([
		['UTF-8 without BOM', Buffer.from(text, 'utf8'), 'utf-8'],
		[
			'UTF-8 with BOM',
			Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
			'utf-8-bom'
		],
		[
			'UTF-16 LE with BOM',
			Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]),
			'utf-16le'
		],
		[
			'UTF-16 BE with BOM',
			Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')]),
			'utf-16be'
		]
	])('reads %s', async (_name, bytes, encoding) => {
		const { report, bodies } = await importedBody(writeFile(scratchDir(), 'export.ndjson', bytes));
		expect(report?.encoding).toBe(encoding);
		expect(report?.counts.recordsImported).toBe(2);
		expect(bodies).toEqual([TEXT, TEXT]);
	});

	it('falls back to Windows-1252 for bytes that are not UTF-8, line by line', async () => {
		// A file stitched from a UTF-8 export and a legacy one: each part keeps its own text.
		const legacy = 'Bonjour, “merci” pour le café — 20 €';
		const bytes = Buffer.concat([
			Buffer.from(JSON.stringify(record('utf8')) + '\n', 'utf8'),
			iconv.encode(JSON.stringify(record('cp1252', legacy)) + '\n', 'windows-1252')
		]);
		const { report, bodies } = await importedBody(writeFile(scratchDir(), 'export.ndjson', bytes));
		expect(report?.encoding).toBe('utf-8+windows-1252');
		expect(bodies).toEqual([TEXT, legacy]);
	});

	it('reads a Windows-1252 file from its first bytes', async () => {
		const legacy = 'Réclamation: “colis” non reçu, 35 €';
		const bytes = iconv.encode(ndjson([record('x', legacy)]), 'windows-1252');
		const { report, bodies } = await importedBody(writeFile(scratchDir(), 'export.ndjson', bytes));
		expect(report?.encoding).toBe('windows-1252');
		expect(bodies).toEqual([legacy]);
	});

	it('reads a gzip file by its magic bytes, whatever its name, and hashes the file as stored', async () => {
		const dir = scratchDir();
		const file = writeFile(dir, 'export.ndjson.gz', text, { gzip: true });
		const { report, bodies } = await importedBody(file);
		expect(report?.format).toBe('canonical');
		expect(bodies).toEqual([TEXT, TEXT]);
		const renamed = writeFile(dir, 'export-without-extension', text, { gzip: true });
		const second = await importedBody(renamed);
		expect(second.bodies).toEqual([TEXT, TEXT]);
	});

	it('reads a truncated gzip file up to the cut, says it was cut short, and a full copy adds the rest', async () => {
		const dir = scratchDir();
		// Random text, so that compression cannot squeeze 2,000 records into a few bytes.
		const records = Array.from({ length: 2_000 }, (_, i) =>
			record(`t${i}`, `${TEXT} ${randomBytes(24).toString('hex')}`)
		);
		const full = writeFile(dir, 'full.ndjson.gz', ndjson(records), { gzip: true });
		const bytes = readFileSync(full);
		const cut = writeFile(dir, 'cut.ndjson.gz', bytes.subarray(0, Math.floor(bytes.length / 2)));
		const db = testDb();
		const [report] = await importFiles(db, [cut]);
		expect(report?.status).toBe('done');
		expect(report?.warnings).toEqual([
			'cut.ndjson.gz: the gzip data ends early, so the file looks cut short (an interrupted download or copy?): every record up to the cut was read, whatever came after it is missing. Export it again to import the rest.'
		]);
		const counts = report?.counts;
		// Every line that arrived is accounted for: whole ones imported, the one cut in two rejected.
		expect(counts?.recordsRejected).toBe(1);
		expect(counts?.recordsImported).toBeGreaterThan(500);
		expect(counts?.recordsImported).toBeLessThan(2_000);
		expect(counts?.recordsRead).toBe((counts?.recordsImported ?? 0) + 1);
		const [again] = await importFiles(db, [full]);
		expect(again?.warnings).toEqual([]);
		expect(again?.counts).toMatchObject({
			recordsDuplicate: counts?.recordsImported,
			recordsImported: 2_000 - (counts?.recordsImported ?? 0)
		});
		expect(db.sqlite.prepare('SELECT COUNT(*) AS n FROM conversations').get()).toEqual({
			n: 2_000
		});
	});

	it('reads a multi-megabyte JSON array with multi-byte characters split across chunk boundaries', async () => {
		const many = Array.from({ length: 20_000 }, (_, i) =>
			record(`r${i}`, `${TEXT} ${'é'.repeat(i % 50)}`)
		);
		const file = writeFile(scratchDir(), 'big.json', JSON.stringify(many));
		const db = testDb();
		const [report] = await importFiles(db, [file]);
		expect(report?.counts.recordsImported).toBe(20_000);
		const sample = db.sqlite
			.prepare("SELECT body FROM messages WHERE body LIKE '%' || ? ORDER BY id LIMIT 1")
			.get('é'.repeat(49));
		expect(sample).toEqual({ body: `${TEXT} ${'é'.repeat(49)}` });
	});
});
