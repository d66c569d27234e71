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
import {
	markTerms,
	matchExpression,
	parseSearch,
	snippet,
	type SearchTerm,
	type TextPiece
} from '../../domain/search';
import { addWeeks, isoWeekStart } from '../../domain/time';
import { memo } from './cache';
import { formatValue, MEASURES } from '../analytics/measures';
import type { DbHandle } from '../db/client';
import {
	createConversationListRepo,
	INDEXED_SUBSETS,
	ROLLUP_CSAT,
	SUBSETS,
	rollupSignal,
	type ConversationListRepo,
	type ListDriver,
	type IndexedSubset,
	type ListQuery,
	type RollupDimension,
	type SignalColumn
} from '../db/repos/conversation-list';
import { getSetting } from '../db/repos/settings';
import { derivationUpToDate } from '../derive/service';
import { loadTaxonomy } from '../db/repos/topics';
import { SCORE_FLAG_BITS } from '../db/schema/scores';
import { OTHER_TOPIC } from '../scoring/topics';

/**
 * The transcript list: a filtered, keyset-paginated list of conversations with the number
 * that match. Counts come from the weekly rollups when the filter is one a rollup cell
 * answers (week, handler, channel, topic, source, and at most one signal or CSAT case) —
 * the same number the dashboards show, at no cost — and otherwise from counting along the
 * narrowest of the list indexes, chosen with the rollups' counts (see `chooseDriver`).
 */

export const PAGE_SIZE = 50;

const SIGNALS: Record<SignalFilter, { column: SignalColumn; bit: number }> = {
	'asked-for-human': { column: 'asked_for_human', bit: SCORE_FLAG_BITS.askedForHuman },
	'repeated-question': { column: 'repeated_question', bit: SCORE_FLAG_BITS.repeatedQuestion },
	profanity: { column: 'profanity', bit: SCORE_FLAG_BITS.profanity },
	shouting: { column: 'shouting', bit: SCORE_FLAG_BITS.shouting },
	'useless-phrase': { column: 'useless_phrase', bit: SCORE_FLAG_BITS.uselessPhrase },
	'ai-loop': { column: 'ai_loop', bit: SCORE_FLAG_BITS.aiLoop },
	abandoned: { column: 'abandoned', bit: SCORE_FLAG_BITS.abandoned },
	escalated: { column: 'escalated', bit: SCORE_FLAG_BITS.escalated }
};

const CSAT_BITS: Record<CsatFilter, number> = {
	offered: SCORE_FLAG_BITS.csatUnanswered | SCORE_FLAG_BITS.csatTop2 | SCORE_FLAG_BITS.csatLow,
	answered: SCORE_FLAG_BITS.csatTop2 | SCORE_FLAG_BITS.csatLow,
	top2: SCORE_FLAG_BITS.csatTop2,
	low: SCORE_FLAG_BITS.csatLow,
	unanswered: SCORE_FLAG_BITS.csatUnanswered,
	'not-offered': SCORE_FLAG_BITS.csatNotOffered
};

/**
 * Relative cost of one candidate row per driver: walking an index entry is cheap; a
 * full-text match is looked up by id in the scores table and then sorted.
 */
const TEXT_ROW_COST = 20;

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

interface Plan {
	driver: ListDriver;
	/** The count of answered conversations, when the rollups answer it. */
	rollupCount: number | null;
	/** Whether conversations nobody answered (not in the rollups) are asked for. */
	withUnanswered: boolean;
}

/**
 * Which index to walk: the candidate with the fewest rows in range (by the rollups' counts),
 * so a page is found within the fewest entries and a count reads no more than it must.
 */
function chooseDriver(
	repo: ConversationListRepo,
	filters: ConversationFilters,
	query: ListQuery,
	textMatches: number | null,
	rollupsCurrent: boolean
): Plan {
	// Rollups have no unanswered conversations: they count the answered handlers asked for.
	const answered = filters.handlers.filter((handler) => handler !== 'none');
	const withUnanswered = filters.handlers.length === 0 || filters.handlers.includes('none');
	const dims: Partial<Record<RollupDimension, readonly string[]>> = {};
	if (answered.length) dims.handler = answered;
	if (filters.channel) dims.channel = [filters.channel];
	if (filters.topic) dims.topic = [filters.topic];
	if (filters.source) dims.source = [filters.source];
	const measures = query.signals.length + (filters.csat ? 1 : 0) + (filters.subset ? 1 : 0);
	const measure =
		measures !== 1
			? 'conversations'
			: query.signals.length === 1
				? rollupSignal(query.signals[0] as SignalColumn)
				: filters.csat
					? ROLLUP_CSAT[filters.csat]
					: SUBSETS[filters.subset!].rollup;
	const indexed = INDEXED_SUBSETS.filter((key) => key === filters.subset);
	const weeks = filters.week
		? { from: addWeeks(filters.week, 1 - (filters.weeks ?? 1)), to: filters.week }
		: undefined;
	const plan = repo.rollupPlan(weeks, dims, query.signals, measure, indexed);

	const candidates: Array<[ListDriver, number]> = [['time', plan.total]];
	for (const [dimension, count] of Object.entries(plan.dims) as Array<[RollupDimension, number]>)
		// An index led by the handler keeps the time order for one handler only.
		if (dimension !== 'handler' || filters.handlers.length === 1)
			candidates.push([dimension, count]);
	// Its index holds only the few conversations nobody answered.
	if (filters.handlers.length === 1 && filters.handlers[0] === 'none')
		candidates.push(['handler', 0]);
	for (const [column, count] of Object.entries(plan.signals) as Array<[SignalColumn, number]>)
		candidates.push([`signal:${column}`, count]);
	for (const [key, count] of Object.entries(plan.subsets) as Array<[IndexedSubset, number]>)
		candidates.push([`subset:${key}`, count]);
	if (textMatches !== null) candidates.push(['text', textMatches * TEXT_ROW_COST]);
	candidates.sort((a, b) => a[1] - b[1]);
	const driver = (candidates[0] as [ListDriver, number])[0];

	const answerable = !query.match && measures <= 1 && rollupsCurrent;
	return {
		driver,
		rollupCount: answerable
			? answered.length || filters.handlers.length === 0
				? plan.matched
				: 0
			: null,
		withUnanswered
	};
}

