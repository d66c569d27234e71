import type { RollupCounts } from '../../domain/rollup';
import { addWeeks } from '../../domain/time';
import {
	SCOPE_LEVELS,
	scopeKey,
	scopeLevel,
	type HandlerGroup,
	type RollupIndex,
	type Scope
} from './cells';
import { strataOf, testName } from './gaps';
import {
	compareSamples,
	goodSign,
	normalApproximationHolds,
	observationVariance,
	sampleValue,
	type MeasureDef,
	type Sample
} from './measures';
import { minNOf, monitoredMeasures, type AnalyticsSettings } from './settings';
import {
	ewmaChart,
	normalTwoSidedP,
	satterthwaiteDf,
	studentTQuantile,
	studentTTwoSidedP,
	zCritical
} from './stats';
import type { Finding, FindingSide } from './regressions';

/**
 * The tests behind regression findings, each of one segment × measure in one week:
 *  - baseline: a handler group's segment this week against its own trailing baseline
 *    (pooled two-proportion z, or Welch t);
 *  - recent: the same over the last `recentWeeks` weeks pooled against the weeks before them;
 *  - gap: the AI − human gap in a scope this week against the baseline gap (difference in
 *    differences, Wald);
 *  - drift: an EWMA of the last weeks against the weeks before them, for slow slides that a
 *    trailing baseline follows down.
 * regressions.ts turns the family of them into findings.
 */

// Week arithmetic goes through Intl and detection asks for the same few labels thousands of
// times a week; the labels never change, so they are remembered.
const shifted = new Map<string, string>();
export function shiftWeek(week: string, n: number): string {
	const key = `${week}|${n}`;
	let label = shifted.get(key);
	if (label === undefined) {
		if (shifted.size > 100_000) shifted.clear();
		shifted.set(key, (label = addWeeks(week, n)));
	}
	return label;
}

/** The `count` week labels ending with `end`, oldest first. */
export function weekRange(end: string, count: number): string[] {
	return Array.from({ length: count }, (_, i) => shiftWeek(end, i - count + 1));
}

/** One test's outcome, with what a finding needs to say since when. */
export interface TestOutcome extends Omit<
	Finding,
	'q' | 'alsoBy' | 'worstConversationIds' | 'supporting' | 'summary' | 'since'
> {
	/** The series the since-when walk reads, and the value it is compared with. */
	sinceSeries: (week: string) => number | null;
	reference: number;
}

function enough(measure: MeasureDef, settings: AnalyticsSettings, ...samples: Sample[]): boolean {
	const minN = minNOf(settings, measure);
	return samples.every((sample) => sample.n >= minN);
}

function side(sample: Sample, weeks: readonly string[]): FindingSide {
	return {
		value: sampleValue(sample)!,
		n: sample.n,
		from: weeks[0]!,
		to: weeks[weeks.length - 1]!
	};
}

/** Variance of an estimate from its sample: p(1−p)/n or s²/n. */
function estimateVariance(sample: Sample): number {
	return (observationVariance(sample) ?? NaN) / sample.n;
}

interface Context {
	index: RollupIndex;
	week: string;
	settings: AnalyticsSettings;
	baselineWeeks: string[];
	currentWeeks: string[];
	recentWeeks: string[];
	recentBaselineWeeks: string[];
	driftWeeks: string[];
	referenceWeeks: string[];
	/** Sums over week ranges, shared by the measures of one segment. */
	sums: Map<string, Readonly<RollupCounts>>;
}

function sumOver(ctx: Context, weeks: readonly string[], group: HandlerGroup, scope: Scope) {
	const key = `${weeks[0]}|${weeks.length}|${group}|${scopeKey(scope)}`;
	let sum = ctx.sums.get(key);
	if (!sum) ctx.sums.set(key, (sum = ctx.index.sum(weeks, group, scope)));
	return sum;
}

/**
 * The segment over `current` weeks against the `base` weeks before them: this week against the
 * trailing baseline ('baseline'), or the last few weeks pooled against the weeks before those
 * ('recent'), which sees a change in its second week with twice the data.
 */
function windowTest(
	ctx: Context,
	kind: 'baseline' | 'recent',
	windows: { current: string[]; base: string[] },
	group: HandlerGroup,
	scope: Scope,
	measure: MeasureDef
) {
	const current = measure.sample(sumOver(ctx, windows.current, group, scope));
	const base = measure.sample(sumOver(ctx, windows.base, group, scope));
	if (ctx.index.get(ctx.week, group, scope).conversations === 0) return null;
	if (!enough(measure, ctx.settings, current, base)) return null;
	if (!normalApproximationHolds(current, base)) return null;
	const result = compareSamples(current, base, ctx.settings.level);
	if (!result) return null;
	const outcome: TestOutcome = {
		key: `${kind}|${group}|${scopeKey(scope)}|${measure.id}`,
		kind,
		group,
		scope,
		measure: measure.id,
		week: ctx.week,
		current: side(current, windows.current),
		baseline: side(base, windows.base),
		effect: result.effect,
		ci: result.ci,
		p: result.p,
		test: testName(measure.kind),
		worse: result.effect * goodSign(measure) < 0,
		conversations: ctx.index.get(ctx.week, group, scope).conversations,
		sinceSeries: (w) => sampleValue(measure.sample(ctx.index.get(w, group, scope))),
		reference: sampleValue(base)!
	};
	return outcome;
}

