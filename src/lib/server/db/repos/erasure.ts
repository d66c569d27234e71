import { asc, inArray } from 'drizzle-orm';
import type { IdentityKind } from '../../../domain/conversation';
import type { DbHandle } from '../client';
import { conversationRemovals } from '../schema';

/** Customers holding any of these identities (kind and stored value). */
export function customersWithIdentities(
	handle: DbHandle,
	identities: ReadonlyArray<{ kind: IdentityKind; value: string }>
): number[] {
	const find = handle.sqlite.prepare<[string, string], { customer_id: number }>(
		'SELECT customer_id FROM customer_identities WHERE kind = ? AND value = ?'
	);
	const ids = new Set<number>();
	for (const { kind, value } of identities) {
		for (const row of find.all(kind, value)) ids.add(row.customer_id);
	}
	return [...ids].sort((a, b) => a - b);
}

export function customerFootprint(
	handle: DbHandle,
	customerIds: readonly number[]
): { conversations: number; messages: number } {
	if (customerIds.length === 0) return { conversations: 0, messages: 0 };
	const row = handle.sqlite
		.prepare(
			`SELECT COUNT(*) AS conversations, COALESCE(SUM(message_count), 0) AS messages
			   FROM conversations WHERE customer_id IN (SELECT value FROM json_each(?))`
		)
		.get(JSON.stringify(customerIds)) as { conversations: number; messages: number };
	return row;
}

export interface ErasedCounts {
	customers: number;
	conversations: number;
	messages: number;
	rejectsScrubbed: number;
}

/**
 * Deletes customers and everything stored of them, in one transaction: their
 * conversations (messages and pending changes go with them, by cascade), their identities,
 * and the text of rejected records that contains any of `needles` (their identities as
 * typed, lower-cased). Each removed conversation leaves a row in conversation_removals
 * so that derived data (rollups) can be recomputed for its week and segment.
 */
export function eraseCustomers(
	handle: DbHandle,
	customerIds: readonly number[],
	needles: readonly string[],
	now: number
): ErasedCounts {
	const ids = JSON.stringify(customerIds);
	const { sqlite } = handle;
	return sqlite.transaction((): ErasedCounts => {
		const footprint = customerFootprint(handle, customerIds);
		sqlite
			.prepare(
				`INSERT INTO conversation_removals (source_id, channel, handler, started_at, ended_at, removed_at)
				 SELECT source_id, channel, handler, started_at, ended_at, ?
				   FROM conversations WHERE customer_id IN (SELECT value FROM json_each(?))`
			)
			.run(now, ids);
		sqlite
			.prepare('DELETE FROM conversations WHERE customer_id IN (SELECT value FROM json_each(?))')
			.run(ids);
		const customers = sqlite
			.prepare('DELETE FROM customers WHERE id IN (SELECT value FROM json_each(?))')
			.run(ids).changes;
		let rejectsScrubbed = 0;
		const scrub = sqlite.prepare(
			`UPDATE rejects SET raw = '', reason = 'erased: the record named a customer whose data was erased'
			  WHERE instr(lower(raw), ?) > 0 OR instr(lower(reason), ?) > 0`
		);
		for (const needle of needles) {
			if (needle.length >= 3) rejectsScrubbed += scrub.run(needle, needle).changes;
		}
		return { customers, ...footprint, rejectsScrubbed };
	})();
}

export type ConversationRemoval = typeof conversationRemovals.$inferSelect;

/** The oldest removals not yet handled by derivations (rollups), for them to recompute. */
export function pendingRemovals(handle: DbHandle, limit = 10_000): ConversationRemoval[] {
	return handle.db
		.select()
		.from(conversationRemovals)
		.orderBy(asc(conversationRemovals.id))
		.limit(limit)
		.all();
}

/** Called by a derivation once it has recomputed what these removals touched. */
export function acknowledgeRemovals(handle: DbHandle, ids: readonly number[]): void {
	if (ids.length === 0) return;
	handle.db
		.delete(conversationRemovals)
		.where(inArray(conversationRemovals.id, [...ids]))
		.run();
}
