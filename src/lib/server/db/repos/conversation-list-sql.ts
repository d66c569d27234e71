import type { ListOrder } from '../../../domain/conversation-filters';
import { SEARCH_TABLE } from '../search-index';

/**
 * The transcript list's queries as SQL text: the signals, subsets and indexes a filter can
 * use, and the WHERE, FROM and ORDER BY a query along one index is made of. Pure functions
 * of the filter; the repo (conversation-list.ts) prepares and runs them.
 */

/** The index a query walks: the time index, one led by a dimension, or a signal's own. */
export type ListDriver =
	| 'time'
	| 'handler'
	| 'channel'
	| 'topic'
	| 'source'
	| `signal:${SignalColumn}`
	/** The partial index of a rate's numerator without a flag bit (SUBSET_INDEX). */
	| `subset:${IndexedSubset}`
	/** From the full-text matches (few of them): each looked up by id, then sorted. */
	| 'text';

export const SIGNAL_COLUMNS = [
	'asked_for_human',
	'repeated_question',
	'profanity',
	'shouting',
	'useless_phrase',
	'ai_loop',
	'abandoned',
	'escalated'
] as const;
export type SignalColumn = (typeof SIGNAL_COLUMNS)[number];

/** The rollup column counting each signal (rollup_weekly names two of them differently). */
const ROLLUP_SIGNAL: Record<SignalColumn, string> = {
	asked_for_human: 'asked_for_human',
	repeated_question: 'repeated_question',
	profanity: 'profanity',
	shouting: 'shouting',
	useless_phrase: 'useless_phrase',
	ai_loop: 'ai_loop',
	abandoned: 'abandonments',
	escalated: 'escalations'
};

/**
 * The conversations a measure counts where no flag bit says so (domain/conversation-filters
 * SUBSET_FILTERS), as conditions on the scores: each is the rollup's own condition
 * (repos/rollups.ts CELL_SELECT) for the rollup column beside it, so the list counts what
 * the measure counts. `?` is the repeat horizon the rollups were built at.
 */
export const SUBSETS = {
	sentiment: { condition: 's.sentiment_end IS NOT NULL', rollup: 'sentiment_n' },
	'ending-known': {
		condition: 's.customer_turns > 1 AND s.sentiment_end IS NOT NULL',
		rollup: 'ending_known'
	},
	'negative-end': {
		condition: 's.customer_turns > 1 AND s.sentiment_end < -0.05',
		rollup: 'negative_end'
	},
	'repeat-eligible': {
		condition:
			's.repeat_due_at <= ? AND (SELECT c.customer_id FROM conversations c WHERE c.id = s.conversation_id) IS NOT NULL',
		rollup: 'repeat_eligible'
	},
	repeat: {
		condition:
			's.repeat_next_id IS NOT NULL AND s.repeat_due_at <= ? AND (SELECT c.customer_id FROM conversations c WHERE c.id = s.conversation_id) IS NOT NULL',
		rollup: 'repeat_contacts'
	},
	frustrated: { condition: 's.frustrated = 1', rollup: 'frustrated' },
	'first-response': {
		condition: 's.first_response_seconds IS NOT NULL',
		rollup: 'first_response_n'
	},
	resolution: { condition: 's.resolution_seconds IS NOT NULL', rollup: 'resolution_n' }
} as const satisfies Record<string, { condition: string; rollup: string }>;
export type SubsetKey = keyof typeof SUBSETS;

/** Subsets with a partial index (schema/scores.ts), and its condition word for word. */
const SUBSET_INDEX = {
	'negative-end': {
		index: 'conversation_scores_list_negative_end_idx',
		where: 's.customer_turns > 1 AND s.sentiment_end < -0.05'
	},
	repeat: { index: 'conversation_scores_list_repeat_idx', where: 's.repeat_next_id IS NOT NULL' }
} as const;
export type IndexedSubset = keyof typeof SUBSET_INDEX;
export const INDEXED_SUBSETS = Object.keys(SUBSET_INDEX) as IndexedSubset[];

/** Rollup counts of conversations in each CSAT case (answered = top-2 + low). */
export const ROLLUP_CSAT = {
	offered: 'csat_offered',
	answered: 'csat_answered',
	top2: 'csat_top2',
	low: '(csat_answered - csat_top2)',
	unanswered: '(csat_offered - csat_answered)',
	'not-offered': '(conversations - csat_offered)'
} as const;

export const rollupSignal = (column: SignalColumn) => ROLLUP_SIGNAL[column];

export type RollupDimension = 'handler' | 'channel' | 'topic' | 'source';

