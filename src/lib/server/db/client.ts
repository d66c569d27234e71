import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrationsFolder } from '../paths';
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
 */
function migrateUnderLock(sqlite: Database.Database): void {
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
	sqlite
		.transaction(() => {
			const last = lastApplied.get();
			for (const migration of migrations) {
				if (last && Number(last.created_at) >= migration.folderMillis) continue;
				for (const statement of migration.sql) sqlite.exec(statement);
				record.run(migration.hash, migration.folderMillis);
			}
		})
		.immediate();
}

export function openDatabase(path: string, options: { migrate?: boolean } = {}): DbHandle {
	const inMemory = path === ':memory:';
	if (!inMemory) mkdirSync(dirname(path), { recursive: true });
	const sqlite = new Database(path);
	applyPragmas(sqlite, inMemory);
	const db = drizzle(sqlite, { schema }) as Db;
	if (options.migrate !== false) {
		migrateUnderLock(sqlite);
		ensureSearchIndex(sqlite);
	}
	return { db, sqlite, path, close: () => sqlite.close() };
}

/** A fresh in-memory database with the real migrations applied. */
export function createTestDb(): DbHandle {
	return openDatabase(':memory:');
}
