import { GROUP_LABELS, scopeLabel } from './cells';
import {
	formatEffect,
	formatEffectInterval,
	formatThreshold,
	formatValue,
	MEASURES,
	type MeasureDef
} from './measures';
import { MIX_MIN_COVERAGE, mixName, type Gap, type MixAdjustedGap } from './gaps';
import type { Finding, TestFamily, WeeksCovered } from './regressions';
import { effectBars, minEffectOf, type AnalyticsSettings } from './settings';
import type { Interval } from './stats';
import { addWeeks } from '../../domain/time';
import { count } from '../../plural';

/** Findings and verdicts said in words, with the numbers that back them. */

export function weekSpan(from: string, to: string): string {
	if (from === to) return from;
	return from.slice(0, 4) === to.slice(0, 4) ? `${from}–${to.slice(5)}` : `${from}–${to}`;
}

/**
 * A range of weeks as asked for, and how many of them hold data: "2026-W39–W46" when every
 * week has data, "2026-W32–W39 (data in 6 of those 8 weeks)" when the data start in W34. The
 * span is the one asked for, so that it reads the same as the page header's baseline.
 */
export function coveredSpan(from: string, to: string, covered?: WeeksCovered): string {
	if (!covered || covered.weeks === covered.of) return weekSpan(from, to);
	if (covered.from === null || covered.to === null)
		return `${weekSpan(from, to)} (no data in any of those ${covered.of} weeks)`;
	return `${weekSpan(from, to)} (data in ${covered.weeks} of those ${covered.of} weeks)`;
}

function weeksFromTo(from: string, to: string): number {
	let weeks = 1;
	while (weeks < 520 && addWeeks(from, weeks - 1) < to) weeks++;
	return weeks;
}

/**
 * The weeks a finding's "before" value rests on, said so that it agrees with the review's
 * baseline or says why it differs: `span` the weeks, `note` what they are (null when they are
 * just the review's baseline, fully covered). A drift is measured against the weeks before
 * its smoothed window (which ends this week), a two-week finding against the weeks before
 * those two:
 *   baseline, gap  2026-W39–W46 · (data in 6 of those 8 weeks)
 *   recent         2026-W38–W45 · the 8 weeks before 2026-W46–W47
 *   drift          2026-W34–W39 · the 6 weeks with data before the drift window 2026-W40–W47
 */
export function baselineParts(finding: Pick<Finding, 'kind' | 'week' | 'current' | 'baseline'>): {
	span: string;
	note: string | null;
} {
	const { from, to, covered } = finding.baseline;
	const full = !covered || covered.weeks === covered.of;
	const none = covered !== undefined && (covered.from === null || covered.to === null);
	if (finding.kind !== 'drift' && finding.kind !== 'recent') {
		const note = full
			? null
			: none
				? `no data in any of those ${covered!.of} weeks`
				: `data in ${covered!.weeks} of those ${covered!.of} weeks`;
		return { span: weekSpan(from, to), note };
	}
	const after =
		finding.kind === 'drift'
			? `the drift window ${weekSpan(addWeeks(to, 1), finding.week)}`
			: weekSpan(finding.current.from, finding.current.to);
	if (full)
		return {
			span: weekSpan(from, to),
			note: `the ${count(covered?.of ?? weeksFromTo(from, to), 'week')} before ${after}`
		};
	if (none) return { span: weekSpan(from, to), note: `before ${after}, with no data` };
	return {
		span: weekSpan(covered!.from!, covered!.to!),
		note: `the ${count(covered!.weeks, 'week')} with data before ${after}`
	};
}

/** baselineParts in one phrase: "2026-W39–W46 (data in 6 of those 8 weeks)", "…, the 8 weeks before …". */
export function baselineWords(
	finding: Pick<Finding, 'kind' | 'week' | 'current' | 'baseline'>
): string {
	const { span, note } = baselineParts(finding);
	if (note === null) return span;
	return finding.kind === 'drift' || finding.kind === 'recent'
		? `${span}, ${note}`
		: `${span} (${note})`;
}

