import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { conversations } from './conversations';

const flag = (name: string) => integer(name, { mode: 'boolean' }).notNull().default(false);

/**
 * Per-conversation measures (scoring/conversation.ts; definitions in docs/measures.md), with
 * the content hash of the state they were computed from: scores whose hash differs from the
 * conversation's are stale and re-derived. `week` is the ISO week of started_at in the
 * organisation's zone; the repeat columns depend on the other conversations of the customer.
 */
export const conversationScores = sqliteTable(
	'conversation_scores',
	{
		conversationId: integer('conversation_id')
			.primaryKey()
			.references(() => conversations.id, { onDelete: 'cascade' }),
		/** The conversation revision these scores were computed from (0: to be recomputed). */
		revision: integer('revision').notNull(),
		week: text('week').notNull(),
		topic: text('topic').notNull(),
		topicOrigin: text('topic_origin', { enum: ['tag', 'keywords', 'none'] }).notNull(),
		customerMessages: integer('customer_messages').notNull(),
		customerTurns: integer('customer_turns').notNull(),
		sentimentStart: real('sentiment_start'),
		sentimentEnd: real('sentiment_end'),
		sentimentDelta: real('sentiment_delta'),
		sentimentMin: real('sentiment_min'),
		csatOffered: flag('csat_offered'),
		/** The answer on 1..5; null when not offered, unanswered or unreadable. */
		csatScore: real('csat_score'),
		csatTop2: flag('csat_top2'),
		firstResponseSeconds: real('first_response_seconds'),
		resolutionSeconds: real('resolution_seconds'),
		escalationEligible: flag('escalation_eligible'),
		escalated: flag('escalated'),
		repeatedAfterHandoff: flag('repeated_after_handoff'),
		silentEnd: flag('silent_end'),
		abandoned: flag('abandoned'),
		askedForHuman: flag('asked_for_human'),
		repeatedQuestion: flag('repeated_question'),
		profanity: flag('profanity'),
		shouting: flag('shouting'),
		uselessPhrase: flag('useless_phrase'),
		aiLoop: flag('ai_loop'),
		frustrated: flag('frustrated'),
		/** When the contact ended (ended_at, else its last message). */
		contactEndAt: integer('contact_end_at').notNull(),
		/** contact_end_at + the repeat window: from then on the conversation is decided. */
		repeatDueAt: integer('repeat_due_at').notNull(),
		/** The same customer's next contact within the window, if any. */
		repeatNextId: integer('repeat_next_id')
	},
	(t) => [
		index('conversation_scores_week_idx').on(t.week),
		index('conversation_scores_due_idx').on(t.repeatDueAt)
	]
);

/**
 * What the stored derivations were built with (zone, repeat window, taxonomy, scoring
 * version) and the data horizon the repeat eligibility was last computed at. When a setting
 * no longer matches, the next derivation rebuilds what depends on it.
 */
export const derivationState = sqliteTable('derivation_state', {
	key: text('key').primaryKey(),
	value: text('value', { mode: 'json' }).notNull()
});
