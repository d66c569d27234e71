import type Database from 'better-sqlite3';

/** The customer a conversation's identities belong to; null when it has none. */
export type ResolveCustomer = (identities: readonly string[], name: string | null) => number | null;

/**
 * Customer identity resolution for the import store, on its own prepared statements: it runs
 * once per conversation written, inside the import's batch transaction.
 */
export function createCustomerResolver(sqlite: Database.Database): ResolveCustomer {
	const findIdentity = sqlite.prepare<[string, string], { customer_id: number }>(
		'SELECT customer_id FROM customer_identities WHERE kind = ? AND value = ?'
	);
	const insertIdentity = sqlite.prepare(
		'INSERT OR IGNORE INTO customer_identities (customer_id, kind, value) VALUES (?, ?, ?)'
	);
	const insertCustomer = sqlite.prepare('INSERT INTO customers (name) VALUES (?)');
	const moveIdentities = sqlite.prepare(
		'UPDATE customer_identities SET customer_id = ? WHERE customer_id = ?'
	);
	const moveConversations = sqlite.prepare(
		'UPDATE conversations SET customer_id = ? WHERE customer_id = ?'
	);
	const deleteCustomer = sqlite.prepare('DELETE FROM customers WHERE id = ?');

	/**
	 * The customer these identities belong to. Identities seen together on one conversation
	 * belong to one person, so when they point at several customers those are merged into
	 * the oldest (the incremental form of union-find: every member points at the root).
	 */
	return function resolveCustomer(
		identities: readonly string[],
		name: string | null
	): number | null {
		if (identities.length === 0) return null;
		const parsed = identities.map((identity) => {
			const colon = identity.indexOf(':');
			return { kind: identity.slice(0, colon), value: identity.slice(colon + 1) };
		});
		const owners = new Set<number>();
		const unknown: typeof parsed = [];
		for (const identity of parsed) {
			const row = findIdentity.get(identity.kind, identity.value);
			if (row) owners.add(row.customer_id);
			else unknown.push(identity);
		}
		let customerId: number;
		if (owners.size === 0) {
			customerId = Number(insertCustomer.run(name).lastInsertRowid);
		} else {
			customerId = Math.min(...owners);
			for (const other of owners) {
				if (other === customerId) continue;
				moveIdentities.run(customerId, other);
				moveConversations.run(customerId, other);
				deleteCustomer.run(other);
			}
		}
		// Known identities already point at the customer (merged ones were moved above).
		for (const { kind, value } of unknown) insertIdentity.run(customerId, kind, value);
		return customerId;
	};
}
