import type { HandlerGroup, Scope } from './cells';
import { scopeKey, type RollupIndex } from './cells';
import { MEASURES, type MeasureId } from './measures';
import { runTests, shiftWeek, type TestOutcome } from './regression-tests';
import { minEffectOf, type AnalyticsSettings } from './settings';
import { benjaminiHochberg, type Interval } from './stats';
import { supportingEvidence, type SupportingEvidence } from './supporting';
import { describeFinding } from './words';

export { shiftWeek, weekRange } from './regression-tests';

/**
 * Regression detection for one week (PRODUCT.md, "Regression"; rules in docs/statistics.md).
 * Every test of the week (regression-tests.ts: baseline, gap change, drift, over all segments
 * and monitored measures) forms one Benjamini–Hochberg family. A finding needs q ≤ fdr, an
 * effect of at least the measure's minimum (drift: times drift.minEffectScale), and enough
 * samples on every side. Improvements pass the same bar and are findings too, flagged as such.
 * One finding per segment × measure: the most certain test speaks, the others are listed.
 */

export type FindingKind = 'baseline' | 'recent' | 'gap' | 'drift';

export interface FindingSide {
	value: number;
	n: number;
	/** For gap findings: the human side's n (n is then the AI's). */
	nHuman?: number;
	/** For gap findings: each side's own value (value is then their difference, AI − human). */
	sides?: { ai: number; human: number };
	from: string;
	to: string;
	/** The weeks of from–to that hold any data (set on the baseline side). */
	covered?: WeeksCovered;
}

/**
 * The weeks of a range that hold any conversation: a baseline of 2026-W32–W39 on data that
 * start in W34 rests on W34–W39, 6 of its 8 weeks, and must say so.
 */
export interface WeeksCovered {
	/** First and last week with data, null when none has. */
	from: string | null;
	to: string | null;
	weeks: number;
	of: number;
}

export function weeksCovered(index: RollupIndex, from: string, to: string): WeeksCovered {
	// ISO week labels (YYYY-Www) sort as strings in time order.
	const withData = index.weeks.filter((week) => week >= from && week <= to);
	let of = 1;
	while (shiftWeek(from, of - 1) < to) of++;
	return {
		from: withData[0] ?? null,
		to: withData[withData.length - 1] ?? null,
		weeks: withData.length,
		of
	};
}

export interface Finding {
	key: string;
	kind: FindingKind;
	/** Other kinds of test that flagged the same segment and measure this week. */
	alsoBy: FindingKind[];
	/** 'gap' for a change in the AI − human gap; otherwise the handler group. */
	group: HandlerGroup | 'gap';
	scope: Scope;
	measure: MeasureId;
	week: string;
	current: FindingSide;
	baseline: FindingSide;
	/** For drift: the EWMA statistic the effect is measured on. */
	ewma?: number;
	effect: number;
	ci: Interval;
	p: number;
	q: number;
	test: string;
	/** True when the change is for the worse; improvements are findings too. */
	worse: boolean;
	/** First week of the current run of weeks beyond half the minimum effect. */
	since: string;
	/** This week's conversations in the segment (AI-started ones for gap findings). */
	conversations: number;
	/** Filled by the caller's hook: the conversations behind the finding, worst first. */
	worstConversationIds: number[];
	/** Diagnostic measures of the same segment and weeks, untested (supporting.ts). */
	supporting: SupportingEvidence[];
	summary: string;
}

export interface Detection {
	week: string;
	baseline: { from: string; to: string; covered: WeeksCovered };
	/** Every test run this week: what the false-alarm cap divides by. */
	tests: number;
	/**
	 * The BH families the tests were corrected in: each measure kept apart
	 * (settings.separateFamilies) and the rest (measure null), with their sizes.
	 */
	families: TestFamily[];
	/** Segment × measure pairs not tested for too few samples. */
	skipped: number;
	findings: Finding[];
}

export interface TestFamily {
	/** The measure whose tests these are, or null for every measure not kept apart. */
	measure: MeasureId | null;
	tests: number;
}

export interface DetectionHooks {
	/** The ids of the worst conversations behind a finding (the caller owns the database). */
	worstConversations?: (
		finding: Omit<Finding, 'worstConversationIds' | 'summary' | 'supporting'>
	) => number[];
}

/** Walks back while each week stays beyond half the minimum effect on the finding's side. */
function sinceWeek(candidate: TestOutcome, minEffect: number, maxBack: number): string {
	const direction = Math.sign(candidate.effect);
	let since = candidate.week;
	for (let k = 1; k < maxBack; k++) {
		const week = shiftWeek(candidate.week, -k);
		const value = candidate.sinceSeries(week);
		if (value === null) continue;
		if ((value - candidate.reference) * direction >= minEffect / 2) since = week;
		else break;
	}
	return since;
}

/**
 * One-sided p for the direction the estimate points (every test here is a symmetric z or t):
 * p/2. The other direction's one-sided p, 1 − p/2, is what the other family sees.
 */
function oneSidedOutcome(outcome: TestOutcome): TestOutcome {
	return { ...outcome, p: outcome.p / 2, test: `${outcome.test}, one-sided` };
}

