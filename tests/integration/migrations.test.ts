import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../src/lib/server/app';
import { NewerDatabaseError } from '../../src/lib/server/db/client';
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
	it('copies a database with data into the backups folder before upgrading it, and only then', () => {
		const dir = scratchDir();
		const path = firstReleaseDatabase(dir);
		const raw = new Database(path);
		raw
			.prepare("INSERT INTO sources (name, tool, created_at) VALUES ('Zendesk', 'zendesk', 1)")
			.run();
		raw.close();
		const upgraded = openAppDatabase(path);
		upgraded.close();
		const copies = readdirSync(join(dir, 'backups'));
		expect(copies).toEqual([
			expect.stringMatching(/^parity-before-upgrade-\d{4}-\d{2}-\d{2}T[\d-]+Z-\d+\.db$/)
		]);
		const copyPath = join(dir, 'backups', copies[0] as string);
		expect(statSync(copyPath).mode & 0o777).toBe(0o600);
		const copy = new Database(copyPath, { readonly: true });
		// The database as the first release left it: its one migration, its data.
		expect(copy.prepare('SELECT COUNT(*) AS n FROM __drizzle_migrations').get()).toEqual({ n: 1 });
		expect(copy.prepare('SELECT name FROM sources').pluck().all()).toEqual(['Zendesk']);
		copy.close();
		// Up to date: opening it again copies nothing; nor does creating a new database.
		openAppDatabase(path).close();
		openAppDatabase(join(dir, 'new.db')).close();
		expect(readdirSync(join(dir, 'backups'))).toEqual(copies);
	});

	it('refuses a database a newer release has upgraded, and leaves it as it is', () => {
		const dir = scratchDir();
		const path = join(dir, 'parity.db');
		openAppDatabase(path).close();
		const raw = new Database(path);
		const future = Date.UTC(2099, 0, 1);
		raw
			.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)')
			.run('next', future);
		raw.close();
		expect(() => openAppDatabase(path)).toThrow(NewerDatabaseError);
		expect(() => openAppDatabase(path)).toThrow(
			`${path} has been upgraded by a newer release of Parity than this one. Run that release, or restore the copy taken before the upgrade`
		);
		expect(existsSync(join(dir, 'backups'))).toBe(false);
		const after = new Database(path, { readonly: true });
		expect(after.prepare('SELECT MAX(created_at) AS last FROM __drizzle_migrations').get()).toEqual(
			{
				last: future
			}
		);
		after.close();
	});
});
