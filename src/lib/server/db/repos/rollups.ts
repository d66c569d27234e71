import type { Channel } from '../../../domain/conversation';
import type { RollupCell } from '../../../domain/rollup';
import type { DbHandle } from '../client';

/**
 * Weekly rollups from the stored scores: a week is recomputed whole (delete its cells, group
 * its conversations again), so a conversation that moved to another topic, handler or week
 * can never be counted twice. Conversations nobody answered (handler 'none') are left out.
 *
 * A conversation counts in the repeat-contact denominator once its window has closed before
 * the data horizon (the newest conversation start) and it has a known customer; the
 * numerator counts only those.
 */

const CELL_SELECT = `
SELECT s.week AS week, c.handler AS handler, c.channel AS channel, s.topic AS topic, src.name AS source,
  COUNT(*) AS conversations,
  SUM(c.message_count) AS messages,
  SUM(s.csat_offered) AS csat_offered,
  SUM(s.csat_score IS NOT NULL) AS csat_answered,
  SUM(s.csat_top2) AS csat_top2,
  TOTAL(s.csat_score) AS csat_sum,
  TOTAL(s.csat_score * s.csat_score) AS csat_sum_sq,
  SUM(s.sentiment_end IS NOT NULL) AS sentiment_n,
  TOTAL(s.sentiment_start) AS sentiment_start_sum,
  TOTAL(s.sentiment_end) AS sentiment_end_sum,
  TOTAL(s.sentiment_end * s.sentiment_end) AS sentiment_end_sum_sq,
  TOTAL(s.sentiment_delta) AS sentiment_delta_sum,
  TOTAL(s.sentiment_min) AS sentiment_min_sum,
  SUM(s.customer_turns > 1 AND s.sentiment_end IS NOT NULL) AS ending_known,
  SUM(s.customer_turns > 1 AND s.sentiment_end IS NOT NULL AND s.sentiment_end < -0.05) AS negative_end,
  SUM(c.customer_id IS NOT NULL AND s.repeat_due_at <= @horizon AND s.repeat_next_id IS NOT NULL) AS repeat_contacts,
  SUM(c.customer_id IS NOT NULL AND s.repeat_due_at <= @horizon) AS repeat_eligible,
  SUM(s.escalation_eligible) AS escalation_eligible,
  SUM(s.escalated) AS escalations,
  SUM(s.repeated_after_handoff) AS repeated_after_handoff,
  SUM(s.abandoned) AS abandonments,
  SUM(s.frustrated) AS frustrated,
  SUM(s.asked_for_human) AS asked_for_human,
  SUM(s.repeated_question) AS repeated_question,
  SUM(s.profanity) AS profanity,
  SUM(s.shouting) AS shouting,
  SUM(s.useless_phrase) AS useless_phrase,
  SUM(s.ai_loop) AS ai_loop,
  SUM(s.first_response_seconds IS NOT NULL) AS first_response_n,
  TOTAL(s.first_response_seconds) AS first_response_sum,
  SUM(s.resolution_seconds IS NOT NULL) AS resolution_n,
  TOTAL(s.resolution_seconds) AS resolution_sum
FROM conversation_scores s
JOIN conversations c ON c.id = s.conversation_id
JOIN sources src ON src.id = c.source_id
WHERE c.handler <> 'none' AND %WHERE%
GROUP BY s.week, c.handler, c.channel, s.topic, src.name`;

const COLUMNS = [
	'week',
	'handler',
	'channel',
	'topic',
	'source',
	'conversations',
	'messages',
	'csat_offered',
	'csat_answered',
	'csat_top2',
	'csat_sum',
	'csat_sum_sq',
	'sentiment_n',
	'sentiment_start_sum',
	'sentiment_end_sum',
	'sentiment_end_sum_sq',
	'sentiment_delta_sum',
	'sentiment_min_sum',
	'ending_known',
	'negative_end',
	'repeat_contacts',
	'repeat_eligible',
	'escalation_eligible',
	'escalations',
	'repeated_after_handoff',
	'abandonments',
	'frustrated',
	'asked_for_human',
	'repeated_question',
	'profanity',
	'shouting',
	'useless_phrase',
	'ai_loop',
	'first_response_n',
	'first_response_sum',
	'resolution_n',
	'resolution_sum'
] as const;

const insertCells = (where: string) =>
	`INSERT INTO rollup_weekly (${COLUMNS.join(', ')}) ${CELL_SELECT.replace('%WHERE%', where)}`;

