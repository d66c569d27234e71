import type { Channel } from '../../domain/conversation';
import type { MeasureId } from './measures';

/**
 * What alerts and the digest need from the statistics layer, and nothing more. The analytics
 * module has its own, richer types; a thin adapter maps them onto these at the point where
 * the caller builds an `AlertSource`, so this folder never imports analytics.
 */

/** A handler × channel × topic (× source) slice; `null` in a field means "all". */
export interface Segment {
	handler: 'ai' | 'human' | 'hybrid' | null;
	channel: Channel | null;
	topic: string | null;
	source: string | null;
}

/** An estimate with its 95% interval, in the measure's own units (shares as 0..1). */
export interface Interval {
	estimate: number;
	low: number;
	high: number;
}

/** One week of a segment's measure, for the trend chart. */
export interface TrendPoint {
	week: string;
	value: number | null;
	n: number;
	/** The week's own 95% interval, when the analytics layer has it. */
	low?: number | null;
	high?: number | null;
	/** The smoothed level (EWMA) at this week, for drift findings; null before its run. */
	smoothed?: number | null;
}

/**
 * A change the analytics layer found significant after Benjamini–Hochberg: a segment's
 * measure this week against its own trailing baseline.
 */
export interface AlertFinding {
	segment: Segment;
	measure: MeasureId;
	week: string;
	/** This week's value and how many conversations (or answered surveys) it rests on. */
	value: number;
	n: number;
	baseline: { value: number; n: number; weeks: number };
	/**
	 * For slow drift (EWMA) findings: the smoothed weekly level the change is measured on.
	 * `value` is then this week on its own, and `effect` is smoothed − baseline.
	 */
	smoothed?: number;
	/**
	 * When `value` pools several weeks (a change over the last few weeks), the first of them;
	 * absent when `value` is `week` alone.
	 */
	valueFrom?: string;
	/** The level the change is measured on (`smoothed` when present, else `value`) − baseline. */
	effect: Interval;
	p: number;
	/** The p value after Benjamini–Hochberg across every segment tested that week. */
	q: number;
	/** The first week of the current run of worse (or better) weeks. */
	since: string;
	direction: 'regression' | 'improvement';
	/** The conversations that weigh most on the change, worst first (database ids). */
	worstConversationIds: number[];
	/**
	 * The segment's recent weeks, oldest first, ending with `week` (for the chart). The
	 * adapter fills it from the weekly rollups; without it the email has no chart.
	 */
	trend?: TrendPoint[];
}

export interface HandlerValue {
	value: number | null;
	n: number;
}

/** One headline row of the weekly review: a measure for AI and for humans, and the gap. */
export interface HeadlineMeasure {
	measure: MeasureId;
	ai: HandlerValue;
	human: HandlerValue;
	/** AI − human with its interval; null when either side has too few samples. */
	gap: Interval | null;
	/** The same gap with AI re-weighted to the human channel × topic mix of the week. */
	mixAdjustedGap?: Interval | null;
}

export type RoutingVerdictKind = 'parity' | 'watch' | 'humans';

export interface RoutingVerdict {
	topic: string;
	/** The topic's display name (taxonomy label); the id where none is known. */
	label?: string;
	verdict: RoutingVerdictKind;
	/** One line, e.g. "CSAT 12 pts below humans (95% CI 6–18), n = 140". */
	reason: string;
	aiN: number;
	humanN: number;
	/** The verdict in the review of the week before, when it was a different one. */
	was?: RoutingVerdictKind;
}

/** The weekly review as the analytics layer computes it. */
export interface DigestContent {
	week: string;
	conversations: { ai: number; human: number; hybrid: number };
	headline: HeadlineMeasure[];
	/** Significant regressions and improvements of the week, across all segments. */
	findings: AlertFinding[];
	routing: RoutingVerdict[];
	/** The week's notes on the timeline: what changed, as the team noted it. */
	notes?: Array<{ day: string; text: string; source: string | null }>;
}

/**
 * Where alerts and the digest get their numbers. Injected by the caller (server, CLI, tests)
 * so the lead can wire the real analytics with a thin adapter.
 */
export interface AlertSource {
	findingsForWeek(week: string): AlertFinding[] | Promise<AlertFinding[]>;
	digestForWeek(week: string): DigestContent | null | Promise<DigestContent | null>;
	/**
	 * The segment's value in a week, or null when it has no data. When provided, an alert is
	 * only resolved on evidence (enough samples that week), not merely because a week went
	 * quiet; the resolved email then quotes the value.
	 */
	measureForWeek?(
		week: string,
		segment: Segment,
		measure: MeasureId
	): HandlerValue | null | Promise<HandlerValue | null>;
}
