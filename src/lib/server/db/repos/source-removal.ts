import type { DbHandle } from '../client';
import { deleteConversationsAndOrphans, DOOMED_CUSTOMERS } from './conversation-deletion';

export interface SourceFootprint {
	imports: number;
	conversations: number;
	messages: number;
	/** Reject rows: one may stand for several records (a conversation read from many rows). */
	rejects: number;
	/** Records the imports rejected, as their history counts them (`records_rejected`). */
	recordsRejected: number;
}

/** What is stored from these sources. */
export function sourceFootprint(handle: DbHandle, sourceIds: readonly number[]): SourceFootprint {
	const ids = JSON.stringify(sourceIds);
	return handle.sqlite
		.prepare(
			`SELECT
			   (SELECT COUNT(*) FROM imports WHERE source_id IN (SELECT value FROM json_each(@ids))) AS imports,
			   (SELECT COUNT(*) FROM conversations WHERE source_id IN (SELECT value FROM json_each(@ids))) AS conversations,
			   (SELECT COALESCE(SUM(message_count), 0) FROM conversations
			     WHERE source_id IN (SELECT value FROM json_each(@ids))) AS messages,
			   (SELECT COUNT(*) FROM rejects WHERE import_id IN
			     (SELECT id FROM imports WHERE source_id IN (SELECT value FROM json_each(@ids)))) AS rejects,
			   (SELECT COALESCE(SUM(records_rejected), 0) FROM imports
			     WHERE source_id IN (SELECT value FROM json_each(@ids))) AS recordsRejected`
		)
		.get({ ids }) as SourceFootprint;
}

/**
 * Deletes sources with everything imported from them, in one transaction. Conversations take
 * their messages, scores, pending derivations and search text with them (ON DELETE CASCADE,
 * and the search index's trigger); their imports take their rejects. Customers left without
 * a conversation go, with their identities. What stays is queued for the derivation the
 * caller runs next: the weeks the conversations counted in, and the other conversations of
 * their customers, whose repeat-contact links may have pointed at one of them.
 */
export function removeSourceRows(handle: DbHandle, sourceIds: readonly number[]): SourceFootprint {
	const ids = JSON.stringify(sourceIds);
	const { sqlite } = handle;
	return sqlite
		.transaction((): SourceFootprint => {
			const footprint = sourceFootprint(handle, sourceIds);
			sqlite
				.prepare(
					`INSERT OR IGNORE INTO rollup_dirty_weeks (week)
				 SELECT DISTINCT week FROM conversation_scores WHERE source_id IN (SELECT value FROM json_each(?))`
				)
				.run(ids);
			deleteConversationsAndOrphans(
				sqlite,
				'SELECT id FROM conversations WHERE source_id IN (SELECT value FROM json_each(?))',
				[ids],
				() =>
					sqlite
						.prepare(
							`INSERT OR IGNORE INTO conversation_changes (conversation_id)
							 SELECT id FROM conversations
							  WHERE customer_id IN (SELECT id FROM ${DOOMED_CUSTOMERS})
							    AND source_id NOT IN (SELECT value FROM json_each(?))`
						)
						.run(ids)
			);
			sqlite
				.prepare('DELETE FROM imports WHERE source_id IN (SELECT value FROM json_each(?))')
				.run(ids);
			sqlite.prepare('DELETE FROM sources WHERE id IN (SELECT value FROM json_each(?))').run(ids);
			return footprint;
		})
		.immediate();
}
