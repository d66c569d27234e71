import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../src/lib/server/app';
import { migrationsFolder } from '../../src/lib/server/paths';
import { scratchDir } from '../helpers/files';

const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
	entries: Array<{ tag: string }>;
};

/** A database as an earlier release left it: drizzle's own migrator, up to its first migration. */
function firstReleaseDatabase(dir: string): string {
	const folder = join(dir, 'drizzle-first');
	cpSync(migrationsFolder, folder, { recursive: true });
	const first = { ...journal, entries: journal.entries.slice(0, 1) };
	writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify(first));
	const path = join(dir, 'first.db');
	const sqlite = new Database(path);
	migrate(drizzle(sqlite), { migrationsFolder: folder });
	sqlite.close();
	return path;
}

describe('migrations', () => {
	it('bring a database made by the first release up to date, applying only what it lacks', () => {
		expect(journal.entries.length).toBeGreaterThan(1);
		const path = firstReleaseDatabase(scratchDir());
		const handle = openAppDatabase(path);
		try {
			const applied = handle.sqlite
				.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations')
				.get() as { n: number };
			expect(applied.n).toBe(journal.entries.length);
			// Added by 0001: held batch files of an upload job.
			const columns = handle.sqlite
				.prepare("SELECT name FROM pragma_table_info('jobs')")
				.all()
				.map((row) => (row as { name: string }).name);
			expect(columns).toContain('awaiting');
		} finally {
			handle.close();
		}
		// Opening it again applies nothing more.
		const again = openAppDatabase(path);
		try {
			expect(
				(
					again.sqlite.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get() as {
						n: number;
					}
				).n
			).toBe(journal.entries.length);
		} finally {
			again.close();
		}
	});
});
