import { asc, eq } from 'drizzle-orm';
import type { DbHandle } from '../client';
import { sources } from '../schema';

export function ensureSource(handle: DbHandle, name: string, tool: string): number {
	const existing = handle.db
		.select({ id: sources.id })
		.from(sources)
		.where(eq(sources.name, name))
		.get();
	if (existing) return existing.id;
	return handle.db
		.insert(sources)
		.values({ name, tool, createdAt: Date.now() })
		.returning({ id: sources.id })
		.get().id;
}

export function listSources(handle: DbHandle) {
	return handle.db.select().from(sources).orderBy(asc(sources.name)).all();
}
