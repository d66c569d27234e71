import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { INTERRUPTED_BY_SERVER } from '../../../domain/imports';
import { processAlive } from '../../process-alive';
import type { DbHandle } from '../client';
import { columnMappings, jobs, type HeldFiles, type JobKind, type JobStatus } from '../schema';
import type { ColumnMapping } from '../../ingest/types';

export type JobRow = typeof jobs.$inferSelect;

export function insertJob(
	handle: DbHandle,
	job: {
		id: string;
		kind: JobKind;
		label: string;
		actor: string;
		sizeBytes?: number | null;
		awaiting?: HeldFiles | null;
	}
): void {
	handle.db
		.insert(jobs)
		.values({
			...job,
			sizeBytes: job.sizeBytes ?? null,
			awaiting: job.awaiting ?? null,
			startedAt: Date.now(),
			status: 'running'
		})
		.run();
}

/**
 * Takes the held files `keys` off a job that has ended, and sets it running again for their
 * import; in one write transaction, so that two requests cannot both take a file. Answers
 * the files taken, with the batch they are in, or why none were.
 */
export function takeHeldFiles(
	handle: DbHandle,
	id: string,
	keys: readonly string[]
): { taken: HeldFiles; left: number } | 'running' | 'none' {
	return handle.sqlite
		.transaction(() => {
			const job = getJob(handle, id);
			if (job?.status === 'running') return 'running' as const;
			const held = job?.awaiting;
			const taken = held?.files.filter((file) => keys.includes(file.file)) ?? [];
			if (!held || taken.length === 0) return 'none' as const;
			const left = held.files.filter((file) => !keys.includes(file.file));
			handle.db
				.update(jobs)
				.set({
					status: 'running',
					error: null,
					finishedAt: null,
					pid: null,
					awaiting: left.length ? { ...held, files: left } : null
				})
				.where(eq(jobs.id, id))
				.run();
			return { taken: { ...held, files: taken }, left: left.length };
		})
		.immediate();
}

/** Forgets held files that are gone (the sweep of old uploads removed them). */
export function dropHeldFiles(handle: DbHandle, id: string, keys: readonly string[]): void {
	const held = getJob(handle, id)?.awaiting;
	if (!held) return;
	const left = held.files.filter((file) => !keys.includes(file.file));
	handle.db
		.update(jobs)
		.set({ awaiting: left.length ? { ...held, files: left } : null })
		.where(eq(jobs.id, id))
		.run();
}

/** An actor's finished jobs with files still waiting for a column mapping, latest first. */
export function jobsAwaitingMapping(handle: DbHandle, actor: string, limit = 20): JobRow[] {
	return handle.db
		.select()
		.from(jobs)
		.where(
			and(
				eq(jobs.kind, 'import'),
				eq(jobs.actor, actor),
				sql`${jobs.awaiting} IS NOT NULL`,
				sql`${jobs.status} != 'running'`
			)
		)
		.orderBy(desc(jobs.startedAt), desc(jobs.id))
		.limit(limit)
		.all();
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
 * Only the server may call it, on its start: a job it has just begun has no child yet.
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
			error: INTERRUPTED_BY_SERVER,
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
