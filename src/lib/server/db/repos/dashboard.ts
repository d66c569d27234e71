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
	sourcesWithConversations: Database.Statement<[], { name: string }>;
	stored: Database.Statement<[], StoredConversations>;
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
			sourcesWithConversations: handle.sqlite.prepare(
				'SELECT name FROM sources s WHERE EXISTS (SELECT 1 FROM conversations c WHERE c.source_id = s.id) ORDER BY name'
			),
			stored: handle.sqlite.prepare(
				"SELECT COUNT(*) AS conversations, COALESCE(SUM(handler <> 'none'), 0) AS answered FROM conversations"
			),
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
 * The sources that hold at least one conversation (a source is created before its first
 * import succeeds, and stays when everything in it was rejected). The source-first unique
 * index answers each EXISTS.
 */
export function sourcesWithConversations(handle: DbHandle): string[] {
	return statements(handle)
		.sourcesWithConversations.all()
		.map((row) => row.name);
}

export interface StoredConversations {
	conversations: number;
	/** Those an AI or a human agent replied to: the only ones weekly figures count. */
	answered: number;
}

/**
 * What is stored when no week has figures, so the empty pages can say why. Reads every
 * conversation: only asked when there are no rollups, when there are few conversations.
 */
export function storedConversations(handle: DbHandle): StoredConversations {
	return (
		statements(handle).stored.get() ?? {
			conversations: 0,
			answered: 0
		}
	);
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
