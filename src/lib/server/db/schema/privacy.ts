import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CHANNELS, HANDLERS } from '../../../domain/conversation';

/**
 * Conversations removed by an erasure, as much of them as derived data needs to be redone
 * and nothing personal: when, which source, channel and handler. Derivations (rollups)
 * read this queue like `conversation_changes` — recompute the weeks and segments these
 * rows fall in — and delete the rows they have handled (privacy/erase.ts).
 */
export const conversationRemovals = sqliteTable('conversation_removals', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	sourceId: integer('source_id').notNull(),
	channel: text('channel', { enum: CHANNELS }).notNull(),
	handler: text('handler', { enum: HANDLERS }).notNull(),
	startedAt: integer('started_at').notNull(),
	endedAt: integer('ended_at'),
	removedAt: integer('removed_at').notNull()
});