/** The weeks a drift's smoothed level runs over: from after its reference to its week. */
export function driftWindow(finding: Pick<Finding, 'week' | 'baseline'>): string {
	return weekSpan(addWeeks(finding.baseline.to, 1), finding.week);
}

type FindingPeriods = Pick<Finding, 'kind' | 'week' | 'current' | 'baseline'>;

/**
 * What a finding's "now" is and over which weeks: "in 2026-W47", "over 2026-W46–W47",
 * "smoothed (EWMA) over 2026-W40–W47". Each figure on a finding's row says its own period, so
 * that a drift's 8-week level is never read as this week's.
 */
export function nowWords(finding: FindingPeriods): string {
	switch (finding.kind) {
		case 'drift':
			return `smoothed (EWMA) over ${driftWindow(finding)}`;
		case 'recent':
			return `over ${weekSpan(finding.current.from, finding.current.to)}`;
		default:
			return `in ${finding.week}`;
	}
}

const counted = new Intl.NumberFormat('en');

/**
 * The samples a finding rests on, each with its weeks: "n=186 in 2026-W47 vs 1,005 in
 * 2026-W39–W46 conversations where …". A drift's n of the week is the last of the weeks its
 * level smooths, said as such; a gap's sides are this week's.
 */
export function samplesWords(finding: FindingPeriods, measure: MeasureDef): string {
	const { span } = baselineParts(finding);
	const now = finding.current;
	const before = `${counted.format(finding.baseline.n)} in ${span}`;
	switch (finding.kind) {
		case 'gap':
			return (
				`AI n=${counted.format(now.n)}, human n=${counted.format(now.nHuman ?? 0)} in ` +
				`${finding.week}, vs ${counted.format(finding.baseline.n)} and ` +
				`${counted.format(finding.baseline.nHuman ?? 0)} in ${span} ${measure.unit}`
			);
		case 'drift':
			return (
				`n=${counted.format(now.n)} in ${finding.week} (the last week smoothed) vs ` +
				`${before} ${measure.unit}`
			);
		case 'recent':
			return `n=${counted.format(now.n)} over ${weekSpan(now.from, now.to)} vs ${before} ${measure.unit}`;
		default:
			return `n=${counted.format(now.n)} in ${finding.week} vs ${before} ${measure.unit}`;
	}
}

/**
 * Since when, against what: the run of weeks the since-when walk found (regressions.ts
 * sinceWeek), with the bar each week passed and the weeks it was compared with: "every week
 * since 2026-W41 at least 2.5 pts worse than in 2026-W34–W39". Without the bar and the weeks,
 * "since 2026-W41" next to a baseline of other weeks read as the period of the n beside it.
 */
export function sinceWords(
	finding: FindingPeriods & Pick<Finding, 'measure' | 'since' | 'worse'>,
	settings: AnalyticsSettings
): string {
	const measure = MEASURES[finding.measure];
	const bar = formatThreshold(measure, minEffectOf(settings, measure) / 2);
	const { span } = baselineParts(finding);
	const way =
		finding.kind === 'gap'
			? `with the gap at least ${bar} further ${finding.worse ? 'against' : 'in favour of'} the AI than in ${span}`
			: `at least ${bar} ${finding.worse ? 'worse' : 'better'} than in ${span}`;
	return finding.since === finding.week
		? `${finding.week} is the first week ${way}`
		: `every week since ${finding.since} ${way}`;
}

/**
 * What the week's kinds of finding compare, each with its weeks (regression-tests.ts), for the
 * sentence over the regressions: only the first kind is against the review's baseline.
 *   "this week against 2026-W39–W46; the last 2 weeks (2026-W46–W47) against the 8 weeks
 *   before them; a slow drift: the smoothed level (EWMA) of 2026-W40–W47 against the 8 weeks
 *   before it; or the AI − human gap this week against its gap in 2026-W39–W46"
 */
