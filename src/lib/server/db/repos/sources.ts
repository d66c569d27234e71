import { asc, eq } from 'drizzle-orm';
import type { DbHandle } from '../client';
import { sources } from '../schema';

/**
 * The source's id, created on first use (`created`: by this call); two imports naming a new
 * source at once get one row.
 */
export function ensureSource(
	handle: DbHandle,
	name: string,
	tool: string
): { id: number; created: boolean } {
	const created =
		handle.db
			.insert(sources)
			.values({ name, tool, createdAt: Date.now() })
			.onConflictDoNothing({ target: sources.name })
			.run().changes > 0;
	const id = handle.db.select({ id: sources.id }).from(sources).where(eq(sources.name, name)).get()!
		.id;
	return { id, created };
}

export function listSources(handle: DbHandle) {
	return handle.db.select().from(sources).orderBy(asc(sources.name)).all();
}

export function sourceIdByName(handle: DbHandle, name: string): number | null {
	return (
		handle.db.select({ id: sources.id }).from(sources).where(eq(sources.name, name)).get()?.id ??
		null
	);
}
