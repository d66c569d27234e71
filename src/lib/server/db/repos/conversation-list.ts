import type { ListOrder } from '../../../domain/conversation-filters';
import type { DbHandle } from '../client';
import { SEARCH_TABLE } from '../search-index';

/**
 * Queries of the transcript list (dashboard/conversations.ts decides which to run). Every
 * filter reads `conversation_scores` and its covering list indexes (schema/scores.ts): a
 * query walks one index newest first and tests the other filters inside its entries, so a
 * page costs about (rows walked until 50 match) × an index entry, never a table scan.
 */
import {
	conditions,
	fromClause,
	ORDER_SQL,
	rollupSignal,
	SUBSETS,
	whereClause,
	type IndexedSubset,
	type ListDriver,
	type ListPositionSql,
	type ListQuery,
	type RollupDimension,
	type SignalColumn
} from './conversation-list-sql';

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
				...signals.map((column) => `SUM(${rollupSignal(column)}) AS "s_${column}"`),
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
