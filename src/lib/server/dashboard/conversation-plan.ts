import {
	type ConversationFilters,
	type CsatFilter,
	type SignalFilter
} from '../../domain/conversation-filters';
import { matchExpression, parseSearch, type SearchTerm } from '../../domain/search';
import { addWeeks, isoWeekStart } from '../../domain/time';
import type { DbHandle } from '../db/client';
import {
	createConversationListRepo,
	type ConversationListRepo
} from '../db/repos/conversation-list';
import {
	INDEXED_SUBSETS,
	ROLLUP_CSAT,
	SUBSETS,
	rollupSignal,
	type IndexedSubset,
	type ListDriver,
	type ListQuery,
	type RollupDimension,
	type SignalColumn
} from '../db/repos/conversation-list-sql';
import { getSetting } from '../db/repos/settings';
import { SCORE_FLAG_BITS } from '../db/schema/scores';
import { derivationUpToDate } from '../derive/service';

/**
 * How the transcript list finds its conversations (dashboard/conversations.ts shows them):
 * a filter in the terms of the list repo's columns, and which index to walk, chosen with
 * the rollups' counts so that a page and a count read as few entries as they can.
 */

export const SIGNALS: Record<SignalFilter, { column: SignalColumn; bit: number }> = {
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

export interface Plan {
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

export function onlyText(filters: ConversationFilters): boolean {
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
export type ListPlan =
	| { kind: 'none'; impossible: string | null; countedFrom: 'index' | 'search' }
	| {
			kind: 'query';
			repo: ConversationListRepo;
			query: ListQuery;
			plan: Plan;
			textMatches: number | null;
			current: boolean;
	  };

export interface ListScope {
	zone: string;
	range: { from: number; to: number } | null;
	terms: SearchTerm[];
}

export function listScope(handle: DbHandle, filters: ConversationFilters): ListScope {
	const zone = getSetting(handle, 'org.timeZone');
	return {
		zone,
		range: filters.week ? weekRange(filters.week, filters.weeks ?? 1, zone) : null,
		terms: filters.q ? parseSearch(filters.q) : []
	};
}

export function planList(
	handle: DbHandle,
	filters: ConversationFilters,
	scope: ListScope
): ListPlan {
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
