import type { IdentityKind } from '../../../domain/conversation';
import type { DbHandle } from '../client';

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
 * typed, lower-cased). The weeks the conversations counted in are marked for the rollups to
 * be recomputed (derive/drain.ts), which the caller then runs.
 */
export function eraseCustomers(
	handle: DbHandle,
	customerIds: readonly number[],
	needles: readonly string[]
): ErasedCounts {
	const ids = JSON.stringify(customerIds);
	const { sqlite } = handle;
	return sqlite
		.transaction((): ErasedCounts => {
			const footprint = customerFootprint(handle, customerIds);
			// The weeks these conversations counted in are recomputed by the next drain.
			sqlite
				.prepare(
					`INSERT OR IGNORE INTO rollup_dirty_weeks (week)
				 SELECT DISTINCT s.week FROM conversation_scores s JOIN conversations c ON c.id = s.conversation_id
				  WHERE c.customer_id IN (SELECT value FROM json_each(?))`
				)
				.run(ids);
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
		})
		.immediate();
}
