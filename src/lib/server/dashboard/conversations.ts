import type { Channel, Handler } from '../../domain/conversation';
import {
	conversationQuery,
	CSAT_FILTERS,
	type ConversationFilters,
	type CsatFilter,
	type Cursor,
	type ListPosition,
	type SignalFilter
} from '../../domain/conversation-filters';
import { markTerms, snippet, type SearchTerm, type TextPiece } from '../../domain/search';
import { memo } from './cache';
import { listScope, onlyText, planList, SIGNALS } from './conversation-plan';
import { formatValue, MEASURES } from '../analytics/measures';
import type { DbHandle } from '../db/client';
import {
	createConversationListRepo,
	type ConversationListRepo
} from '../db/repos/conversation-list';
import type { ListDriver, ListQuery } from '../db/repos/conversation-list-sql';
import { loadTaxonomy } from '../db/repos/topics';
import { SCORE_FLAG_BITS } from '../db/schema/scores';
import { OTHER_TOPIC } from '../scoring/topics';

/**
 * The transcript list: a filtered, keyset-paginated list of conversations with the number
 * that match. Counts come from the weekly rollups when the filter is one a rollup cell
 * answers (week, handler, channel, topic, source, and at most one signal or CSAT case) —
 * the same number the dashboards show, at no cost — and otherwise from counting along the
 * narrowest of the list indexes, chosen with the rollups' counts (conversation-plan.ts).
 */

export const PAGE_SIZE = 50;

export interface ConversationRow {
	id: number;
	externalId: string;
	startedAt: number;
	channel: Channel;
	handler: Handler;
	source: string;
	topic: string;
	topicLabel: string;
	customerName: string | null;
	messageCount: number;
	signals: SignalFilter[];
	csat: { case: CsatFilter | 'not-offered'; score: number | null };
	sentiment: { start: number | null; end: number | null };
	repeated: boolean;
	/**
	 * The first response and resolution times as the measures format them ("4 min", "1.2 d"),
	 * null where the conversation has none (and is not in that measure's n).
	 */
	times: { firstResponse: string | null; resolution: string | null };
	/** The same times in seconds, for a download. */
	seconds: { firstResponse: number | null; resolution: number | null };
	/** The customer's first words, or where the search matched, marked. */
	text: TextPiece[];
}

export interface ConversationList {
	rows: ConversationRow[];
	/** How many conversations match the filters (all pages). */
	count: number;
	/** Where the count came from: the weekly rollups, or counting the index. */
	countedFrom: 'rollups' | 'index' | 'search';
	newer: Cursor | null;
	older: Cursor | null;
	/** The weeks' start and end (exclusive) in the organisation's zone, when filtered by week. */
	range: { from: number; to: number } | null;
	zone: string;
	/** Why nothing can match (a source that does not exist), when so. */
	impossible: string | null;
	terms: SearchTerm[];
	driver: ListDriver;
}

function signalsOf(flags: number): SignalFilter[] {
	return (Object.keys(SIGNALS) as SignalFilter[]).filter((key) => flags & SIGNALS[key].bit);
}

function csatCaseOf(flags: number): ConversationRow['csat']['case'] {
	if (flags & SCORE_FLAG_BITS.csatTop2) return 'top2';
	if (flags & SCORE_FLAG_BITS.csatLow) return 'low';
	if (flags & SCORE_FLAG_BITS.csatUnanswered) return 'unanswered';
	return 'not-offered';
}

export function listConversations(
	handle: DbHandle,
	filters: ConversationFilters,
	position: ListPosition = {}
): ConversationList {
	const scope = listScope(handle, filters);
	const { range, zone, terms } = scope;
	const planned = planList(handle, filters, scope);
	if (planned.kind === 'none')
		return {
			rows: [],
			count: 0,
			countedFrom: planned.countedFrom,
			newer: null,
			older: null,
			range,
			zone,
			impossible: planned.impossible,
			terms,
			driver: 'time'
		};
	const { repo, query, plan, textMatches, current } = planned;
	let count: number;
	let countedFrom: ConversationList['countedFrom'];
	if (plan.rollupCount !== null) {
		// Conversations nobody answered are not in the rollups: counted along their index.
		const unanswered = plan.withUnanswered
			? repo.count({ ...query, handlers: ['none'] }, 'handler')
			: 0;
		count = plan.rollupCount + unanswered;
		countedFrom = 'rollups';
	} else if (textMatches !== null && onlyText(filters) && current) {
		count = textMatches;
		countedFrom = 'search';
	} else {
		count = repo.count(query, plan.driver);
		countedFrom = 'index';
	}

	// In a worst-first order, its first page only: a sorted order has no cursor to page on.
	const { page, newer, older } = filters.order
		? { page: repo.ordered(query, plan.driver, filters.order, PAGE_SIZE), newer: null, older: null }
		: pageAt(repo, query, plan.driver, position);
	return {
		rows: shapeRows(handle, repo, page, terms),
		count,
		countedFrom,
		newer,
		older,
		range,
		zone,
		impossible: null,
		terms,
		driver: plan.driver
	};
}