/** The family a test is corrected in: its measure's own if kept apart, else the shared one. */
function familyOf(measure: MeasureId, settings: AnalyticsSettings): MeasureId | null {
	return settings.separateFamilies.includes(measure) ? measure : null;
}

/**
 * BH q-values within each family (a measure kept apart, or all the others): of two-sided
 * p-values, or (one-sided) in a family for "worse" and one for "better", each holding every
 * test of the family with its p for that direction.
 */
function familyQ(outcomes: readonly TestOutcome[], settings: AnalyticsSettings): number[] {
	const q = new Array<number>(outcomes.length);
	const families = new Map<MeasureId | null, number[]>();
	outcomes.forEach((outcome, i) => {
		const family = familyOf(outcome.measure, settings);
		const members = families.get(family);
		if (members) members.push(i);
		else families.set(family, [i]);
	});
	for (const members of families.values()) {
		const part = members.map((i) => outcomes[i]!);
		const assign = (values: number[], keep: (o: TestOutcome) => boolean) =>
			values.forEach((value, j) => {
				if (keep(part[j]!)) q[members[j]!] = value;
			});
		if (!settings.oneSided) {
			assign(benjaminiHochberg(part.map((o) => o.p)), () => true);
			continue;
		}
		assign(benjaminiHochberg(part.map((o) => (o.worse ? o.p : 1 - o.p))), (o) => o.worse);
		assign(benjaminiHochberg(part.map((o) => (o.worse ? 1 - o.p : o.p))), (o) => !o.worse);
	}
	return q;
}

function familySizes(outcomes: readonly TestOutcome[], settings: AnalyticsSettings): TestFamily[] {
	const sizes = new Map<MeasureId | null, number>();
	for (const outcome of outcomes) {
		const family = familyOf(outcome.measure, settings);
		sizes.set(family, (sizes.get(family) ?? 0) + 1);
	}
	return [...sizes]
		.map(([measure, tests]) => ({ measure, tests }))
		.sort((a, b) => Number(a.measure === null) - Number(b.measure === null));
}

const KIND_ORDER: Record<FindingKind, number> = { baseline: 0, recent: 1, gap: 2, drift: 3 };

export function detectRegressions(
	index: RollupIndex,
	week: string,
	settings: AnalyticsSettings,
	hooks: DetectionHooks = {}
): Detection {
	const tested = runTests(index, week, settings);
	const { baselineWeeks, skipped } = tested;
	const outcomes = settings.oneSided ? tested.outcomes.map(oneSidedOutcome) : tested.outcomes;
	const q = familyQ(outcomes, settings);
	// The cap's union bound runs over every hypothesis: one-sided, each test is two of them.
	const hypotheses = (settings.oneSided ? 2 : 1) * outcomes.length;
	const bySegment = new Map<string, Array<{ outcome: TestOutcome; q: number }>>();
	outcomes.forEach((outcome, i) => {
		const scale = outcome.kind === 'drift' ? settings.drift.minEffectScale : 1;
		const minEffect = scale * minEffectOf(settings, MEASURES[outcome.measure]);
		if (q[i]! > settings.fdr || Math.abs(outcome.effect) < minEffect) return;
		if (settings.falseAlarmCap !== null && outcome.p > settings.falseAlarmCap / hypotheses) return;
		const key = `${outcome.group}|${scopeKey(outcome.scope)}|${outcome.measure}`;
		bySegment.set(key, [...(bySegment.get(key) ?? []), { outcome, q: q[i]! }]);
	});
	const findings: Finding[] = [];
	for (const entries of bySegment.values()) {
		entries.sort((a, b) => a.q - b.q || KIND_ORDER[a.outcome.kind] - KIND_ORDER[b.outcome.kind]);
		const { outcome, q: bestQ } = entries[0]!;
		const { sinceSeries: _series, reference: _reference, ...rest } = outcome;
		const base = {
			...rest,
			baseline: {
				...rest.baseline,
				covered: weeksCovered(index, rest.baseline.from, rest.baseline.to)
			},
			q: bestQ,
			alsoBy: entries.slice(1).map((entry) => entry.outcome.kind),
			since: sinceWeek(
				outcome,
				minEffectOf(settings, MEASURES[outcome.measure]),
				settings.baselineWeeks
			)
		};
		const finding: Finding = {
			...base,
			worstConversationIds: hooks.worstConversations?.(base) ?? [],
			supporting: supportingEvidence(index, base),
			summary: ''
		};
		finding.summary = describeFinding(finding, settings);
		findings.push(finding);
	}
	findings.sort((a, b) => Number(b.worse) - Number(a.worse) || a.q - b.q);
	return {
		week,
		baseline: {
			from: baselineWeeks[0]!,
			to: baselineWeeks[baselineWeeks.length - 1]!,
			covered: weeksCovered(index, baselineWeeks[0]!, baselineWeeks[baselineWeeks.length - 1]!)
		},
		tests: outcomes.length,
		families: familySizes(outcomes, settings),
		skipped,
		findings
	};
}
