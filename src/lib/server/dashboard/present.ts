import type { ValueKind } from '../../components/charts/table';
import { weeksBetween } from '../../domain/time';
import { conversationsHref, type ConversationHandler } from '../../links';
import {
	channelLabel,
	GROUP_LABELS,
	scopeLabel,
	topicLabel,
	type HandlerGroup,
	type Scope,
	type TopicLabels
} from '../analytics/cells';
import type { Channel } from '../../domain/conversation';
import type {
	CsatFilter,
	ListOrder,
	SignalFilter,
	SubsetFilter
} from '../../domain/conversation-filters';
import {
	formatEffect,
	formatEffectInterval,
	formatValue,
	MEASURES,
	type MeasureDef,
	type MeasureId
} from '../analytics/measures';
import type { Finding, FindingKind } from '../analytics/regressions';
import { effectBars, type AnalyticsSettings } from '../analytics/settings';
import type { Interval } from '../analytics/stats';
import {
	baselineParts,
	baselineWords,
	driftWindow,
	formatQ,
	nowWords,
	samplesWords,
	sinceWords,
	weekSpan
} from '../analytics/words';

/**
 * How the analytics' results are put on a page: the words, the formatted numbers and the
 * link to the conversations behind each. Every number is formatted by measures.ts, so the
 * pages say exactly what `parity report` and the emails say.
 */

export const GROUP_CONVERSATIONS: Record<HandlerGroup | 'gap', ConversationHandler[]> = {
	aiStarted: ['ai', 'hybrid'],
	aiOnly: ['ai'],
	human: ['human'],
	gap: ['ai', 'hybrid', 'human']
};

export function valueKind(measure: MeasureDef): ValueKind {
	return measure.format === 'percent' ? 'share' : measure.format;
}

export function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "53%–76%": an interval of values. */
export function valueRange(measure: MeasureDef, ci: Interval | null): string | null {
	if (!ci || !Number.isFinite(ci.lo) || !Number.isFinite(ci.hi)) return null;
	return `${formatValue(measure, ci.lo)}–${formatValue(measure, ci.hi)}`;
}

/** "−24 to −10": an interval of differences. */
export function effectRange(measure: MeasureDef, ci: Interval | null): string | null {
	if (!ci || !Number.isFinite(ci.lo) || !Number.isFinite(ci.hi)) return null;
	return formatEffectInterval(measure, ci);
}

export const number = new Intl.NumberFormat('en');

export function percentLevel(settings: AnalyticsSettings): string {
	return `${Math.round(settings.level * 100)}%`;
}

const KIND_LABEL: Record<FindingKind, string> = {
	baseline: 'this week vs its baseline',
	recent: 'last two weeks vs their baseline',
	gap: 'AI − human gap vs the baseline gap',
	drift: 'slow drift (EWMA)'
};

export interface FindingRow {
	anchor: string;
	worse: boolean;
	/** "AI", "Human" or "AI vs human" */
	who: string;
	/** "all conversations", "Email", "Email · Disputes and fraud": display names */
	where: string;
	measure: string;
	kind: string;
	/** The value now and before (for gap findings: the gap now and before). */
	now: string;
	/** What "now" is and its weeks: "in 2026-W47", "smoothed (EWMA) over 2026-W40–W47". */
	nowWeeks: string;
	before: string;
	beforeWeeks: string;
	effect: string;
	ci: string | null;
	level: string;
	n: string;
	q: string;
	/** Every run of worse weeks with the bar it passed and what it was compared with. */
	since: string;
	/**
	 * The conversations behind "now", as the links open them, each with the count its list
	 * holds: those that count against the measure and every one it measured, in `weeks`.
	 */
	drill: DrillLinks & { weeks: string };
	/**
	 * For a regression on the review: whether it raised an alert, and if not why (the rules'
	 * own conditions: alerts/explain.ts); the alert's address when it did. Null elsewhere.
	 */
	alert: { kind: 'alerted' | 'due' | 'none'; text: string; href: string | null } | null;
}

/** Where a finding's "now" was measured: its segment and its week(s). */
function findingWhere(finding: Finding): MeasureWhere {
	const weeks = finding.kind === 'recent' ? finding.current.from : finding.week;
	return {
		week: finding.week,
		weeks: Math.max(1, weeksBetween(weeks, finding.week) + 1),
		group: finding.group,
		scope: finding.scope
	};
}

/** The conversations a finding rests on: its measure's, in its segment and week(s). */
export function findingHref(finding: Finding): string {
	return measureHref(finding.measure, findingWhere(finding));
}

/**
 * The two lists behind a finding's "now", with the counts they hold: for a gap both sides
 * (each side's value and n), else the side's own. A drift's "now" here is the week itself,
 * the last of the weeks its smoothed level runs over.
 */
