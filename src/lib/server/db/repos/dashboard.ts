import type Database from 'better-sqlite3';
import type { DbHandle } from '../client';

/**
 * The few small queries the dashboard pages make besides loading rollup cells: which weeks
 * have rollups, which sources exist, and whether anything changed since the last look.
 * Each reads a small table or an index, never conversations or messages.
 */

interface Statements {
	weeks: Database.Statement<[], { week: string }>;
	sources: Database.Statement<[], { name: string }>;
	changes: Database.Statement<[], { changes: number }>;
}

const prepared = new WeakMap<DbHandle, Statements>();

function statements(handle: DbHandle): Statements {
	let found = prepared.get(handle);
	if (!found) {
		found = {
			// The unique index (week, handler, …) answers DISTINCT week without reading the rows.
			weeks: handle.sqlite.prepare('SELECT DISTINCT week FROM rollup_weekly ORDER BY week DESC'),
			sources: handle.sqlite.prepare('SELECT name FROM sources ORDER BY name'),
			changes: handle.sqlite.prepare('SELECT total_changes() AS changes')
		};
		prepared.set(handle, found);
	}
	return found;
}

/** Every week that has rollup cells, newest first. */
export function rollupWeeks(handle: DbHandle): string[] {
	return statements(handle)
		.weeks.all()
		.map((row) => row.week);
}

export function sourceNames(handle: DbHandle): string[] {
	return statements(handle)
		.sources.all()
		.map((row) => row.name);
}

/**
 * A label that changes whenever anything was committed to the database: `data_version`
 * moves when another connection (an import from the CLI) commits, `total_changes()` when
 * this one does. Results computed from the database can be kept for as long as it stays
 * the same. It may change without the rollups changing (a session touched), never the
 * other way round.
 */
export function dataVersion(handle: DbHandle): string {
	const version = handle.sqlite.pragma('data_version', { simple: true }) as number;
	const changes = statements(handle).changes.get()?.changes ?? 0;
	return `${version}.${changes}`;
}
