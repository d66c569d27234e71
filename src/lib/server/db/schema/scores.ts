import { sql, type SQL } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CHANNELS, HANDLERS } from '../../../domain/conversation';
import { conversations } from './conversations';

const flag = (name: string) => integer(name, { mode: 'boolean' }).notNull().default(false);

/**
 * The bits of `flags` (below): one per frustration signal and outcome a transcript list can
 * be filtered on, and one per CSAT case (exactly one of the last four is set). The column
 * exists so that the list's covering indexes can test any combination of them without
 * reading the table row (dashboard/conversation-list).
 */
export const SCORE_FLAG_BITS = {
	askedForHuman: 1,
	repeatedQuestion: 2,
	profanity: 4,
	shouting: 8,
	uselessPhrase: 16,
	aiLoop: 32,
	abandoned: 64,
	escalated: 128,
	csatNotOffered: 256,
	csatUnanswered: 512,
	csatTop2: 1024,
	csatLow: 2048
} as const;

const FLAG_COLUMNS: Array<[string, number]> = [
	['asked_for_human', SCORE_FLAG_BITS.askedForHuman],
	['repeated_question', SCORE_FLAG_BITS.repeatedQuestion],
	['profanity', SCORE_FLAG_BITS.profanity],
	['shouting', SCORE_FLAG_BITS.shouting],
	['useless_phrase', SCORE_FLAG_BITS.uselessPhrase],
	['ai_loop', SCORE_FLAG_BITS.aiLoop],
	['abandoned', SCORE_FLAG_BITS.abandoned],
	['escalated', SCORE_FLAG_BITS.escalated]
];

const flagsExpression: SQL = sql.raw(
	[
		...FLAG_COLUMNS.map(([column, bit]) => `(${column} * ${bit})`),
		`(CASE WHEN csat_offered = 0 THEN ${SCORE_FLAG_BITS.csatNotOffered}` +
			` WHEN csat_score IS NULL THEN ${SCORE_FLAG_BITS.csatUnanswered}` +
			` WHEN csat_top2 = 1 THEN ${SCORE_FLAG_BITS.csatTop2} ELSE ${SCORE_FLAG_BITS.csatLow} END)`
	].join(' + ')
);

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
		repeatNextId: integer('repeat_next_id'),
		/**
		 * Copies of the conversation's start, handler, channel and source, written with the
		 * scores (and rewritten whenever the conversation changes, as its revision does): with
		 * them every filter of the transcript list reads this one table and its indexes.
		 */
		startedAt: integer('started_at').notNull(),
		handler: text('handler', { enum: HANDLERS }).notNull(),
		channel: text('channel', { enum: CHANNELS }).notNull(),
		sourceId: integer('source_id').notNull(),
		/** Signals and the CSAT case as bits (SCORE_FLAG_BITS); computed, never written. */
		flags: integer('flags').generatedAlwaysAs(flagsExpression, { mode: 'virtual' })
	},
	(t) => [
		index('conversation_scores_week_idx').on(t.week),
		index('conversation_scores_due_idx').on(t.repeatDueAt),
		// The transcript list (repos/conversation-list.ts) walks one of these newest first and
		// tests every other filter inside the index entry: covering, so no row is read until
		// a page of matches is found. Each leads with what it narrows to, then the time order.
		index('conversation_scores_list_time_idx').on(
			t.startedAt,
			t.conversationId,
			t.handler,
			t.channel,
			t.topic,
			t.sourceId,
			t.flags
		),
		...(['handler', 'channel', 'topic', 'sourceId'] as const).map((lead) =>
			index(`conversation_scores_list_${lead === 'sourceId' ? 'source' : lead}_idx`).on(
				t[lead],
				t.startedAt,
				t.conversationId,
				...(['handler', 'channel', 'topic', 'sourceId'] as const)
					.filter((other) => other !== lead)
					.map((other) => t[other]),
				t.flags
			)
		),
		// Signals are 3–25 % of conversations each: a list of two of them (or one with a
		// CSAT case) is walked along the rarer signal's own index.
		...FLAG_COLUMNS.map(([column]) =>
			index(`conversation_scores_list_${column}_idx`)
				.on(t.startedAt, t.conversationId, t.handler, t.channel, t.topic, t.sourceId, t.flags)
				.where(sql.raw(`${column} = 1`))
		),
		// The numerators of two rates without a flag bit (ended negative: 10–25 %; came back:
		// 5–15 %), walked like a signal's index. The conditions are repeated word for word by
		// repos/conversation-list.ts (SUBSET_CONDITION), or SQLite will not use them.
		index('conversation_scores_list_negative_end_idx')
			.on(t.startedAt, t.conversationId, t.handler, t.channel, t.topic, t.sourceId, t.flags)
			.where(sql.raw('customer_turns > 1 AND sentiment_end < -0.05')),
		index('conversation_scores_list_repeat_idx')
			.on(
				t.startedAt,
				t.conversationId,
				t.handler,
				t.channel,
				t.topic,
				t.sourceId,
				t.flags,
				t.repeatDueAt
			)
			.where(sql.raw('repeat_next_id IS NOT NULL'))
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
