import { and, count, desc, eq, gt, sql } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import { INTERRUPTED_BY_SERVER, splitReason } from '../../../domain/imports';
import { processAlive } from '../../process-alive';
import type { DbHandle } from '../client';
import { imports, rejects, sources } from '../schema';

export function listImports(handle: DbHandle, limit = 50) {
	return handle.db
		.select({
			id: imports.id,
			fileName: imports.fileName,
			format: imports.format,
			source: sql<
				string | null
			>`COALESCE(${sources.name}, json_extract(${imports.options}, '$.source'))`,
			sizeBytes: imports.sizeBytes,
			startedAt: imports.startedAt,
			finishedAt: imports.finishedAt,
			status: imports.status,
			recordsRead: imports.recordsRead,
			recordsImported: imports.recordsImported,
			recordsDuplicate: imports.recordsDuplicate,
			recordsRejected: imports.recordsRejected,
			conversationsCreated: imports.conversationsCreated,
			conversationsUpdated: imports.conversationsUpdated,
			messagesImported: imports.messagesImported,
			encoding: imports.encoding,
			error: imports.error,
			job: imports.job
		})
		.from(imports)
		.leftJoin(sources, eq(sources.id, imports.sourceId))
		.orderBy(desc(imports.id))
		.limit(limit)
		.all();
}

export function getImport(handle: DbHandle, id: number) {
	return handle.db.select().from(imports).where(eq(imports.id, id)).get() ?? null;
}

export function listRejects(handle: DbHandle, importId: number, limit = 100, offset = 0) {
	return handle.db
		.select()
		.from(rejects)
		.where(eq(rejects.importId, importId))
		.orderBy(rejects.id)
		.limit(limit)
		.offset(offset)
		.all();
}

/** A page of an import's rejects after the reject `after` (keyset: stable while it grows). */
export function rejectsAfter(handle: DbHandle, importId: number, after: number, limit: number) {
	return handle.db
		.select()
		.from(rejects)
		.where(and(eq(rejects.importId, importId), gt(rejects.id, after)))
		.orderBy(rejects.id)
		.limit(limit)
		.all();
}

export function rejectCount(handle: DbHandle, importId: number): number {
	return (
		handle.db.select({ n: count() }).from(rejects).where(eq(rejects.importId, importId)).get()?.n ??
		0
	);
}

/**
 * Imports left 'running' by a process that died are marked interrupted, with why; imports
 * whose process still runs (a CLI import while the server starts) are left alone.
 */
export function markInterruptedImports(handle: DbHandle): number {
	const running = handle.db
		.select({ id: imports.id, pid: imports.pid })
		.from(imports)
		.where(eq(imports.status, 'running'))
		.all();
	let marked = 0;
	for (const row of running) {
		if (row.pid === process.pid || processAlive(row.pid)) continue;
		marked += handle.db
			.update(imports)
			.set({
				status: 'interrupted',
				error: sql`COALESCE(${imports.error}, ${INTERRUPTED_BY_SERVER})`,
				finishedAt: sql`COALESCE(${imports.finishedAt}, ${Date.now()})`
			})
			.where(and(eq(imports.id, row.id), eq(imports.status, 'running')))
			.run().changes;
	}
	return marked;
}

/**
 * Per source: conversations and messages, and the span of their starts. Read from the weekly
 * rollups plus the few conversations nobody answered (which rollups leave out), and the
 * span from the transcript list's source index, so that it costs the same on a million
 * conversations as on a hundred. Conversations an import is still writing count once it
 * has derived them.
 */
export function sourceSummaries(handle: DbHandle) {
	return handle.sqlite
		.prepare(
			`SELECT s.id, s.name, s.tool,
			        COALESCE(r.conversations, 0) + COALESCE(n.conversations, 0) AS conversations,
			        COALESCE(r.messages, 0) + COALESCE(n.messages, 0) AS messages,
			        (SELECT MIN(started_at) FROM conversation_scores WHERE source_id = s.id) AS firstAt,
			        (SELECT MAX(started_at) FROM conversation_scores WHERE source_id = s.id) AS lastAt
			   FROM sources s
			   LEFT JOIN (SELECT source, SUM(conversations) AS conversations, SUM(messages) AS messages
			                FROM rollup_weekly GROUP BY source) r ON r.source = s.name
			   LEFT JOIN (SELECT x.source_id, COUNT(*) AS conversations, SUM(c.message_count) AS messages
			                FROM conversation_scores x JOIN conversations c ON c.id = x.conversation_id
			               WHERE x.handler = 'none' GROUP BY x.source_id) n ON n.source_id = s.id
			  ORDER BY s.name`
		)
		.all() as Array<{
		id: number;
		name: string;
		tool: string;
		conversations: number;
		messages: number;
		firstAt: number | null;
		lastAt: number | null;
	}>;
}

