import { desc, eq, sql } from 'drizzle-orm';
import type { DbHandle } from '../client';
import { imports, rejects, sources } from '../schema';

export function listImports(handle: DbHandle, limit = 50) {
	return handle.db
		.select({
			id: imports.id,
			fileName: imports.fileName,
			format: imports.format,
			source: sources.name,
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
			error: imports.error
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

function processAlive(pid: number | null): boolean {
	if (pid === null) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Imports left 'running' by a process that died are marked interrupted; imports whose
 * process still runs (a CLI import while the server starts) are left alone.
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
				finishedAt: sql`COALESCE(${imports.finishedAt}, ${Date.now()})`
			})
			.where(eq(imports.id, row.id))
			.run().changes;
	}
	return marked;
}

export function sourceSummaries(handle: DbHandle) {
	return handle.sqlite
		.prepare(
			`SELECT s.id, s.name, s.tool, COUNT(c.id) AS conversations,
			        COALESCE(SUM(c.message_count), 0) AS messages,
			        MIN(c.started_at) AS firstAt, MAX(c.started_at) AS lastAt
			   FROM sources s LEFT JOIN conversations c ON c.source_id = s.id
			  GROUP BY s.id ORDER BY s.name`
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

/** The imports a background job has started so far, with their live counts. */
export function importsOfJob(handle: DbHandle, job: string) {
	return handle.db.select().from(imports).where(eq(imports.job, job)).orderBy(imports.id).all();
}