export function findingDrill(finding: Finding): DrillLinks & { weeks: string } {
	const { current } = finding;
	const sides =
		finding.kind === 'gap' && current.sides
			? [
					{ value: current.sides.ai, n: current.n },
					{ value: current.sides.human, n: current.nHuman ?? 0 }
				]
			: [{ value: current.value, n: current.n }];
	return {
		...drillLinks(finding.measure, findingWhere(finding), sides),
		weeks: weekSpan(current.from, current.to)
	};
}

/**
 * A finding as the review lists it. `bars` are thresholds beyond the measure's own minimum
 * effect that its change is judged against (the alert rules' minimums): the effect is never
 * shown rounded across one.
 */
export function findingRow(
	finding: Finding,
	index: number,
	settings: AnalyticsSettings,
	bars: readonly number[] = []
): FindingRow {
	const measure = MEASURES[finding.measure];
	const isGap = finding.kind === 'gap';
	const value = (v: number) =>
		isGap ? `gap ${formatEffect(measure, v)}` : formatValue(measure, v);
	const now =
		finding.kind === 'drift' ? (finding.ewma ?? finding.current.value) : finding.current.value;
	// A drift's level is of its window (the kind says it is smoothed), the week's own value
	// is said beside it.
	const nowWeeks =
		finding.kind === 'drift'
			? `over ${driftWindow(finding)}; ${finding.week} alone ${value(finding.current.value)}`
			: nowWords(finding);
	return {
		anchor: `finding-${index + 1}`,
		worse: finding.worse,
		who: finding.group === 'gap' ? 'AI vs human' : GROUP_LABELS[finding.group],
		where: scopeLabel(finding.scope, settings.topicLabels),
		measure: capitalise(measure.label),
		kind: KIND_LABEL[finding.kind],
		now: `${value(now)}${finding.kind === 'drift' ? ' (EWMA)' : ''}`,
		nowWeeks,
		before: value(finding.baseline.value),
		beforeWeeks: `in ${baselineWords(finding)}`,
		effect: formatEffect(measure, finding.effect, [...effectBars(settings, measure), ...bars]),
		ci: effectRange(measure, finding.ci),
		level: `${percentLevel(settings)} CI`,
		n: samplesWords(finding, measure),
		q: formatQ(finding.q),
		since: sinceWords(finding, settings),
		drill: findingDrill(finding),
		alert: null
	};
}

/**
 * A finding as the measure table flags it beside a side's Δ, with its own test, weeks,
 * effect and interval: the Δ there is this week against the review's baseline, and a drift
 * flagged beside it without its own figures read as "+2 pts (−1 to +7), significant".
 */
export function findingFlag(
	finding: Finding,
	settings: AnalyticsSettings,
	bars: readonly number[] = []
): { worse: boolean; text: string } {
	const measure = MEASURES[finding.measure];
	const title =
		finding.kind === 'gap'
			? `Gap ${finding.worse ? 'widened' : 'narrowed'}`
			: finding.kind === 'drift'
				? `Slow drift for the ${finding.worse ? 'worse' : 'better'}`
				: `Significant ${finding.worse ? 'regression' : 'improvement'}`;
	const ci = effectRange(measure, finding.ci);
	return {
		worse: finding.worse,
		text:
			`${title}, ${nowWords(finding)} vs ${baselineParts(finding).span}: ` +
			`${formatEffect(measure, finding.effect, [...effectBars(settings, measure), ...bars])}` +
			`${ci ? ` (${ci})` : ''}, ${formatQ(finding.q)}`
	};
}

export function scopeHref(
	week: string,
	weeks: number,
	group: HandlerGroup | 'gap',
	scope: Scope,
	source: string | null = null,
	only: MeasureFilter = {}
): string {
	return conversationsHref({
		week,
		weeks,
		handler: GROUP_CONVERSATIONS[group],
		channel: scope.channel,
		topic: scope.topic,
		source,
		...only
	});
}

/** A filter of the conversation list beyond handler and scope. */
export interface MeasureFilter {
	csat?: CsatFilter;
	signal?: SignalFilter;
	subset?: SubsetFilter;
	/** Worst first, for a mean whose list is read for its worst cases. */
	order?: ListOrder;
}

export interface MeasureDrill {
	/** The list filter that picks exactly the conversations the measure's n counts. */
	base: MeasureFilter;
	/**
	 * For a rate, the conversations worth opening, with the word for them: its numerator
	 * (`successes`) where that counts failures, else the rest (n minus the numerator): the
	 * answers that were not satisfied for CSAT, the surveys left unanswered for the response
	 * rate. A manager opens a rate to read what went wrong, not the 80% that went well.
	 */
	hits?: { only: MeasureFilter; word: string; of: 'successes' | 'rest' };
}

/**
 * THE mapping from a measure (analytics/measures.ts, docs/measures.md) to the transcript
 * list's filters: every page that links a number to its conversations goes through
 * `measureHref`. The conditions behind each filter are the rollup's own
 * (repos/conversation-list.ts SUBSETS and the CSAT / signal bits), so the list counts what
 * the measure counts.
 */
