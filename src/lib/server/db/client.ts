import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { migrationsFolder } from '../paths';
import { StartupError } from '../startup-error';
import { backupDirFor } from './backup-dir';
import * as schema from './schema';
import { ensureSearchIndex } from './search-index';

export type Schema = typeof schema;
export type Db = BetterSQLite3Database<Schema> & { $client: Database.Database };

/** The one handle every repo takes: drizzle for typed queries, the raw client for hot paths. */
export interface DbHandle {
	db: Db;
	sqlite: Database.Database;
	path: string;
	close(): void;
}

function applyPragmas(sqlite: Database.Database, inMemory: boolean): void {
	// First, so that switching a new file to WAL waits for another process doing the same.
	sqlite.pragma('busy_timeout = 5000');
	if (!inMemory) sqlite.pragma('journal_mode = WAL');
	// NORMAL under WAL loses at most the last commits on power loss, never consistency.
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('cache_size = -65536');
	sqlite.pragma('temp_store = MEMORY');
}

const MIGRATIONS_TABLE = '__drizzle_migrations';

/**
 * Applies drizzle-kit's migrations with drizzle's own bookkeeping (the same table, hash and
 * timestamp), but decides what is pending inside an IMMEDIATE transaction. drizzle's
 * migrator reads the last applied migration before it takes the write lock, so two
 * processes opening a new database at once both tried to create every table.
 *
 * An upgrade is made safe to undo: a database that has data and migrations to apply is
 * first copied into the backups folder, and a database a newer release has migrated is not
 * opened by an older one, whose queries would run against tables they do not know.
 */
function migrateUnderLock(sqlite: Database.Database, path: string): void {
	const migrations = readMigrationFiles({ migrationsFolder });
	sqlite.exec(
		`CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`
	);
	const lastApplied = sqlite.prepare<[], { created_at: number }>(
		`SELECT created_at FROM ${MIGRATIONS_TABLE} ORDER BY created_at DESC LIMIT 1`
	);
	const record = sqlite.prepare<[string, number]>(
		`INSERT INTO ${MIGRATIONS_TABLE} (hash, created_at) VALUES (?, ?)`
	);
	const pendingAfter = (last: { created_at: number } | undefined) => {
		const newest = migrations.at(-1)?.folderMillis ?? 0;
		if (last && Number(last.created_at) > newest) throw new NewerDatabaseError(path);
		return migrations.filter((m) => !last || Number(last.created_at) < m.folderMillis);
	};
	const before = lastApplied.get();
	if (before && pendingAfter(before).length > 0 && path !== ':memory:')
		copyBeforeUpgrade(sqlite, path);
	sqlite
		.transaction(() => {
			for (const migration of pendingAfter(lastApplied.get())) {
				for (const statement of migration.sql) sqlite.exec(statement);
				record.run(migration.hash, migration.folderMillis);
			}
		})
		.immediate();
}

export class NewerDatabaseError extends StartupError {
	override name = 'NewerDatabaseError';
	constructor(path: string) {
		super(
			`${path} has been upgraded by a newer release of Parity than this one. Run that release, ` +
				'or restore the copy taken before the upgrade (parity-before-upgrade-….db in the backups folder).'
		);
	}
}

/**
 * The database as it was before an upgrade's migrations, in the backups folder (kept until an
 * admin removes it; the automatic backups' pruning leaves it alone). VACUUM INTO writes a
 * consistent, compact copy while other connections keep reading.
 */
function copyBeforeUpgrade(sqlite: Database.Database, path: string): void {
	const dir = backupDirFor(path);
	if (dir === null) return;
	mkdirSync(dir, { recursive: true, mode: 0o700 });
	const stamp = new Date().toISOString().slice(0, 23).replace(/[:.]/g, '-');
	const copy = join(dir, `parity-before-upgrade-${stamp}Z-${process.pid}.db`);
	sqlite.prepare('VACUUM INTO ?').run(copy);
	chmodSync(copy, 0o600);
	// On stderr: a command's --json output stays one JSON document.
	console.error(`Before upgrading its tables, copied ${path} to ${copy}.`);
}

export function openDatabase(path: string, options: { migrate?: boolean } = {}): DbHandle {
	const inMemory = path === ':memory:';
	if (!inMemory) mkdirSync(dirname(path), { recursive: true });
	const sqlite = new Database(path);
	applyPragmas(sqlite, inMemory);
	const db = drizzle(sqlite, { schema }) as Db;
	if (options.migrate !== false) {
		try {
			migrateUnderLock(sqlite, path);
			ensureSearchIndex(sqlite);
		} catch (error) {
			// A database this release refuses (or a migration that failed) is not left open.
			sqlite.close();
			throw error;
		}
	}
	return { db, sqlite, path, close: () => sqlite.close() };
}

/** A fresh in-memory database with the real migrations applied. */
export function createTestDb(): DbHandle {
	return openDatabase(':memory:');
}
