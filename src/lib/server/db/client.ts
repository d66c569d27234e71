import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
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
	if (!inMemory) sqlite.pragma('journal_mode = WAL');
	// NORMAL under WAL loses at most the last commits on power loss, never consistency.
	sqlite.pragma('synchronous = NORMAL');
	sqlite.pragma('foreign_keys = ON');
	sqlite.pragma('busy_timeout = 5000');
	sqlite.pragma('cache_size = -65536');
	sqlite.pragma('temp_store = MEMORY');
}

export function openDatabase(path: string, options: { migrate?: boolean } = {}): DbHandle {
	const inMemory = path === ':memory:';
	if (!inMemory) mkdirSync(dirname(path), { recursive: true });
	const sqlite = new Database(path);
	applyPragmas(sqlite, inMemory);
	const db = drizzle(sqlite, { schema }) as Db;
	if (options.migrate !== false) {
		migrate(db, { migrationsFolder });
		ensureSearchIndex(sqlite);
	}
	return { db, sqlite, path, close: () => sqlite.close() };
}

/** A fresh in-memory database with the real migrations applied. */
export function createTestDb(): DbHandle {
	return openDatabase(':memory:');
}