/**
 * Effective sample size of the EWMA's weighted mean of weekly values: (Σc)²/Σ(c²/n) with c the
 * weight on each week (λ(1−λ)^age). The drift test rests on all the weeks of its run, so its
 * sample is judged by this, not by this week's n alone: eight weeks of 50 conversations weigh
 * like about 250, enough for a 7% escalation rate that one week's 50 could not test.
 */
export function ewmaEffectiveN(sizes: readonly number[], lambda: number): number {
	let sum = 0;
	let sumSq = 0;
	sizes.forEach((n, i) => {
		const weight = lambda * (1 - lambda) ** (sizes.length - 1 - i);
		sum += weight;
		sumSq += (weight * weight) / n;
	});
	return sumSq > 0 ? (sum * sum) / sumSq : 0;
}

function driftTest(ctx: Context, group: HandlerGroup, scope: Scope, measure: MeasureDef) {
	const { lambda, weeks } = ctx.settings.drift;
	const { driftWeeks: run, referenceWeeks } = ctx;
	const reference = measure.sample(sumOver(ctx, referenceWeeks, group, scope));
	const current = measure.sample(ctx.index.get(ctx.week, group, scope));
	if (current.n === 0) return null;
	// Weeks without data leave the statistic where it was rather than pulling it to zero.
	const samples = run
		.map((w) => measure.sample(ctx.index.get(w, group, scope)))
		.filter((sample) => sample.n > 0);
	const effective = ewmaEffectiveN(
		samples.map((sample) => sample.n),
		lambda
	);
	// The run as one sample of its effective size, at its pooled value, for the sample checks.
	const pooledRun = measure.sample(sumOver(ctx, run, group, scope));
	const scaled: Sample =
		pooledRun.kind === 'proportion'
			? {
					kind: 'proportion',
					n: effective,
					successes: (pooledRun.successes / pooledRun.n) * effective
				}
			: { ...pooledRun, n: effective };
	if (!enough(measure, ctx.settings, reference, scaled)) return null;
	if (!normalApproximationHolds(scaled, reference)) return null;
	const target = sampleValue(reference)!;
	// The spread of one observation under "no change", estimated as the score test does, from
	// the reference and the run together: the reference's own rate is noisy, and a reference
	// that happened to come out high (CSAT 94% where 90% is usual) both sets the target and,
	// alone, understates p(1 − p), so its regression to the mean would read as a drift.
	const sigma2 = observationVariance(
		measure.sample(sumOver(ctx, [...referenceWeeks, ...run], group, scope))
	);
	if (sigma2 === null || sigma2 <= 0) return null;
	const observations = samples.map((sample) => ({
		value: sampleValue(sample)!,
		variance: sigma2 / sample.n
	}));
	const last = ewmaChart(observations, {
		lambda,
		target,
		targetVariance: sigma2 / reference.n,
		L: zCritical(ctx.settings.level)
	}).at(-1);
	if (!last || last.sd <= 0) return null;
	const effect = last.statistic - target;
	const half = zCritical(ctx.settings.level) * last.sd;
	const candidate: TestOutcome = {
		key: `drift|${group}|${scopeKey(scope)}|${measure.id}`,
		kind: 'drift',
		group,
		scope,
		measure: measure.id,
		week: ctx.week,
		current: side(current, ctx.currentWeeks),
		baseline: side(reference, referenceWeeks),
		ewma: last.statistic,
		effect,
		ci: { lo: effect - half, hi: effect + half },
		p: normalTwoSidedP(effect / last.sd),
		test: `EWMA (λ = ${lambda}) of the last ${weeks} weeks vs the ${referenceWeeks.length} before`,
		worse: effect * goodSign(measure) < 0,
		conversations: ctx.index.get(ctx.week, group, scope).conversations,
		sinceSeries: (w) => sampleValue(measure.sample(ctx.index.get(w, group, scope))),
		reference: target
	};
	return candidate;
}