const INDEX: Record<Exclude<ListDriver, 'text' | `subset:${IndexedSubset}`>, string> = {
	time: 'conversation_scores_list_time_idx',
	handler: 'conversation_scores_list_handler_idx',
	channel: 'conversation_scores_list_channel_idx',
	topic: 'conversation_scores_list_topic_idx',
	source: 'conversation_scores_list_source_idx',
	'signal:asked_for_human': 'conversation_scores_list_asked_for_human_idx',
	'signal:repeated_question': 'conversation_scores_list_repeated_question_idx',
	'signal:profanity': 'conversation_scores_list_profanity_idx',
	'signal:shouting': 'conversation_scores_list_shouting_idx',
	'signal:useless_phrase': 'conversation_scores_list_useless_phrase_idx',
	'signal:ai_loop': 'conversation_scores_list_ai_loop_idx',
	'signal:abandoned': 'conversation_scores_list_abandoned_idx',
	'signal:escalated': 'conversation_scores_list_escalated_idx'
};

/** A filter in the terms of the columns it tests. */
export interface ListQuery {
	/** Start times in [from, to): a week in the organisation's zone. */
	range: { from: number; to: number } | null;
	/** Any of these handlers; empty for all. */
	handlers: readonly string[];
	channel?: string;
	topic?: string;
	sourceId?: number;
	/** Signals that must all be present (their columns, and their bits in `flags`). */
	signals: readonly SignalColumn[];
	flagsAll: number;
	/** At least one of these bits (a CSAT case); 0 for none. */
	flagsAny: number;
	/** A full-text expression (domain/search.ts `matchExpression`). */
	match?: string;
	/** A measure's conversations (SUBSETS), with the repeat horizon its condition reads. */
	subset?: { key: SubsetKey; horizon: number };
}

export interface ListPositionSql {
	after?: { startedAt: number; id: number };
	before?: { startedAt: number; id: number };
}

/** Each order of the list, worst first, those without the value last. */
export const ORDER_SQL: Record<ListOrder, string> = {
	'first-response': 's.first_response_seconds DESC NULLS LAST',
	resolution: 's.resolution_seconds DESC NULLS LAST',
	'end-sentiment': 's.sentiment_end ASC NULLS LAST'
};

/** The WHERE terms of a query along `driver`, and their parameters in the same order. */
export function conditions(query: ListQuery, driver: ListDriver) {
	const where: string[] = [];
	const params: unknown[] = [];
	if (driver === 'text') {
		// Walking the search index: the match is what it walks.
		where.push(`t.${SEARCH_TABLE} MATCH ?`);
		params.push(query.match);
	}
	if (query.range) {
		where.push('s.started_at >= ? AND s.started_at < ?');
		params.push(query.range.from, query.range.to);
	}
	if (query.handlers.length === 1) {
		where.push('s.handler = ?');
		params.push(query.handlers[0]);
	} else if (query.handlers.length > 1) {
		where.push(`s.handler IN (${query.handlers.map(() => '?').join(', ')})`);
		params.push(...query.handlers);
	}
	for (const [column, value] of [
		['channel', query.channel],
		['topic', query.topic],
		['source_id', query.sourceId]
	] as const) {
		if (value !== undefined) {
			where.push(`s.${column} = ?`);
			params.push(value);
		}
	}
	// A partial index is used only when the query repeats its condition word for word.
	if (driver.startsWith('signal:')) where.push(`s.${driver.slice(7)} = 1`);
	if (driver.startsWith('subset:'))
		where.push(SUBSET_INDEX[driver.slice(7) as IndexedSubset].where);
	if (query.subset) {
		const { condition } = SUBSETS[query.subset.key];
		where.push(`(${condition})`);
		if (condition.includes('?')) params.push(query.subset.horizon);
	}
	if (query.flagsAll) {
		where.push('(s.flags & ?) = ?');
		params.push(query.flagsAll, query.flagsAll);
	}
	if (query.flagsAny) {
		where.push('(s.flags & ?) <> 0');
		params.push(query.flagsAny);
	}
	if (query.match !== undefined && driver !== 'text') {
		where.push(
			`s.conversation_id IN (SELECT rowid FROM ${SEARCH_TABLE} WHERE ${SEARCH_TABLE} MATCH ?)`
		);
		params.push(query.match);
	}
	return { where, params };
}

export function whereClause(where: readonly string[]): string {
	return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

export function fromClause(driver: ListDriver): string {
	return driver === 'text'
		? `${SEARCH_TABLE} t CROSS JOIN conversation_scores s ON s.conversation_id = t.rowid`
		: driver.startsWith('subset:')
			? `conversation_scores s INDEXED BY ${SUBSET_INDEX[driver.slice(7) as IndexedSubset].index}`
			: `conversation_scores s INDEXED BY ${INDEX[driver as keyof typeof INDEX]}`;
}
