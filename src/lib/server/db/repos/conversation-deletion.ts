import type Database from 'better-sqlite3';

/** The temp table holding the customers of the conversations being deleted. */
export const DOOMED_CUSTOMERS = 'doomed_customers';

/**
 * Deletes the conversations that `selectIds` (a SELECT of conversation ids, with `params`)
 * returns, and the customers it leaves without a conversation, with their identities, inside
 * the caller's transaction. The conversations take their messages, scores, pending derivations
 * and search text with them (ON DELETE CASCADE and the search index's trigger). `beforeDelete`
 * runs once the customers of those conversations are in DOOMED_CUSTOMERS, while the
 * conversations are still there.
 */
export function deleteConversationsAndOrphans(
	sqlite: Database.Database,
	selectIds: string,
	params: readonly unknown[],
	beforeDelete?: () => void
): void {
	sqlite.exec(`CREATE TEMP TABLE IF NOT EXISTS ${DOOMED_CUSTOMERS} (id INTEGER PRIMARY KEY)`);
	sqlite.exec(`DELETE FROM ${DOOMED_CUSTOMERS}`);
	sqlite
		.prepare(
			`INSERT OR IGNORE INTO ${DOOMED_CUSTOMERS} (id)
			 SELECT customer_id FROM conversations WHERE id IN (${selectIds}) AND customer_id IS NOT NULL`
		)
		.run(...params);
	beforeDelete?.();
	sqlite.prepare(`DELETE FROM conversations WHERE id IN (${selectIds})`).run(...params);
	sqlite.exec(
		`DELETE FROM customers WHERE id IN (SELECT id FROM ${DOOMED_CUSTOMERS})
		   AND NOT EXISTS (SELECT 1 FROM conversations WHERE customer_id = customers.id)`
	);
	sqlite.exec(`DELETE FROM ${DOOMED_CUSTOMERS}`);
}
