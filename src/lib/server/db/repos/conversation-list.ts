import type { ListOrder } from '../../../domain/conversation-filters';
import type { DbHandle } from '../client';
import { SEARCH_TABLE } from '../search-index';

/**
 * Queries of the transcript list (dashboard/conversations.ts decides which to run). Every
 * filter reads `conversation_scores` and its covering list indexes (schema/scores.ts): a
 * query walks one index newest first and tests the other filters inside its entries, so a
 * page costs about (rows walked until 50 match) × an index entry, never a table scan.
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
	'negative-end': { condition: 's.sentiment_end < -0.05', rollup: 'negative_end' },
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
		where: 's.sentiment_end < -0.05'
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
const ORDER_SQL: Record<ListOrder, string> = {
	'first-response': 's.first_response_seconds DESC NULLS LAST',
	resolution: 's.resolution_seconds DESC NULLS LAST',
	'end-sentiment': 's.sentiment_end ASC NULLS LAST'
};

/** The WHERE terms of a query along `driver`, and their parameters in the same order. */
function conditions(query: ListQuery, driver: ListDriver) {
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

function whereClause(where: readonly string[]): string {
	return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

function fromClause(driver: ListDriver): string {
	return driver === 'text'
		? `${SEARCH_TABLE} t CROSS JOIN conversation_scores s ON s.conversation_id = t.rowid`
		: driver.startsWith('subset:')
			? `conversation_scores s INDEXED BY ${SUBSET_INDEX[driver.slice(7) as IndexedSubset].index}`
			: `conversation_scores s INDEXED BY ${INDEX[driver as keyof typeof INDEX]}`;
}

export function createConversationListRepo(handle: DbHandle) {
	const { sqlite } = handle;
	// Statements differ with the filters; preparing one costs microseconds.
	const prepared = (text: string) => sqlite.prepare<unknown[]>(text);

	return {
		/**
		 * Up to `limit` conversations (id and start) newest first, after or before a cursor.
		 * Before a cursor they are read oldest first and turned around.
		 */
		page(query: ListQuery, driver: ListDriver, position: ListPositionSql, limit: number) {
			const { where, params } = conditions(query, driver);
			const backwards = position.before !== undefined;
			const cursor = position.after ?? position.before;
			if (cursor) {
				where.push(`(s.started_at, s.conversation_id) ${backwards ? '>' : '<'} (?, ?)`);
				params.push(cursor.startedAt, cursor.id);
			}
			const order = backwards ? 'ASC' : 'DESC';
			const rows = prepared(
				`SELECT s.conversation_id AS id, s.started_at AS startedAt FROM ${fromClause(driver)}
				  ${whereClause(where)}
				  ORDER BY s.started_at ${order}, s.conversation_id ${order} LIMIT ?`
			).all(...params, limit) as Array<{ id: number; startedAt: number }>;
			return backwards ? rows.reverse() : rows;
		},

		/**
		 * The first `limit` matches in `order` (ORDER_SQL: worst first, those without the value
		 * last, then newest): found along the driver's index and sorted, as no index holds them
		 * in that order.
		 */
		ordered(query: ListQuery, driver: ListDriver, order: ListOrder, limit: number) {
			const { where, params } = conditions(query, driver);
			return prepared(
				`SELECT s.conversation_id AS id, s.started_at AS startedAt FROM ${fromClause(driver)}
				  ${whereClause(where)}
				  ORDER BY ${ORDER_SQL[order]}, s.started_at DESC, s.conversation_id DESC LIMIT ?`
			).all(...params, limit) as Array<{ id: number; startedAt: number }>;
		},

		/** How many conversations match, counted along the driver's index. */
		count(query: ListQuery, driver: ListDriver): number {
			const { where, params } = conditions(query, driver);
			const row = prepared(
				`SELECT COUNT(*) AS n FROM ${fromClause(driver)} ${whereClause(where)}`
			).get(...params) as { n: number };
			return row.n;
		},

		/** Conversations whose text matches the expression (whatever the other filters). */
		textMatches(match: string): number {
			const row = prepared(
				`SELECT COUNT(*) AS n FROM ${SEARCH_TABLE} WHERE ${SEARCH_TABLE} MATCH ?`
			).get(match) as { n: number };
			return row.n;
		},

		/**
		 * Counts from the weekly rollups (which leave out conversations nobody answered), for
		 * the conversations of the weeks `from`–`to` (or all): in total, with each given
		 * dimension value (any of its values), with each given signal, and `matched`: the sum
		 * of `measure` over the cells matching every given dimension.
		 */
		rollupPlan(
			weeks: { from: string; to: string } | undefined,
			dims: Partial<Record<RollupDimension, readonly string[]>>,
			signals: readonly SignalColumn[],
			measure: string,
			subsets: readonly IndexedSubset[] = []
		) {
			const entries = (Object.entries(dims) as Array<[RollupDimension, readonly string[]]>).filter(
				([, values]) => values.length > 0
			);
			const test = ([column, values]: [RollupDimension, readonly string[]]) =>
				`${column} IN (${values.map(() => '?').join(', ')})`;
			const columns = [
				'SUM(conversations) AS total',
				...entries.map(
					(entry) =>
						`SUM(CASE WHEN ${test(entry)} THEN conversations ELSE 0 END) AS "d_${entry[0]}"`
				),
				...signals.map((column) => `SUM(${ROLLUP_SIGNAL[column]}) AS "s_${column}"`),
				...subsets.map((key) => `SUM(${SUBSETS[key].rollup}) AS "u_${key}"`),
				`SUM(CASE WHEN ${entries.length ? entries.map(test).join(' AND ') : '1'} THEN ${measure} ELSE 0 END) AS matched`
			];
			const values = entries.flatMap(([, v]) => v);
			const row = prepared(
				`SELECT ${columns.join(', ')} FROM rollup_weekly ${weeks ? 'WHERE week >= ? AND week <= ?' : ''}`
			).get(...values, ...values, ...(weeks ? [weeks.from, weeks.to] : [])) as Record<
				string,
				number | null
			>;
			const get = (key: string) => row[key] ?? 0;
			return {
				total: get('total'),
				dims: Object.fromEntries(
					entries.map(([column]) => [column, get(`d_${column}`)])
				) as Partial<Record<RollupDimension, number>>,
				signals: Object.fromEntries(
					signals.map((column) => [column, get(`s_${column}`)])
				) as Partial<Record<SignalColumn, number>>,
				subsets: Object.fromEntries(subsets.map((key) => [key, get(`u_${key}`)])) as Partial<
					Record<IndexedSubset, number>
				>,
				matched: get('matched')
			};
		},

		/**
		 * The data horizon the rollups' repeat eligibility was computed at (derive/drain.ts
		 * stores it), else the newest start, as the next derivation will take it.
		 */
		repeatHorizon(): number {
			const stored = prepared(`SELECT value FROM derivation_state WHERE key = 'horizon'`).get() as
				{ value: string } | undefined;
			const value: unknown = stored ? JSON.parse(stored.value) : null;
			if (typeof value === 'number') return value;
			const row = prepared('SELECT MAX(started_at) AS horizon FROM conversations').get() as {
				horizon: number | null;
			};
			return row.horizon ?? 0;
		},

		/** Whether imports or changes are waiting to be derived (rollups lag behind). */
		derivationPending(): boolean {
			const row = prepared(
				`SELECT EXISTS (SELECT 1 FROM conversation_changes) OR EXISTS (SELECT 1 FROM rollup_dirty_weeks) AS pending`
			).get() as { pending: number };
			return row.pending === 1;
		},

		/** What the list shows of each conversation, for the ids of one page. */
		rows(ids: readonly number[]) {
			return prepared(
				`SELECT c.id, c.external_id AS externalId, c.started_at AS startedAt, c.channel, c.handler,
				        c.customer_name AS customerName, c.message_count AS messageCount,
				        s.topic, s.flags, s.csat_score AS csatScore, s.sentiment_start AS sentimentStart,
				        s.sentiment_end AS sentimentEnd, s.repeat_next_id AS repeatNextId,
				        s.first_response_seconds AS firstResponseSeconds,
				        s.resolution_seconds AS resolutionSeconds,
				        src.name AS source,
				        (SELECT m.body FROM messages m
				          WHERE m.conversation_id = c.id AND m.role = 'customer' AND m.is_public = 1
				          ORDER BY m.created_at, m.id LIMIT 1) AS firstCustomerText
				   FROM json_each(?) j
				   JOIN conversations c ON c.id = j.value
				   JOIN conversation_scores s ON s.conversation_id = c.id
				   JOIN sources src ON src.id = c.source_id`
			).all(JSON.stringify(ids)) as Array<{
				id: number;
				externalId: string;
				startedAt: number;
				channel: string;
				handler: string;
				customerName: string | null;
				messageCount: number;
				topic: string;
				flags: number;
				csatScore: number | null;
				sentimentStart: number | null;
				sentimentEnd: number | null;
				repeatNextId: number | null;
				firstResponseSeconds: number | null;
				resolutionSeconds: number | null;
				source: string;
				firstCustomerText: string | null;
			}>;
		},

		/** Message texts of these conversations, in order: to find where a search matched. */
		texts(ids: readonly number[]) {
			return prepared(
				`SELECT m.conversation_id AS id, m.body FROM json_each(?) j
				   JOIN messages m ON m.conversation_id = j.value
				  ORDER BY m.conversation_id, m.created_at, m.id`
			).all(JSON.stringify(ids)) as Array<{ id: number; body: string }>;
		},

		/** The weeks there are data for, newest first. */
		weeks(): string[] {
			return (
				prepared('SELECT DISTINCT week FROM rollup_weekly ORDER BY week DESC').all() as Array<{
					week: string;
				}>
			).map((row) => row.week);
		},

		sources(): Array<{ id: number; name: string }> {
			return prepared('SELECT id, name FROM sources ORDER BY name').all() as Array<{
				id: number;
				name: string;
			}>;
		}
	};
}

export type ConversationListRepo = ReturnType<typeof createConversationListRepo>;