export const MEASURE_DRILL: Record<MeasureId, MeasureDrill> = {
	csatPct: {
		base: { csat: 'answered' },
		hits: { only: { csat: 'low' }, word: 'not satisfied', of: 'rest' }
	},
	csatMean: { base: { csat: 'answered' } },
	csatResponseRate: {
		base: { csat: 'offered' },
		hits: { only: { csat: 'unanswered' }, word: 'unanswered', of: 'rest' }
	},
	endSentimentMean: { base: { subset: 'sentiment', order: 'end-sentiment' } },
	sentimentDeltaMean: { base: { subset: 'sentiment' } },
	negativeEndRate: {
		base: { subset: 'ending-known' },
		hits: { only: { subset: 'negative-end' }, word: 'ended negative', of: 'successes' }
	},
	repeatRate: {
		base: { subset: 'repeat-eligible' },
		hits: { only: { subset: 'repeat' }, word: 'came back', of: 'successes' }
	},
	escalationRate: {
		base: {},
		hits: { only: { signal: 'escalated' }, word: 'escalated', of: 'successes' }
	},
	repeatedAfterHandoffRate: { base: { signal: 'escalated' } },
	abandonmentRate: {
		base: {},
		hits: { only: { signal: 'abandoned' }, word: 'abandoned', of: 'successes' }
	},
	frustrationRate: {
		base: {},
		hits: { only: { subset: 'frustrated' }, word: 'frustrated', of: 'successes' }
	},
	firstResponseTime: { base: { subset: 'first-response', order: 'first-response' } },
	resolutionTime: { base: { subset: 'resolution', order: 'resolution' } }
};

/** Where a measure's number was computed: week(s), side and segment. */
export interface MeasureWhere {
	week: string;
	weeks?: number;
	group: HandlerGroup | 'gap';
	scope: Scope;
	source?: string | null;
}

/**
 * The conversations behind a measure's number: with `part` 'hits' (the default) a rate's
 * numerator (MEASURE_DRILL), falling back to its n where it has none; with 'base' its n.
 */
export function measureHref(
	measure: MeasureId,
	where: MeasureWhere,
	part: 'hits' | 'base' = 'hits'
): string {
	return scopeHref(
		where.week,
		where.weeks ?? 1,
		where.group,
		where.scope,
		where.source ?? null,
		measureFilter(measure, part)
	);
}

/** The list filter of a measure's hits (or n), as `measureHref` applies it. */
export function measureFilter(measure: MeasureId, part: 'hits' | 'base' = 'hits'): MeasureFilter {
	const drill = MEASURE_DRILL[measure];
	return part === 'hits' && drill.hits ? drill.hits.only : drill.base;
}

/** How many conversations a rate's hits link opens, from its value and n. */
export function hitsCount(measure: MeasureId, value: number, n: number): number | null {
	const hits = MEASURE_DRILL[measure].hits;
	if (!hits || MEASURES[measure].kind !== 'proportion') return null;
	// A proportion's value is successes / n exactly.
	const successes = Math.round(value * n);
	return hits.of === 'successes' ? successes : n - successes;
}

/** A link to conversations, with how many the list holds and what they are. */
export interface DrillLink {
	count: number;
	/** "12 escalated", "40 AI-started conversations" */
	text: string;
	href: string;
}

/**
 * The two lists behind a rate: `hits`, the conversations that count against it (MEASURE_DRILL;
 * null for a measure without them, a mean), and `all`, every conversation its n counts. Counted
 * from the value and n of each side the figure rests on (two for a gap), so that every label
 * says how many its list holds.
 */
export interface DrillLinks {
	hits: DrillLink | null;
	all: DrillLink;
}

export function drillLinks(
	measure: MeasureId,
	where: MeasureWhere,
	sides: ReadonlyArray<{ value: number; n: number }>
): DrillLinks {
	const drill = MEASURE_DRILL[measure];
	const total = sides.reduce((sum, side) => sum + side.n, 0);
	const counts = sides.map((side) => hitsCount(measure, side.value, side.n));
	const hits =
		drill.hits && counts.every((count) => count !== null)
			? counts.reduce<number>((sum, count) => sum + count!, 0)
			: null;
	return {
		hits:
			drill.hits && hits !== null
				? {
						count: hits,
						text: `${number.format(hits)} ${drill.hits.word}`,
						href: measureHref(measure, where, 'hits')
					}
				: null,
		all: {
			count: total,
			text: `${number.format(total)} ${MEASURES[measure].unit}`,
			href: measureHref(measure, where, 'base')
		}
	};
}

/** A filter choice: the id the address carries, and the name a person reads. */
export interface FilterOption {
	value: string;
	label: string;
}

/** The active filters in display names, joined: "Web form · Disputes and fraud · Zendesk". */
export function filterWhere(
	filters: { channel?: Channel | null; topic?: string | null; source?: string | null },
	labels: TopicLabels
): string {
	return [
		filters.channel ? channelLabel(filters.channel) : null,
		filters.topic ? topicLabel(filters.topic, labels) : null,
		filters.source ?? null
	]
		.filter(Boolean)
		.join(' · ');
}
