import { integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CHANNELS } from '../../../domain/conversation';

const count = (name: string) => integer(name).notNull().default(0);
const sum = (name: string) => real(name).notNull().default(0);

/**
 * Weekly rollups: one row per RollupCell (domain/rollup.ts), ISO week of started_at in the
 * organisation's zone × handler × channel × topic × source. Every field is a count or a sum.
 */
export const rollupWeekly = sqliteTable(
	'rollup_weekly',
	{
		id: integer('id').primaryKey(),
		week: text('week').notNull(),
		handler: text('handler', { enum: ['ai', 'human', 'hybrid'] }).notNull(),
		channel: text('channel', { enum: CHANNELS }).notNull(),
		topic: text('topic').notNull(),
		source: text('source').notNull(),
		conversations: count('conversations'),
		messages: count('messages'),
		csatOffered: count('csat_offered'),
		csatAnswered: count('csat_answered'),
		csatTop2: count('csat_top2'),
		csatSum: sum('csat_sum'),
		csatSumSq: sum('csat_sum_sq'),
		sentimentN: count('sentiment_n'),
		sentimentStartSum: sum('sentiment_start_sum'),
		sentimentEndSum: sum('sentiment_end_sum'),
		sentimentEndSumSq: sum('sentiment_end_sum_sq'),
		sentimentDeltaSum: sum('sentiment_delta_sum'),
		sentimentMinSum: sum('sentiment_min_sum'),
		/** Conversations whose customer answered a reply: the only ones whose ending is known. */
		endingKnown: count('ending_known'),
		negativeEnd: count('negative_end'),
		repeatContacts: count('repeat_contacts'),
		repeatEligible: count('repeat_eligible'),
		escalationEligible: count('escalation_eligible'),
		escalations: count('escalations'),
		repeatedAfterHandoff: count('repeated_after_handoff'),
		abandonments: count('abandonments'),
		frustrated: count('frustrated'),
		askedForHuman: count('asked_for_human'),
		repeatedQuestion: count('repeated_question'),
		profanity: count('profanity'),
		shouting: count('shouting'),
		uselessPhrase: count('useless_phrase'),
		aiLoop: count('ai_loop'),
		firstResponseN: count('first_response_n'),
		firstResponseSum: sum('first_response_sum'),
		resolutionN: count('resolution_n'),
		resolutionSum: sum('resolution_sum')
	},
	(t) => [uniqueIndex('rollup_weekly_cell_uq').on(t.week, t.handler, t.channel, t.topic, t.source)]
);

/** Weeks whose rollups must be recomputed: written with the changes, cleared by the refresh. */
export const rollupDirtyWeeks = sqliteTable('rollup_dirty_weeks', {
	week: text('week').primaryKey()
});
