import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { processAlive } from '../../process-alive';
import type { DbHandle } from '../client';
import { columnMappings, jobs, type JobKind, type JobStatus } from '../schema';
import type { ColumnMapping } from '../../ingest/types';

export type JobRow = typeof jobs.$inferSelect;

export function insertJob(
	handle: DbHandle,
	job: { id: string; kind: JobKind; label: string; actor: string; sizeBytes?: number | null }
): void {
	handle.db
		.insert(jobs)
		.values({ ...job, sizeBytes: job.sizeBytes ?? null, startedAt: Date.now(), status: 'running' })
		.run();
}

export function setJobPid(handle: DbHandle, id: string, pid: number | null): void {
	handle.db.update(jobs).set({ pid }).where(eq(jobs.id, id)).run();
}

export function finishJob(
	handle: DbHandle,
	id: string,
	outcome: { status: Exclude<JobStatus, 'running'>; error: string | null; result: unknown }
): void {
	handle.db
		.update(jobs)
		.set({ ...outcome, finishedAt: Date.now() })
		.where(eq(jobs.id, id))
		.run();
}

export function getJob(handle: DbHandle, id: string): JobRow | null {
	return handle.db.select().from(jobs).where(eq(jobs.id, id)).get() ?? null;
}

export function listJobs(
	handle: DbHandle,
	options: { kind?: JobKind; status?: JobStatus; limit?: number }
): JobRow[] {
	const conditions = [
		options.kind ? eq(jobs.kind, options.kind) : undefined,
		options.status ? eq(jobs.status, options.status) : undefined
	].filter((condition) => condition !== undefined);
	return handle.db
		.select()
		.from(jobs)
		.where(conditions.length ? and(...conditions) : undefined)
		.orderBy(desc(jobs.startedAt), desc(jobs.id))
		.limit(options.limit ?? 50)
		.all();
}

/**
 * Jobs left running by a server that stopped: those whose child still runs are left alone
 * (it finishes its work and records it on its own rows); the rest are marked interrupted.
 */
export function markInterruptedJobs(handle: DbHandle): number {
	const running = handle.db
		.select({ id: jobs.id, pid: jobs.pid })
		.from(jobs)
		.where(eq(jobs.status, 'running'))
		.all()
		.filter((job) => !processAlive(job.pid))
		.map((job) => job.id);
	if (running.length === 0) return 0;
	return handle.db
		.update(jobs)
		.set({
			status: 'interrupted',
			error: 'the server stopped while this ran',
			finishedAt: sql`COALESCE(${jobs.finishedAt}, ${Date.now()})`
		})
		.where(inArray(jobs.id, running))
		.run().changes;
}

/** A live job of this kind, if any (its child process still runs). */
export function liveJob(handle: DbHandle, kind: JobKind): JobRow | null {
	return (
		listJobs(handle, { kind, status: 'running', limit: 10 }).find((job) => processAlive(job.pid)) ??
		null
	);
}

export type SavedMapping = typeof columnMappings.$inferSelect;

export function findColumnMapping(
	handle: DbHandle,
	source: string,
	signature: string
): SavedMapping | null {
	return (
		handle.db
			.select()
			.from(columnMappings)
			.where(and(eq(columnMappings.source, source), eq(columnMappings.signature, signature)))
			.get() ?? null
	);
}

export function saveColumnMapping(
	handle: DbHandle,
	values: {
		source: string;
		signature: string;
		headers: string[];
		mapping: ColumnMapping;
		updatedBy: string;
	}
): number {
	const row = { ...values, updatedAt: Date.now() };
	return handle.db
		.insert(columnMappings)
		.values(row)
		.onConflictDoUpdate({
			target: [columnMappings.source, columnMappings.signature],
			set: {
				headers: row.headers,
				mapping: row.mapping,
				updatedAt: row.updatedAt,
				updatedBy: row.updatedBy
			}
		})
		.returning({ id: columnMappings.id })
		.get().id;
}

export function listColumnMappings(handle: DbHandle): SavedMapping[] {
	return handle.db.select().from(columnMappings).orderBy(desc(columnMappings.updatedAt)).all();
}

export function deleteColumnMapping(handle: DbHandle, id: number): boolean {
	return handle.db.delete(columnMappings).where(eq(columnMappings.id, id)).run().changes > 0;
}