/** A page newest first at a cursor, and the cursors of the pages beside it (null: none). */
function pageAt(
	repo: ConversationListRepo,
	query: ListQuery,
	driver: ListDriver,
	position: ListPosition
): { page: Array<{ id: number; startedAt: number }>; newer: Cursor | null; older: Cursor | null } {
	const fetched = repo.page(query, driver, position, PAGE_SIZE + 1);
	const backwards = position.before !== undefined;
	const more = fetched.length > PAGE_SIZE;
	const page = backwards ? fetched.slice(more ? 1 : 0) : fetched.slice(0, PAGE_SIZE);
	const first = page[0];
	const last = page.at(-1);
	const newer = first && (backwards ? more : position.after !== undefined) ? first : null;
	const older = last && (backwards || more) ? last : null;
	return {
		page,
		newer: newer ? { startedAt: newer.startedAt, id: newer.id } : null,
		older: older ? { startedAt: older.startedAt, id: older.id } : null
	};
}

/**
 * Every conversation the filters match, newest first (or in the filters' order), in pages of
 * `pageSize`: for a download of the whole list, read page by page along the same index the
 * list walks, so memory stays at one page whatever the list's length (in an order, the ids
 * and start times of the matches are held, a few MB for 200,000).
 */
export function* allConversationRows(
	handle: DbHandle,
	filters: ConversationFilters,
	pageSize = 500
): Generator<ConversationRow[]> {
	const scope = listScope(handle, filters);
	const planned = planList(handle, filters, scope);
	if (planned.kind === 'none') return;
	const { repo, query, plan } = planned;
	if (filters.order) {
		// In an order no index holds: the ids sorted at once (LIMIT -1: all), shaped page by page.
		const sorted = repo.ordered(query, plan.driver, filters.order, -1);
		for (let start = 0; start < sorted.length; start += pageSize) {
			yield shapeRows(handle, repo, sorted.slice(start, start + pageSize), scope.terms);
		}
		return;
	}
	let position: ListPosition = {};
	for (;;) {
		const page = repo.page(query, plan.driver, position, pageSize);
		if (page.length === 0) return;
		yield shapeRows(handle, repo, page, scope.terms);
		if (page.length < pageSize) return;
		const last = page.at(-1)!;
		position = { after: { startedAt: last.startedAt, id: last.id } };
	}
}

function shapeRows(
	handle: DbHandle,
	repo: ConversationListRepo,
	page: ReadonlyArray<{ id: number }>,
	terms: SearchTerm[]
): ConversationRow[] {
	if (page.length === 0) return [];
	const ids = page.map((row) => row.id);
	const labels = new Map(loadTaxonomy(handle).topics.map((topic) => [topic.name, topic.label]));
	const byId = new Map(repo.rows(ids).map((row) => [row.id, row]));
	const matched = new Map<number, string>();
	if (terms.length) {
		for (const { id, body } of repo.texts(ids)) {
			if (matched.has(id)) continue;
			if (markTerms(body, terms).some((piece) => piece.hit)) matched.set(id, body);
		}
	}
	const rows: ConversationRow[] = [];
	for (const id of ids) {
		const row = byId.get(id);
		if (!row) continue;
		const text = matched.get(id) ?? row.firstCustomerText ?? '';
		rows.push({
			id: row.id,
			externalId: row.externalId,
			startedAt: row.startedAt,
			channel: row.channel as Channel,
			handler: row.handler as Handler,
			source: row.source,
			topic: row.topic,
			topicLabel: labels.get(row.topic) ?? (row.topic === OTHER_TOPIC ? 'Other' : row.topic),
			customerName: row.customerName,
			messageCount: row.messageCount,
			signals: signalsOf(row.flags),
			csat: { case: csatCaseOf(row.flags), score: row.csatScore },
			sentiment: { start: row.sentimentStart, end: row.sentimentEnd },
			repeated: row.repeatNextId !== null,
			times: {
				firstResponse: seconds('firstResponseTime', row.firstResponseSeconds),
				resolution: seconds('resolutionTime', row.resolutionSeconds)
			},
			seconds: { firstResponse: row.firstResponseSeconds, resolution: row.resolutionSeconds },
			text: snippet(text, terms, 180)
		});
	}
	return rows;
}

function seconds(measure: 'firstResponseTime' | 'resolutionTime', value: number | null) {
	return value === null ? null : formatValue(MEASURES[measure], value);
}

/** What the filter controls offer: weeks with data, topics, sources. */
export function listOptions(handle: DbHandle) {
	const repo = createConversationListRepo(handle);
	const topics = loadTaxonomy(handle).topics.map((topic) => ({
		name: topic.name,
		label: topic.label
	}));
	return {
		weeks: repo.weeks(),
		topics: [...topics, { name: OTHER_TOPIC, label: 'Other' }],
		sources: repo.sources().map((source) => source.name),
		csat: CSAT_FILTERS
	};
}

/**
 * The transcript list page: the list at a position, and what its filters offer. Both are
 * kept until the data change (dashboard/cache.ts): a drill-down link shared with a team, or
 * opened from an alert email, is counted once.
 */
export function conversationsPage(
	handle: DbHandle,
	filters: ConversationFilters,
	position: ListPosition
) {
	const key = `list|${conversationQuery(filters, position)}`;
	return {
		list: memo(handle, key, () => listConversations(handle, filters, position), 'conversations'),
		options: memo(handle, 'list-options', () => listOptions(handle), 'conversations')
	};
}
