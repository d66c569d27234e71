import { ALL, type HandlerGroup, type RollupIndex, type Scope } from './cells';
import {
	compareSamples,
	MEASURES,
	MEASURE_IDS,
	sampleValue,
	valueInterval,
	type MeasureDef,
	type MeasureId,
	type Sample
} from './measures';
import type { AnalyticsSettings } from './settings';
import {
	meanAndVariance,
	normalTwoSidedP,
	PROPORTION_DIFFERENCE,
	waldInterval,
	type Interval
} from './stats';

/**
 * Gap = AI measure − human measure in the same scope and weeks (PRODUCT.md), with its
 * interval, and the mix-adjusted gap: the AI's rates in the strata inside the scope
 * re-weighted to the human mix over those strata (direct standardisation), so that an AI that
 * looks good only because it is given the easy topics is not mistaken for a good AI.
 */

export interface SideValue {
	value: number | null;
	n: number;
	ci: Interval | null;
}

export interface MixAdjustedGap {
	/** The AI value standardised to the human mix, and the human value over the same strata. */
	ai: number;
	human: number;
	gap: number;
	ci: Interval;
	p: number;
	/** Share of the human denominator in the strata used (strata with too little AI drop out). */
	coverage: number;
	/** The human denominator in the strata used, and in all strata of the scope. */
	humanUsed: number;
	humanTotal: number;
	strata: number;
}

/**
 * The least share of the human denominator the strata of a mix-adjusted gap must cover for it
 * to stand for the scope. Below it the figure compares the AI and humans on a corner of the
 * human mix (the W46 demo week: 4 of 102 human answers), so it is neither shown as a number
 * nor used for a verdict; the coverage is said instead.
 */
export const MIX_MIN_COVERAGE = 0.5;

/** The mix-adjusted gap when it covers enough of the human mix to be read, else null. */
export function usableAdjusted(gap: Pick<Gap, 'adjusted'>): MixAdjustedGap | null {
	return gap.adjusted && gap.adjusted.coverage >= MIX_MIN_COVERAGE ? gap.adjusted : null;
}

export interface Gap {
	scope: Scope;
	measure: MeasureId;
	weeks: { from: string; to: string };
	aiGroup: HandlerGroup;
	ai: SideValue;
	human: SideValue;
	gap: number | null;
	ci: Interval | null;
	p: number | null;
	test: string | null;
	/** Null for a single channel × topic (nothing to re-weight) or when no stratum qualifies. */
	adjusted: MixAdjustedGap | null;
}

function side(sample: Sample, level: number): SideValue {
	return { value: sampleValue(sample), n: sample.n, ci: valueInterval(sample, level) };
}

export function testName(kind: Sample['kind']): string {
	return kind === 'proportion'
		? 'two-proportion z test (pooled), Newcombe interval'
		: "Welch's t test";
}

/**
 * The strata a scope is standardised over: channel × topic for everything, topics within a
 * channel, channels within a topic; a single channel × topic has none.
 */
export function strataOf(index: RollupIndex, scope: Scope): Scope[] {
	if (scope.channel !== null && scope.topic !== null) return [];
	return index.channelTopics.filter(
		(pair) =>
			(scope.channel === null || pair.channel === scope.channel) &&
			(scope.topic === null || pair.topic === scope.topic)
	);
}

/**
 * The mix a scope's adjusted gap re-weights the AI to, named by the strata strataOf takes:
 * "channel × topic" overall, "topic" within a channel, "channel" within a topic; null for a
 * single channel × topic, which has none. Every page that shows an adjusted gap says it with
 * this and the weeks (words.ts adjustedGapWords): the review's overall gap (channel × topic,
 * one week) and /gaps' topic rows (channel, four weeks) are different figures.
 */
export function mixName(scope: Scope): string | null {
	if (scope.channel !== null && scope.topic !== null) return null;
	if (scope.channel === null && scope.topic === null) return 'channel × topic';
	return scope.channel === null ? 'channel' : 'topic';
}

/** The variance of a stratum's estimate; proportions are shrunk by ½ a success against 0 and 1. */
function estimateVariance(sample: Sample): number | null {
	if (sample.kind === 'proportion') {
		const p = (sample.successes + 0.5) / (sample.n + 1);
		return (p * (1 - p)) / sample.n;
	}
	if (sample.sumSq === null || sample.n < 2) return null;
	return meanAndVariance({ n: sample.n, sum: sample.sum, sumSq: sample.sumSq }).variance / sample.n;
}