/**
 * The name of the source an import went to, or was for (a failed import's source that held
 * nothing is removed; the import keeps its name in its options).
 */
export function sourceNameOf(
	handle: DbHandle,
	row: { sourceId: number | null; options: Record<string, unknown> | null }
): string | null {
	const kept = row.options?.source;
	const name =
		row.sourceId === null
			? null
			: handle.db
					.select({ name: sources.name })
					.from(sources)
					.where(eq(sources.id, row.sourceId))
					.get()?.name;
	return name ?? (typeof kept === 'string' ? kept : null);
}

/** The imports a background job has started so far, with their live counts. */
export function importsOfJob(handle: DbHandle, job: string) {
	return handle.db.select().from(imports).where(eq(imports.job, job)).orderBy(imports.id).all();
}

/**
 * Marks the imports of a job whose process has exited that it left 'running' (it was killed
 * or crashed) as interrupted, with `cause`: nothing will finish them.
 */
export function interruptImportsOfJob(handle: DbHandle, job: string, cause: string): number {
	return handle.db
		.update(imports)
		.set({
			status: 'interrupted',
			error: sql`COALESCE(${imports.error}, ${cause})`,
			finishedAt: sql`COALESCE(${imports.finishedAt}, ${Date.now()})`
		})
		.where(and(eq(imports.job, job), eq(imports.status, 'running')))
		.run().changes;
}

const withRejectField = new WeakSet<Database.Database>();

/**
 * `reject_field(reason)`: the field `splitReason` (domain/imports.ts) reads in a reason, or
 * NULL. The rule is a grammar of field paths that SQL cannot say, and the causes must be
 * counted by the very field the rejects table shows.
 */
function registerRejectField(sqlite: Database.Database): void {
	if (withRejectField.has(sqlite)) return;
	sqlite.function('reject_field', { deterministic: true }, (reason: unknown) =>
		typeof reason === 'string' ? splitReason(reason).field : null
	);
	withRejectField.add(sqlite);
}

/**
 * An import's rejects counted by the field they name and what is wrong with it ("Created At",
 * "not a date"), the most frequent first: thousands of rejects usually have a few causes.
 * What is wrong is the text after the field up to its own ": "; a reason naming no field
 * is counted by its beginning ("not JSON", "updates conversation 53, which …").
 */
export function rejectCauses(handle: DbHandle, importId: number, limit = 8) {
	registerRejectField(handle.sqlite);
	return handle.sqlite
		.prepare(
			`WITH k AS (
			   SELECT reject_field(reason) AS field, reason FROM rejects WHERE import_id = ?),
			 w AS (
			   SELECT field,
			          CASE WHEN field IS NULL THEN reason ELSE substr(reason, length(field) + 3) END AS rest
			     FROM k)
			 SELECT field,
			        CASE WHEN instr(rest, ': ') > 0 THEN substr(rest, 1, instr(rest, ': ') - 1)
			             ELSE rest END AS problem,
			        COUNT(*) AS count
			   FROM w GROUP BY field, problem ORDER BY count DESC, field, problem LIMIT ?`
		)
		.all(importId, limit) as Array<{ field: string | null; problem: string; count: number }>;
}

/**
 * Records on these imports which demo data set they loaded (its seed): two seeds share
 * conversation ids, so a load of another seed must know what is stored to refuse mixing them.
 */
export function recordDemoSeed(handle: DbHandle, importIds: readonly number[], seed: number) {
	const update = handle.sqlite.prepare(
		`UPDATE imports SET options = json_set(COALESCE(options, '{}'), '$.demoSeed', ?) WHERE id = ?`
	);
	handle.sqlite.transaction(() => {
		for (const id of importIds) update.run(seed, id);
	})();
}

/**
 * The demo seeds of the imports that stored records in these sources: null for an import
 * that recorded none (loaded before seeds were recorded, or imported into them by hand).
 */
export function storedDemoSeeds(
	handle: DbHandle,
	sourceNames: readonly string[]
): Array<number | null> {
	if (sourceNames.length === 0) return [];
	const rows = handle.sqlite
		.prepare(
			`SELECT DISTINCT json_extract(i.options, '$.demoSeed') AS seed
			   FROM imports i JOIN sources s ON s.id = i.source_id
			  WHERE s.name IN (${sourceNames.map(() => '?').join(', ')}) AND i.records_imported > 0`
		)
		.all(...sourceNames) as Array<{ seed: number | null }>;
	return rows.map((row) => row.seed);
}
