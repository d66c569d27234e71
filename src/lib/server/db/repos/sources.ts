import { asc, eq } from 'drizzle-orm';
import type { DbHandle } from '../client';
import { sources } from '../schema';

/** The source's id, created on first use; two imports naming a new source at once get one row. */
export function ensureSource(handle: DbHandle, name: string, tool: string): number {
	handle.db
		.insert(sources)
		.values({ name, tool, createdAt: Date.now() })
		.onConflictDoNothing({ target: sources.name })
		.run();
	return handle.db.select({ id: sources.id }).from(sources).where(eq(sources.name, name)).get()!.id;
}

export function listSources(handle: DbHandle) {
	return handle.db.select().from(sources).orderBy(asc(sources.name)).all();
}
