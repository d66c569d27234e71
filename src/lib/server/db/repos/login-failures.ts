import { and, count, eq, gte, inArray, lt } from 'drizzle-orm';
import type { DbHandle } from '../client';
import { loginFailures } from '../schema';

export function countFailuresSince(handle: DbHandle, key: string, since: number): number {
	return (
		handle.db
			.select({ n: count() })
			.from(loginFailures)
			.where(and(eq(loginFailures.key, key), gte(loginFailures.at, since)))
			.get()?.n ?? 0
	);
}

export function oldestFailureSince(handle: DbHandle, key: string, since: number): number | null {
	const row = handle.sqlite
		.prepare<[string, number], { at: number | null }>(
			'SELECT MIN(at) AS at FROM login_failures WHERE key = ? AND at >= ?'
		)
		.get(key, since);
	return row?.at ?? null;
}

export function recordFailures(handle: DbHandle, keys: readonly string[], at: number): void {
	if (keys.length === 0) return;
	handle.db
		.insert(loginFailures)
		.values(keys.map((key) => ({ key, at })))
		.run();
}

export function clearFailures(handle: DbHandle, keys: readonly string[]): void {
	if (keys.length === 0) return;
	handle.db.delete(loginFailures).where(inArray(loginFailures.key, keys)).run();
}

export function pruneFailures(handle: DbHandle, before: number): void {
	handle.db.delete(loginFailures).where(lt(loginFailures.at, before)).run();
}