function gapChangeTest(ctx: Context, scope: Scope, measure: MeasureDef) {
	const ai = measure.sample(ctx.index.get(ctx.week, 'aiStarted', scope));
	const human = measure.sample(ctx.index.get(ctx.week, 'human', scope));
	const aiBase = measure.sample(sumOver(ctx, ctx.baselineWeeks, 'aiStarted', scope));
	const humanBase = measure.sample(sumOver(ctx, ctx.baselineWeeks, 'human', scope));
	if (!enough(measure, ctx.settings, ai, human, aiBase, humanBase)) return null;
	if (!normalApproximationHolds(ai, aiBase) || !normalApproximationHolds(human, humanBase))
		return null;
	const samples = [ai, human, aiBase, humanBase];
	const variances = samples.map(estimateVariance);
	if (variances.some((v) => !Number.isFinite(v))) return null;
	const se = Math.sqrt(variances.reduce((sum, v) => sum + v, 0));
	if (se <= 0) return null;
	const gapNow = sampleValue(ai)! - sampleValue(human)!;
	const gapBefore = sampleValue(aiBase)! - sampleValue(humanBase)!;
	const effect = gapNow - gapBefore;
	let p: number;
	let crit: number;
	if (measure.kind === 'proportion') {
		p = normalTwoSidedP(effect / se);
		crit = zCritical(ctx.settings.level);
	} else {
		const df = satterthwaiteDf(samples.map((s, i) => ({ v: variances[i]!, df: s.n - 1 })));
		p = studentTTwoSidedP(effect / se, df);
		crit = studentTQuantile(1 - (1 - ctx.settings.level) / 2, df);
	}
	const gapAt = (w: string) => {
		const a = sampleValue(measure.sample(ctx.index.get(w, 'aiStarted', scope)));
		const h = sampleValue(measure.sample(ctx.index.get(w, 'human', scope)));
		return a === null || h === null ? null : a - h;
	};
	const candidate: TestOutcome = {
		key: `gap|${scopeKey(scope)}|${measure.id}`,
		kind: 'gap',
		group: 'gap',
		scope,
		measure: measure.id,
		week: ctx.week,
		current: {
			...side(ai, ctx.currentWeeks),
			value: gapNow,
			nHuman: human.n,
			sides: { ai: sampleValue(ai)!, human: sampleValue(human)! }
		},
		baseline: {
			...side(aiBase, ctx.baselineWeeks),
			value: gapBefore,
			nHuman: humanBase.n,
			sides: { ai: sampleValue(aiBase)!, human: sampleValue(humanBase)! }
		},
		effect,
		ci: { lo: effect - crit * se, hi: effect + crit * se },
		p,
		test: 'difference in differences (AI − human, this week vs baseline), Wald',
		worse: effect * goodSign(measure) < 0,
		conversations: ctx.index.get(ctx.week, 'aiStarted', scope).conversations,
		sinceSeries: gapAt,
		reference: gapBefore
	};
	return candidate;
}

export interface WeekTests {
	baselineWeeks: string[];
	outcomes: TestOutcome[];
	/** Segment × measure pairs not tested for too few samples (or no variance). */
	skipped: number;
}

/**
 * The scopes at the set levels, finest first, less those that hold exactly the same
 * channel × topic cells as one already listed (a topic sold on one channel only, the only
 * channel): testing the same conversations twice would only raise the bar for the rest.
 */
export function distinctScopes(index: RollupIndex, settings: AnalyticsSettings): Scope[] {
	const seen = new Set<string>();
	const finestFirst = [...settings.levels].sort(
		(a, b) => SCOPE_LEVELS.indexOf(b) - SCOPE_LEVELS.indexOf(a)
	);
	return index.scopes(finestFirst).filter((scope) => {
		const inside = scopeLevel(scope) === 'channelTopic' ? [scope] : strataOf(index, scope);
		const key = inside.map(scopeKey).join('\u0001');
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** Every test of the week: each monitored measure × scope at the set levels × handler group. */
export function runTests(index: RollupIndex, week: string, settings: AnalyticsSettings): WeekTests {
	const baselineWeeks = weekRange(shiftWeek(week, -1), settings.baselineWeeks);
	const ctx: Context = {
		index,
		week,
		settings,
		baselineWeeks,
		currentWeeks: [week],
		recentWeeks: weekRange(week, settings.recentWeeks),
		recentBaselineWeeks: weekRange(shiftWeek(week, -settings.recentWeeks), settings.baselineWeeks),
		driftWeeks: weekRange(week, settings.drift.weeks),
		referenceWeeks: weekRange(shiftWeek(week, -settings.drift.weeks), settings.baselineWeeks),
		sums: new Map()
	};
	const outcomes: TestOutcome[] = [];
	let skipped = 0;
	const keep = (outcome: TestOutcome | null) => {
		if (outcome && Number.isFinite(outcome.p)) outcomes.push(outcome);
		else skipped++;
	};
	const scopes = distinctScopes(index, settings);
	for (const measure of monitoredMeasures(settings)) {
		const groups: HandlerGroup[] =
			measure.appliesTo === 'ai' ? ['aiStarted'] : ['aiStarted', 'human'];
		for (const scope of scopes) {
			for (const group of groups) {
				const thisWeek = { current: ctx.currentWeeks, base: ctx.baselineWeeks };
				keep(windowTest(ctx, 'baseline', thisWeek, group, scope, measure));
				if (settings.recentWeeks > 1) {
					const recent = { current: ctx.recentWeeks, base: ctx.recentBaselineWeeks };
					keep(windowTest(ctx, 'recent', recent, group, scope, measure));
				}
				if (settings.drift.enabled) keep(driftTest(ctx, group, scope, measure));
			}
			if (settings.gapChange && measure.appliesTo === 'all')
				keep(gapChangeTest(ctx, scope, measure));
		}
	}
	return { baselineWeeks, outcomes, skipped };
}