function onlyText(filters: ConversationFilters): boolean {
	return (
		filters.signals.length === 0 &&
		filters.handlers.length === 0 &&
		(['week', 'channel', 'topic', 'source', 'csat', 'subset'] as const).every(
			(key) => filters[key] === undefined
		)
	);
}

/** From the start of the first of `weeks` weeks ending with `week`, to the end of `week`. */
function weekRange(week: string, weeks: number, zone: string) {
	return {
		from: isoWeekStart(addWeeks(week, 1 - weeks), zone),
		to: isoWeekStart(addWeeks(week, 1), zone)
	};
}

/** What a filter asks of the list repo, or why nothing can match. */
type ListPlan =
	| { kind: 'none'; impossible: string | null; countedFrom: ConversationList['countedFrom'] }
	| {
			kind: 'query';
			repo: ConversationListRepo;
			query: ListQuery;
			plan: Plan;
			textMatches: number | null;
			current: boolean;
	  };

interface ListScope {
	zone: string;
	range: { from: number; to: number } | null;
	terms: SearchTerm[];
}

function listScope(handle: DbHandle, filters: ConversationFilters): ListScope {
	const zone = getSetting(handle, 'org.timeZone');
	return {
		zone,
		range: filters.week ? weekRange(filters.week, filters.weeks ?? 1, zone) : null,
		terms: filters.q ? parseSearch(filters.q) : []
	};
}

function planList(handle: DbHandle, filters: ConversationFilters, scope: ListScope): ListPlan {
	const repo = createConversationListRepo(handle);
	let sourceId: number | undefined;
	if (filters.source) {
		sourceId = repo.sources().find((source) => source.name === filters.source)?.id;
		if (sourceId === undefined)
			return {
				kind: 'none',
				impossible: `There is no source named “${filters.source}”.`,
				countedFrom: 'index'
			};
	}
	const signals = filters.signals.map((signal) => SIGNALS[signal]);
	const query: ListQuery = {
		range: scope.range,
		handlers: filters.handlers,
		channel: filters.channel,
		topic: filters.topic,
		sourceId,
		signals: signals.map((signal) => signal.column),
		flagsAll: signals.reduce((bits, signal) => bits | signal.bit, 0),
		flagsAny: filters.csat ? CSAT_BITS[filters.csat] : 0,
		match: scope.terms.length ? matchExpression(scope.terms) : undefined,
		// The repeat subsets read the horizon the rollups' repeat counts were built at.
		subset: filters.subset ? { key: filters.subset, horizon: repo.repeatHorizon() } : undefined
	};
	const textMatches = query.match ? repo.textMatches(query.match) : null;
	if (textMatches === 0) return { kind: 'none', impossible: null, countedFrom: 'search' };
	const current = !repo.derivationPending() && derivationUpToDate(handle);
	const plan = chooseDriver(repo, filters, query, textMatches, current);
	return { kind: 'query', repo, query, plan, textMatches, current };
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

	if (filters.order) {
		// The worst cases in that order, one page: the order has no cursor to page on.
		const page = repo.ordered(query, plan.driver, filters.order, PAGE_SIZE);
		return {
			rows: shapeRows(handle, repo, page, terms),
			count,
			countedFrom,
			newer: null,
			older: null,
			range,
			zone,
			impossible: null,
			terms,
			driver: plan.driver
		};
	}

	const fetched = repo.page(query, plan.driver, position, PAGE_SIZE + 1);
	const backwards = position.before !== undefined;
	const more = fetched.length > PAGE_SIZE;
	const page = backwards ? fetched.slice(more ? 1 : 0) : fetched.slice(0, PAGE_SIZE);
	const first = page[0];
	const last = page.at(-1);
	const newer = first && (backwards ? more : position.after !== undefined) ? first : null;
	const older = last && (backwards || more) ? last : null;

	return {
		rows: shapeRows(handle, repo, page, terms),
		count,
		countedFrom,
		newer: newer ? { startedAt: newer.startedAt, id: newer.id } : null,
		older: older ? { startedAt: older.startedAt, id: older.id } : null,
		range,
		zone,
		impossible: null,
		terms,
		driver: plan.driver
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