export function findingKindsNote(
	baseline: { from: string; to: string },
	week: string,
	settings: AnalyticsSettings
): string {
	const base = weekSpan(baseline.from, baseline.to);
	const before = count(settings.baselineWeeks, 'week');
	const parts = [`this week against ${base}`];
	if (settings.recentWeeks > 1)
		parts.push(
			`the last ${settings.recentWeeks} weeks (${weekSpan(addWeeks(week, 1 - settings.recentWeeks), week)}) against the ${before} before them`
		);
	if (settings.drift.enabled)
		parts.push(
			`a slow drift: the smoothed level (EWMA) of ${weekSpan(addWeeks(week, 1 - settings.drift.weeks), week)} against the ${before} before it`
		);
	if (settings.gapChange) parts.push(`the AI − human gap this week against its gap in ${base}`);
	if (parts.length === 1) return parts[0]!;
	return `${parts.slice(0, -1).join('; ')}; or ${parts[parts.length - 1]}`;
}

export function formatQ(q: number): string {
	return q < 0.001 ? 'q<0.001' : `q=${q.toFixed(3)}`;
}

/**
 * How the week's tests were corrected, said after "over N tests": nothing when they formed one
 * family, else each family with its size: " in families: CSAT 252, other outcomes 683".
 */
export function familiesNote(families: readonly TestFamily[]): string {
	if (families.length <= 1) return '';
	const parts = families.map(
		(family) =>
			`${family.measure === null ? 'other outcomes' : MEASURES[family.measure].label} ${family.tests}`
	);
	return ` in families: ${parts.join(', ')}`;
}

export function percentLevel(settings: AnalyticsSettings): string {
	return `${Math.round(settings.level * 100)}% CI`;
}

/**
 * "−17 pts, 95% CI −24 to −10": the effect never rounded across the measure's minimum effect
 * (settings.ts effectBars), nor across `bars` (an alert rule's minimum).
 */
export function effectWithInterval(
	measure: MeasureDef,
	effect: number,
	ci: Interval,
	settings: AnalyticsSettings,
	bars: readonly number[] = []
): string {
	return `${formatEffect(measure, effect, [...effectBars(settings, measure), ...bars])}, ${percentLevel(settings)} ${formatEffectInterval(measure, ci)}`;
}

/** A share as a whole percentage; "<1%" rather than "0%" for a share above zero. */
export function formatShare(share: number): string {
	if (share > 0 && share < 0.005) return '<1%';
	return `${Math.round(share * 100)}%`;
}

export interface AdjustedGapWords {
	/**
	 * What the AI was re-weighted to and over which weeks: "adjusted to the human channel ×
	 * topic mix of 2026-W47". Said wherever the figure is, or its withholding.
	 */
	basis: string;
	/** False when the strata cover too little of the human mix for the figure to be shown. */
	shown: boolean;
	/** "−24 pts", or null when not shown. */
	gap: string | null;
	/** "−53 to +6", or null when not shown. */
	ci: string | null;
	/** "64% of human answered surveys (65 of 102)" */
	coverage: string;
	/** The whole of it in one phrase: "−24 pts (−53 to +6), over 64% of …" or why not. */
	text: string;
}

/** "adjusted to the human channel × topic mix of 2026-W44–W47" (gaps.ts mixName). */
export function mixBasis(gap: Pick<Gap, 'scope' | 'weeks'>): string {
	return `adjusted to the human ${mixName(gap.scope) ?? 'channel × topic'} mix of ${weekSpan(gap.weeks.from, gap.weeks.to)}`;
}

/**
 * A mix-adjusted gap with the share of the human data it rests on (PRODUCT.md: say how many
 * samples), and what it was adjusted to over which weeks (`basis`). Under MIX_MIN_COVERAGE the
 * number is withheld and the reason given instead.
 */
