import type { DbHandle } from '../client';
import { deleteConversationsAndOrphans } from './conversation-deletion';

export interface RetentionFootprint {
	conversations: number;
	messages: number;
	/** Rejected records kept from imports that started before the cutoff. */
	rejects: number;
}

/** What is stored from before `before` (an instant): what a retention sweep would delete. */
export function retentionFootprint(handle: DbHandle, before: number): RetentionFootprint {
	return handle.sqlite
		.prepare(
			`SELECT
			   (SELECT COUNT(*) FROM conversations WHERE started_at < @before) AS conversations,
			   (SELECT COALESCE(SUM(message_count), 0) FROM conversations WHERE started_at < @before) AS messages,
			   (SELECT COUNT(*) FROM rejects WHERE import_id IN
			     (SELECT id FROM imports WHERE started_at < @before)) AS rejects`
		)
		.get({ before }) as RetentionFootprint;
}

/**
 * Deletes up to `limit` of the conversations that started before `before`, in one
 * transaction, oldest first. They take their messages, scores, pending derivations and search
 * text with them (ON DELETE CASCADE and the search index's trigger); customers left without a
 * conversation go, with their identities. The weeks the conversations counted in are queued
 * for the derivation the caller runs next. Later conversations need nothing re-derived: a
 * repeat contact counts against the earlier conversation, and every deleted one is earlier
 * than every kept one.
 */
export function deleteConversationsBefore(
	handle: DbHandle,
	before: number,
	limit: number
): { conversations: number; messages: number } {
	const { sqlite } = handle;
	return sqlite
		.transaction(() => {
			sqlite.exec('CREATE TEMP TABLE IF NOT EXISTS retained_out (id INTEGER PRIMARY KEY)');
			sqlite.exec('DELETE FROM retained_out');
			sqlite
				.prepare(
					`INSERT INTO retained_out (id)
					 SELECT id FROM conversations WHERE started_at < ? ORDER BY started_at LIMIT ?`
				)
				.run(before, limit);
			const counts = sqlite
				.prepare(
					`SELECT COUNT(*) AS conversations, COALESCE(SUM(message_count), 0) AS messages
					   FROM conversations WHERE id IN (SELECT id FROM retained_out)`
				)
				.get() as { conversations: number; messages: number };
			sqlite.exec(
				`INSERT OR IGNORE INTO rollup_dirty_weeks (week)
				 SELECT DISTINCT week FROM conversation_scores
				  WHERE conversation_id IN (SELECT id FROM retained_out)`
			);
			deleteConversationsAndOrphans(sqlite, 'SELECT id FROM retained_out', []);
			sqlite.exec('DELETE FROM retained_out');
			return counts;
		})
		.immediate();
}

/**
 * Deletes the rejected records of imports that started before `before`: they hold raw
 * records, customers' data as the file had it. The imports' history (file, counts) stays.
 */
export function deleteRejectsBefore(handle: DbHandle, before: number): number {
	return handle.sqlite
		.prepare(`DELETE FROM rejects WHERE import_id IN (SELECT id FROM imports WHERE started_at < ?)`)
		.run(before).changes;
}