/**
 * Direct standardisation. Weights w_k = n_human,k / Σ n_human over the strata where both sides
 * have data (AI at least `minStratumN`); AI* = Σ w_k·AI_k, human = Σ w_k·human_k, and the
 * variance of each is Σ w_k²·Var_k with the weights taken as fixed. Wald interval (cut to
 * [−1, 1] for proportions) and z test.
 */
export function mixAdjustedGap(
	strata: ReadonlyArray<{ ai: Sample; human: Sample }>,
	level: number,
	minStratumN: number
): MixAdjustedGap | null {
	const humanTotal = strata.reduce((sum, stratum) => sum + stratum.human.n, 0);
	const used = strata.filter(
		(s) =>
			s.human.n > 0 &&
			s.ai.n >= Math.max(minStratumN, 1) &&
			estimateVariance(s.ai) !== null &&
			estimateVariance(s.human) !== null
	);
	const usedHuman = used.reduce((sum, stratum) => sum + stratum.human.n, 0);
	if (used.length === 0 || usedHuman === 0) return null;
	let ai = 0;
	let human = 0;
	let variance = 0;
	for (const stratum of used) {
		const w = stratum.human.n / usedHuman;
		ai += w * sampleValue(stratum.ai)!;
		human += w * sampleValue(stratum.human)!;
		variance += w * w * (estimateVariance(stratum.ai)! + estimateVariance(stratum.human)!);
	}
	const gap = ai - human;
	const se = Math.sqrt(variance);
	const range = used[0]!.ai.kind === 'proportion' ? PROPORTION_DIFFERENCE : undefined;
	return {
		ai,
		human,
		gap,
		ci: waldInterval(gap, se, level, range),
		p: se > 0 ? normalTwoSidedP(gap / se) : gap === 0 ? 1 : 0,
		coverage: usedHuman / humanTotal,
		humanUsed: usedHuman,
		humanTotal,
		strata: used.length
	};
}

/** Measures a gap exists for: defined for humans as well as the AI. */
export function gapMeasures(): MeasureDef[] {
	return MEASURE_IDS.map((id) => MEASURES[id]).filter((m) => m.appliesTo === 'all');
}

export function computeGap(
	index: RollupIndex,
	weeks: readonly string[],
	scope: Scope,
	measure: MeasureDef,
	settings: AnalyticsSettings,
	aiGroup: HandlerGroup = 'aiStarted'
): Gap {
	const ai = measure.sample(index.sum(weeks, aiGroup, scope));
	const human = measure.sample(index.sum(weeks, 'human', scope));
	const test = ai.n > 0 && human.n > 0 ? compareSamples(ai, human, settings.level) : null;
	const strata = strataOf(index, scope).map((stratum) => ({
		ai: measure.sample(index.sum(weeks, aiGroup, stratum)),
		human: measure.sample(index.sum(weeks, 'human', stratum))
	}));
	const aiValue = sampleValue(ai);
	const humanValue = sampleValue(human);
	return {
		scope,
		measure: measure.id,
		weeks: { from: weeks[0] ?? '', to: weeks[weeks.length - 1] ?? '' },
		aiGroup,
		ai: side(ai, settings.level),
		human: side(human, settings.level),
		gap: aiValue !== null && humanValue !== null ? aiValue - humanValue : null,
		ci: test?.ci ?? null,
		p: test?.p ?? null,
		test: test ? testName(measure.kind) : null,
		adjusted:
			strata.length > 1 ? mixAdjustedGap(strata, settings.level, settings.mixMinStratumN) : null
	};
}

/** Every scope a week's gaps are shown for: overall, each channel, each topic, each pair. */
export function gapScopes(index: RollupIndex): Scope[] {
	return [
		ALL,
		...index.channels.map((channel) => ({ channel, topic: null })),
		...index.topics.map((topic) => ({ channel: null, topic })),
		...index.channelTopics
	];
}

export function gapsFor(
	index: RollupIndex,
	weeks: readonly string[],
	settings: AnalyticsSettings,
	scopes: readonly Scope[] = gapScopes(index)
): Gap[] {
	const gaps: Gap[] = [];
	for (const scope of scopes) {
		for (const measure of gapMeasures()) {
			const gap = computeGap(index, weeks, scope, measure, settings);
			if (gap.ai.n > 0 || gap.human.n > 0) gaps.push(gap);
		}
	}
	return gaps;
}
