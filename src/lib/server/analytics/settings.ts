import type { ScopeLevel, TopicLabels } from './cells';
import { MEASURE_IDS, MEASURES, type MeasureDef, type MeasureId } from './measures';

/**
 * The knobs of gap, regression and verdict rules, with the defaults docs/statistics.md
 * justifies (and bench/eval-detection.ts measured). Pure data: the caller reads the stored
 * organisation settings (`regression.baselineWeeks`) and passes them in.
 */
export interface AnalyticsSettings {
	/** Trailing weeks a segment is compared against (setting `regression.baselineWeeks`). */
	baselineWeeks: number;
	/** Confidence level of every interval. */
	level: number;
	/** Benjamini–Hochberg level: findings need q ≤ fdr. */
	fdr: number;
	/**
	 * Test for harm one-sided: regressions form one family of one-sided p-values for "worse",
	 * improvements another for "better", each corrected at `fdr`. A regression is a question
	 * with a direction; a two-sided family spends half its level on improvements.
	 */
	oneSided: boolean;
	/**
	 * Measures whose tests form a Benjamini–Hochberg family of their own each week ("did CSAT
	 * get worse anywhere?"); the tests of every other monitored measure share one family. []:
	 * one family for the whole week. CSAT by default: it rests on answered surveys, a fraction
	 * of the conversations the other outcomes rest on, so it is where the price of correcting
	 * for ~950 tests decides whether a drop is seen within a week (docs/statistics.md §5, docs/detection.md).
	 * falseAlarmCap still divides by every test of the week.
	 */
	separateFamilies: MeasureId[];
	/**
	 * A cap on false alarms: a finding also needs p ≤ cap / m, m the number of tests in its
	 * family, so that the expected number of false findings a week stays below `cap` whatever
	 * the dependence between tests and however many true changes there are (Bonferroni's union
	 * bound). BH alone bounds the share of false findings, which lets more noise through the
	 * more real changes a week has. null: no cap.
	 */
	falseAlarmCap: number | null;
	/**
	 * EWMA drift: the chart runs over the last `weeks` weeks from the pooled value of the
	 * `baselineWeeks` before them, so that a slow slide is measured against where the segment
	 * was, not against a baseline that slid with it. The EWMA trails a change by design (after a
	 * step it has moved 1 − (1−λ)^k of the way in k weeks), so its minimum effect is the
	 * measure's times `minEffectScale`.
	 */
	drift: { enabled: boolean; lambda: number; weeks: number; minEffectScale: number };
	/**
	 * Also test the last `recentWeeks` weeks pooled against the baseline before them (0 or 1:
	 * off). A change is then seen in its second week with twice the data, which is what
	 * detection within one week mostly rests on (bench/eval-detection.ts).
	 */
	recentWeeks: number;
	/** Test whether the AI − human gap widened against the baseline gap. */
	gapChange: boolean;
	/** Segment levels tested for regressions (and gap changes). */
	levels: ScopeLevel[];
	/** Weeks pooled for the routing verdict (this week and the ones before it). */
	verdictWeeks: number;
	/**
	 * "At parity" needs the interval to rule out an AI deficit larger than this many minimum
	 * effects; a wider interval means "watch", not "parity".
	 */
	parityMarginEffects: number;
	/**
	 * How many weeks back a verdict is remembered (verdict-memory.ts): a topic sent to humans
	 * stays there while the AI is still clearly worse, and one at parity stays there while its
	 * interval merely widens, for at most this many weeks without being reached again. 0: every
	 * week's verdict is decided afresh.
	 */
	verdictMemoryWeeks: number;
	/** A topic kept at parity by memory needs its interval to rule out this many minimum effects. */
	parityKeepMarginEffects: number;
	/** Fewest AI observations in a stratum for it to enter the mix-adjusted gap. */
	mixMinStratumN: number;
	/** Per-measure overrides of MeasureDef.minEffect / minN / monitored. */
	minEffect: Partial<Record<MeasureId, number>>;
	minN: Partial<Record<MeasureId, number>>;
	monitored: Partial<Record<MeasureId, boolean>>;
	/**
	 * The taxonomy's labels by topic id, for the sentences findings and verdicts are said in
	 * (the caller reads them from the stored taxonomy). Ids without a label are said as they are.
	 */
	topicLabels: TopicLabels;
}

export const DEFAULT_ANALYTICS_SETTINGS: AnalyticsSettings = {
	baselineWeeks: 8,
	level: 0.95,
	fdr: 0.05,
	oneSided: false,
	separateFamilies: ['csatPct'],
	falseAlarmCap: 0.25,
	drift: { enabled: true, lambda: 0.3, weeks: 8, minEffectScale: 0.5 },
	recentWeeks: 2,
	gapChange: true,
	levels: ['all', 'channel', 'topic', 'channelTopic'],
	verdictWeeks: 4,
	parityMarginEffects: 2,
	verdictMemoryWeeks: 12,
	parityKeepMarginEffects: 3,
	mixMinStratumN: 5,
	minEffect: {},
	minN: {},
	monitored: {},
	topicLabels: {}
};

export type AnalyticsSettingsInput = Partial<Omit<AnalyticsSettings, 'drift'>> & {
	drift?: Partial<AnalyticsSettings['drift']>;
};

export function resolveSettings(input: AnalyticsSettingsInput = {}): AnalyticsSettings {
	return {
		...DEFAULT_ANALYTICS_SETTINGS,
		...input,
		drift: { ...DEFAULT_ANALYTICS_SETTINGS.drift, ...input.drift }
	};
}

export function minEffectOf(settings: AnalyticsSettings, measure: MeasureDef): number {
	return settings.minEffect[measure.id] ?? measure.minEffect;
}

/**
 * The bars a change in `measure` is judged against: its minimum effect, and the share of it a
 * drift must reach. A change is never shown rounded across one of them (measures.ts
 * formatEffect): an effect of 4.995 pts read "+5 pts", as if it met a bar of 5 it misses.
 */
export function effectBars(settings: AnalyticsSettings, measure: MeasureDef): number[] {
	const minEffect = minEffectOf(settings, measure);
	return [minEffect, minEffect * settings.drift.minEffectScale];
}

export function minNOf(settings: AnalyticsSettings, measure: MeasureDef): number {
	return settings.minN[measure.id] ?? measure.minN;
}

/** Outcome measures tested for regressions and verdicts; diagnostics never are. */
export function monitoredMeasures(settings: AnalyticsSettings): MeasureDef[] {
	return MEASURE_IDS.map((id) => MEASURES[id]).filter(
		(measure) => measure.role === 'outcome' && (settings.monitored[measure.id] ?? measure.monitored)
	);
}
