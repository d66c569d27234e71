import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../src/lib/server/app';
import { importFiles } from '../../src/lib/server/ingest/service';
import { writeCanonicalNdjson } from '../../bench/lib/generate';
import { dumpTables } from '../helpers/db';
import { scratchDir } from '../helpers/files';

const root = new URL('../..', import.meta.url).pathname;

function importedSoFar(dbPath: string): number {
	const handle = openAppDatabase(dbPath);
	try {
		const row = handle.sqlite
			.prepare('SELECT COALESCE(MAX(records_read), 0) AS n FROM imports')
			.get() as { n: number };
		return row.n;
	} finally {
		handle.close();
	}
}

describe('an import killed half-way', () => {
	it('leaves a consistent database, and running it again ends exactly as a clean import does', async () => {
		const dir = scratchDir();
		const file = join(dir, 'export.ndjson');
		await writeCanonicalNdjson(file, 30_000);

		const killedDb = join(dir, 'killed.db');
		const child = spawn(process.execPath, [join(root, 'bin/parity.js'), 'import', file], {
			env: { ...process.env, PARITY_DB: killedDb, PARITY_DEMO: 'off' },
			stdio: 'ignore'
		});
		// Kill it once some batches are committed but well before the end.
		let committed = 0;
		const deadline = Date.now() + 60_000;
		while (committed === 0 && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 50));
			try {
				committed = importedSoFar(killedDb);
			} catch {
				/* the database is being created */
			}
		}
		child.kill('SIGKILL');
		await new Promise((resolve) => child.once('exit', resolve));
		expect(committed).toBeGreaterThan(0);

		const killed = openAppDatabase(killedDb);
		const partial = killed.sqlite.prepare('SELECT COUNT(*) AS n FROM conversations').get() as {
			n: number;
		};
		expect(partial.n).toBeLessThan(30_000);
		// Whole batches only: every stored conversation has all its messages.
		const orphans = killed.sqlite
			.prepare(
				'SELECT COUNT(*) AS n FROM conversations c WHERE message_count != (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id)'
			)
			.get();
		expect(orphans).toEqual({ n: 0 });
		expect(killed.sqlite.prepare('SELECT status FROM imports').all()).toEqual([
			{ status: 'interrupted' }
		]);

		const [rerun] = await importFiles(killed, [file]);
		expect(rerun?.counts.recordsDuplicate).toBe(partial.n);
		expect(rerun?.counts.recordsImported).toBe(30_000 - partial.n);

		const clean = openAppDatabase(join(dir, 'clean.db'));
		await importFiles(clean, [file]);
		expect(dumpTables(killed)).toEqual(dumpTables(clean));
		killed.close();
		clean.close();
	}, 120_000);
});