export function createRollupRepo(handle: DbHandle) {
	const { sqlite } = handle;
	const deleteWeek = sqlite.prepare('DELETE FROM rollup_weekly WHERE week = ?');
	const insertWeek = sqlite.prepare(insertCells('s.week = @week'));
	const deleteAll = sqlite.prepare('DELETE FROM rollup_weekly');
	const scoredWeeks = sqlite.prepare<[], { week: string }>(
		'SELECT DISTINCT week FROM conversation_scores ORDER BY week'
	);
	const dirtyWeeks = sqlite.prepare<[], { week: string }>(
		'SELECT week FROM rollup_dirty_weeks ORDER BY week'
	);
	const clearDirty = sqlite.prepare('DELETE FROM rollup_dirty_weeks');
	const weekCount = sqlite.prepare<[], { n: number }>(
		'SELECT COUNT(DISTINCT week) AS n FROM rollup_weekly'
	);

	return {
		dirtyWeeks: () => dirtyWeeks.all().map((row) => row.week),
		/** Recomputes the given weeks' cells, with repeat eligibility at `horizon`. */
		refreshWeeks(weeks: readonly string[], horizon: number): void {
			for (const week of weeks) {
				deleteWeek.run(week);
				insertWeek.run({ week, horizon });
			}
		},
		/**
		 * Every week again, one week per statement: one GROUP BY over millions of conversations
		 * sorts them all at once (in memory, with temp_store = MEMORY: over 300 MB on 2.8M),
		 * while a week is read along the week index and sorted alone.
		 */
		rebuildAll(horizon: number): void {
			deleteAll.run();
			for (const { week } of scoredWeeks.all()) insertWeek.run({ week, horizon });
		},
		clearDirty: () => clearDirty.run(),
		deleteWeeks(weeks: readonly string[]): void {
			for (const week of weeks) deleteWeek.run(week);
		},
		weekCount: () => weekCount.get()?.n ?? 0
	};
}

interface CellRow {
	week: string;
	handler: RollupCell['handler'];
	channel: Channel;
	topic: string;
	source: string;
	conversations: number;
	messages: number;
	csat_offered: number;
	csat_answered: number;
	csat_top2: number;
	csat_sum: number;
	csat_sum_sq: number;
	sentiment_n: number;
	sentiment_start_sum: number;
	sentiment_end_sum: number;
	sentiment_end_sum_sq: number;
	sentiment_delta_sum: number;
	sentiment_min_sum: number;
	ending_known: number;
	negative_end: number;
	repeat_contacts: number;
	repeat_eligible: number;
	escalation_eligible: number;
	escalations: number;
	repeated_after_handoff: number;
	abandonments: number;
	frustrated: number;
	asked_for_human: number;
	repeated_question: number;
	profanity: number;
	shouting: number;
	useless_phrase: number;
	ai_loop: number;
	first_response_n: number;
	first_response_sum: number;
	resolution_n: number;
	resolution_sum: number;
}

function toCell(row: CellRow): RollupCell {
	return {
		week: row.week,
		handler: row.handler,
		channel: row.channel,
		topic: row.topic,
		source: row.source,
		conversations: row.conversations,
		messages: row.messages,
		csatOffered: row.csat_offered,
		csatAnswered: row.csat_answered,
		csatTop2: row.csat_top2,
		csatSum: row.csat_sum,
		csatSumSq: row.csat_sum_sq,
		sentimentN: row.sentiment_n,
		sentimentStartSum: row.sentiment_start_sum,
		sentimentEndSum: row.sentiment_end_sum,
		sentimentEndSumSq: row.sentiment_end_sum_sq,
		sentimentDeltaSum: row.sentiment_delta_sum,
		sentimentMinSum: row.sentiment_min_sum,
		endingKnown: row.ending_known,
		negativeEnd: row.negative_end,
		repeatContacts: row.repeat_contacts,
		repeatEligible: row.repeat_eligible,
		escalationEligible: row.escalation_eligible,
		escalations: row.escalations,
		repeatedAfterHandoff: row.repeated_after_handoff,
		abandonments: row.abandonments,
		frustrated: row.frustrated,
		askedForHuman: row.asked_for_human,
		repeatedQuestion: row.repeated_question,
		profanity: row.profanity,
		shouting: row.shouting,
		uselessPhrase: row.useless_phrase,
		aiLoop: row.ai_loop,
		firstResponseN: row.first_response_n,
		firstResponseSum: row.first_response_sum,
		resolutionN: row.resolution_n,
		resolutionSum: row.resolution_sum
	};
}

/** Rollup cells, optionally for a range of weeks (labels compare in time order). */
export function listRollupCells(
	handle: DbHandle,
	range: { fromWeek?: string; toWeek?: string } = {}
): RollupCell[] {
	const rows = handle.sqlite
		.prepare<[string, string], CellRow>(
			`SELECT ${COLUMNS.join(', ')} FROM rollup_weekly WHERE week >= ? AND week <= ?
			  ORDER BY week, handler, channel, topic, source`
		)
		.all(range.fromWeek ?? '', range.toWeek ?? '9999');
	return rows.map(toCell);
}
