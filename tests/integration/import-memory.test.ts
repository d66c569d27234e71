import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/server/ingest/service';
import { CLI_NODE_FLAGS, projectRoot } from '../../src/lib/server/paths';
import { testDb } from '../helpers/db';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

describe('the memory an import runs with', () => {
	it('imports with a smaller page cache, a longer write-ahead log and sorts on disk, and gives the connection its own back afterwards', async () => {
		const db = testDb();
		db.sqlite.pragma('cache_size = -65536');
		const file = writeFile(
			scratchDir(),
			'one.ndjson',
			ndjson([
				{
					id: 'a',
					channel: 'chat',
					customer: { email: 'a@example.com' },
					messages: [{ role: 'customer', created_at: '2026-03-02T09:00:00Z', text: 'Hello' }]
				}
			])
		);
		db.sqlite.pragma('temp_store = MEMORY');
		db.sqlite.pragma('wal_autocheckpoint = 1000');
		let duringImport: unknown[] = [];
		const [report] = await importFiles(db, [file], {
			onProgress: () =>
				(duringImport = [
					db.sqlite.pragma('cache_size', { simple: true }),
					db.sqlite.pragma('temp_store', { simple: true }),
					db.sqlite.pragma('wal_autocheckpoint', { simple: true })
				])
		});
		expect(report?.counts.recordsImported).toBe(1);
		// temp_store: 1 = FILE, 2 = MEMORY.
		expect(duringImport).toEqual([-16384, 1, 10_000]);
		expect(db.sqlite.pragma('cache_size', { simple: true })).toBe(-65536);
		expect(db.sqlite.pragma('temp_store', { simple: true })).toBe(2);
		expect(db.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
	});

	it('gives `npx parity` the same V8 options as the CLI children the server starts', () => {
		const shebang = readFileSync(join(projectRoot, 'bin', 'parity.js'), 'utf8').split('\n')[0];
		expect(shebang).toBe(`#!/usr/bin/env -S node ${CLI_NODE_FLAGS.join(' ')}`);
	});
});