export function adjustedGapWords(
	measure: MeasureDef,
	adjusted: MixAdjustedGap,
	gap: Pick<Gap, 'scope' | 'weeks'>
): AdjustedGapWords {
	const basis = mixBasis(gap);
	const coverage =
		`${formatShare(adjusted.coverage)} of human ${measure.unit} ` +
		`(${adjusted.humanUsed} of ${adjusted.humanTotal})`;
	if (adjusted.coverage < MIX_MIN_COVERAGE)
		return {
			basis,
			shown: false,
			gap: null,
			ci: null,
			coverage,
			text: `too little overlap in mix: ${coverage}`
		};
	const figure = formatEffect(measure, adjusted.gap);
	const ci = formatEffectInterval(measure, adjusted.ci);
	return {
		basis,
		shown: true,
		gap: figure,
		ci,
		coverage,
		text: `${figure} (${ci}), over ${coverage}`
	};
}

/** Which way a measure moved: up or down, whether that is better or worse. */
export function movement(effect: number): 'up' | 'down' {
	return effect < 0 ? 'down' : 'up';
}

function capitalise(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

export function describeFinding(finding: Finding, settings: AnalyticsSettings): string {
	const measure = MEASURES[finding.measure];
	const where =
		finding.group === 'gap'
			? capitalise(scopeLabel(finding.scope, settings.topicLabels))
			: `${GROUP_LABELS[finding.group]} · ${scopeLabel(finding.scope, settings.topicLabels)}`;
	const value = (v: number) => formatValue(measure, v);
	const { span, note: baselineNote } = baselineParts(finding);
	const note = baselineNote ? `; ${baselineNote}` : '';
	const effect = effectWithInterval(measure, finding.effect, finding.ci, settings);
	const since = finding.since !== finding.week ? ` Since ${finding.since}.` : '';
	const prefix = finding.worse ? '' : 'Improvement. ';
	let text: string;
	switch (finding.kind) {
		case 'baseline':
		case 'recent':
			text =
				`${where}: ${measure.label} ${movement(finding.effect) === 'down' ? 'fell' : 'rose'} to ` +
				`${value(finding.current.value)} ${finding.kind === 'recent' ? `over ${weekSpan(finding.current.from, finding.current.to)}` : 'this week'} from ${value(finding.baseline.value)} in ${span} ` +
				`(${effect}; n=${finding.current.n} vs ${finding.baseline.n} ${measure.unit}${note}), ${formatQ(finding.q)}.`;
			break;
		case 'gap':
			text =
				`${where}: the AI − human gap in ${measure.label} moved ` +
				`${finding.worse ? 'against' : 'in favour of'} the AI, to ` +
				`${formatEffect(measure, finding.current.value)} this week from ` +
				`${formatEffect(measure, finding.baseline.value)} in ${span} (change ${effect}; ` +
				`AI n=${finding.current.n}, human n=${finding.current.nHuman ?? 0} ${measure.unit}${note}), ${formatQ(finding.q)}.`;
			break;
		case 'drift':
			text =
				`${where}: ${measure.label} has been drifting ${movement(finding.effect)}; its ` +
				`weekly average (EWMA) is ${value(finding.ewma ?? NaN)} against ${value(finding.baseline.value)} ` +
				`in ${span} (${effect}${note}), ${formatQ(finding.q)}; this week ${value(finding.current.value)} ` +
				`(n=${finding.current.n}).`;
			break;
	}
	return prefix + text + since;
}

/** "frustration signals 62% (n=50) against 31% before": the diagnostics beside a finding. */
export function describeSupporting(finding: Finding): string | null {
	const parts = finding.supporting
		.filter((evidence) => evidence.value !== null)
		.map((evidence) => {
			const measure = MEASURES[evidence.measure];
			const before =
				evidence.baseline === null
					? ''
					: ` against ${formatValue(measure, evidence.baseline)} before`;
			return `${measure.label} ${formatValue(measure, evidence.value)} (n=${evidence.n})${before}`;
		});
	return parts.length ? `supporting, not tested: ${parts.join('; ')}` : null;
}
