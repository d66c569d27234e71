import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { DbHandle } from '../client';
import { annotations, sources, users } from '../schema';

export interface StoredAnnotation {
	id: number;
	day: string;
	text: string;
	source: string | null;
	author: string | null;
}

const COLUMNS = {
	id: annotations.id,
	day: annotations.day,
	text: annotations.text,
	source: sources.name,
	author: users.email
};

export function insertAnnotation(
	handle: DbHandle,
	annotation: {
		day: string;
		text: string;
		sourceId: number | null;
		createdBy: number | null;
		now: number;
	}
): number {
	return handle.db
		.insert(annotations)
		.values({
			day: annotation.day,
			text: annotation.text,
			sourceId: annotation.sourceId,
			createdBy: annotation.createdBy,
			createdAt: annotation.now
		})
		.returning({ id: annotations.id })
		.get().id;
}

/** Whether the same note (day, words and source) is already kept. */
export function hasAnnotation(
	handle: DbHandle,
	annotation: { day: string; text: string; sourceId: number | null }
): boolean {
	return (
		handle.db
			.select({ id: annotations.id })
			.from(annotations)
			.where(
				and(
					eq(annotations.day, annotation.day),
					eq(annotations.text, annotation.text),
					annotation.sourceId === null
						? isNull(annotations.sourceId)
						: eq(annotations.sourceId, annotation.sourceId)
				)
			)
			.get() !== undefined
	);
}

export function getAnnotation(handle: DbHandle, id: number): StoredAnnotation | null {
	return (
		handle.db
			.select(COLUMNS)
			.from(annotations)
			.leftJoin(sources, eq(sources.id, annotations.sourceId))
			.leftJoin(users, eq(users.id, annotations.createdBy))
			.where(eq(annotations.id, id))
			.get() ?? null
	);
}

export function deleteAnnotation(handle: DbHandle, id: number): boolean {
	return handle.db.delete(annotations).where(eq(annotations.id, id)).run().changes > 0;
}

/**
 * The annotations of the days `from` to `to` (YYYY-MM-DD, both included), oldest first; with
 * `source`, those about that source and those about the whole operation.
 */
export function annotationsBetween(
	handle: DbHandle,
	from: string,
	to: string,
	source: string | null = null
): StoredAnnotation[] {
	return handle.db
		.select(COLUMNS)
		.from(annotations)
		.leftJoin(sources, eq(sources.id, annotations.sourceId))
		.leftJoin(users, eq(users.id, annotations.createdBy))
		.where(
			and(
				gte(annotations.day, from),
				lte(annotations.day, to),
				source === null ? undefined : or(isNull(annotations.sourceId), eq(sources.name, source))
			)
		)
		.orderBy(asc(annotations.day), asc(annotations.id))
		.all();
}
