import type { RollupCounts } from '../../domain/rollup';
import { noun } from '../../plural';
import {
	meanAndVariance,
	meanInterval,
	twoProportionTest,
	welchTest,
	wilsonInterval,
	type Interval,
	type TestResult
} from './stats';

/**
 * THE one place each measure is defined from rollup sums (PRODUCT.md, "Measures"). Every
 * measure is a proportion (successes / n) or a mean (sum / n, with a sum of squares when the
 * rollup keeps one); the statistics that apply follow from that kind alone.
 */
export const MEASURE_IDS = [
	'csatPct',
	'csatMean',
	'csatResponseRate',
	'endSentimentMean',
	'sentimentDeltaMean',
	'negativeEndRate',
	'repeatRate',
	'escalationRate',
	'repeatedAfterHandoffRate',
	'abandonmentRate',
	'frustrationRate',
	'firstResponseTime',
	'resolutionTime'
] as const;
export type MeasureId = (typeof MEASURE_IDS)[number];

export type Sample =
	| { kind: 'proportion'; n: number; successes: number }
	/**
	 * sumSq is null where the rollup keeps no sum of squares: no variance, so no test.
	 * `range`: the values one observation can take (end sentiment −1 to 1, CSAT 1 to 5); the
	 * mean cannot leave it, so neither may its interval.
	 */
	| {
			kind: 'mean';
			n: number;
			sum: number;
			sumSq: number | null;
			range?: readonly [number, number];
	  };

export interface MeasureDef {
	id: MeasureId;
	label: string;
	kind: Sample['kind'];
	/** Which way is good. Effects are reported raw; harm is effect × sign(better) < 0. */
	better: 'higher' | 'lower';
	format: 'percent' | 'score' | 'sentiment' | 'seconds';
	/** 'ai': defined only for conversations the AI started (escalation, abandonment). */
	appliesTo: 'all' | 'ai';
	/**
	 * 'outcome': what happened to the customer (satisfied, ended unhappy, had to come back,
	 * handed over, gave up); only outcomes can raise regressions and decide routing verdicts.
	 * 'diagnostic': how a conversation went (frustration signals, having to repeat oneself
	 * after a hand-over, who answers surveys): shown beside the outcomes as supporting evidence,
	 * never tested. A frustrated customer whose problem was solved is not a failure, and the
	 * signals fire on what customers bring with them ("This is ridiculous." before anyone
	 * answered), so they explain an outcome rather than being one.
	 */
	role: 'outcome' | 'diagnostic';
	/**
	 * Tested for regressions, gap changes and routing (outcomes only). Outcomes left out are
	 * shown with their intervals but not tested: either they carry no variance in the rollup
	 * (times, delta), or they restate a monitored measure on the same answers (mean CSAT beside
	 * CSAT %), and every extra test in the weekly family raises the bar the others must clear.
	 */
	monitored: boolean;
	/** The smallest change worth reporting, in the measure's units (0.05 = 5 points). */
	minEffect: number;
	/** Fewest observations (the denominator) in each compared sample for a test. */
	minN: number;
	/** What n counts, for evidence lines ("n=412 answered surveys"). */
	unit: string;
	sample(c: Readonly<RollupCounts>): Sample;
}

const proportion = (successes: number, n: number): Sample => ({ kind: 'proportion', n, successes });
const mean = (
	n: number,
	sum: number,
	sumSq: number | null,
	range?: readonly [number, number]
): Sample => ({ kind: 'mean', n, sum, sumSq, ...(range ? { range } : {}) });

/** Normalised CSAT answers (scoring/csat.ts) and sentiment scores (scoring/sentiment). */
const CSAT_SCALE = [1, 5] as const;
const SENTIMENT_SCALE = [-1, 1] as const;

const defs: MeasureDef[] = [
	{
		id: 'csatPct',
		label: 'CSAT',
		kind: 'proportion',
		better: 'higher',
		format: 'percent',
		appliesTo: 'all',
		role: 'outcome',
		monitored: true,
		minEffect: 0.05,
		minN: 30,
		unit: 'answered surveys',
		sample: (c) => proportion(c.csatTop2, c.csatAnswered)
	},
	{
		id: 'csatMean',
		label: 'mean CSAT (1–5)',
		kind: 'mean',
		better: 'higher',
		format: 'score',
		appliesTo: 'all',
		role: 'outcome',
		monitored: false,
		minEffect: 0.2,
		minN: 30,
		unit: 'answered surveys',
		sample: (c) => mean(c.csatAnswered, c.csatSum, c.csatSumSq, CSAT_SCALE)
	},
	{
		id: 'csatResponseRate',
		label: 'CSAT response rate',
		kind: 'proportion',
		better: 'higher',
		format: 'percent',
		appliesTo: 'all',
		role: 'diagnostic',
		monitored: false,
		minEffect: 0.05,
		minN: 30,
		unit: 'surveys sent',
		sample: (c) => proportion(c.csatAnswered, c.csatOffered)
	},
	{
		id: 'endSentimentMean',
		label: 'end sentiment',
		kind: 'mean',
		better: 'higher',
		format: 'sentiment',
		appliesTo: 'all',
		role: 'outcome',
		monitored: false,
		minEffect: 0.05,
		minN: 30,
		unit: 'conversations',
		sample: (c) => mean(c.sentimentN, c.sentimentEndSum, c.sentimentEndSumSq, SENTIMENT_SCALE)
	},
	{
		id: 'sentimentDeltaMean',
		label: 'sentiment change (end − start)',
		kind: 'mean',
		better: 'higher',
		format: 'sentiment',
		appliesTo: 'all',
		role: 'outcome',
		monitored: false,
		minEffect: 0.05,
		minN: 30,
		unit: 'conversations',
		sample: (c) => mean(c.sentimentN, c.sentimentDeltaSum, null, [-2, 2])
	},
	{
		id: 'negativeEndRate',
		label: 'ended negative',
		kind: 'proportion',
		better: 'lower',
		format: 'percent',
		appliesTo: 'all',
		role: 'outcome',
		monitored: true,
		minEffect: 0.05,
		minN: 30,
		// A one-turn conversation ends on its opening: how it ended is not known, and counting
		// its opening complaint weighed on whoever gave an answer the customer left happy with.
		unit: 'conversations where the customer replied',
		sample: (c) => proportion(c.negativeEnd, c.endingKnown)
	},
	{
		id: 'repeatRate',
		label: 'repeat contact',
		kind: 'proportion',
		better: 'lower',
		format: 'percent',
		appliesTo: 'all',
		role: 'outcome',
		monitored: true,
		minEffect: 0.03,
		minN: 30,
		unit: 'conversations past the repeat window',
		sample: (c) => proportion(c.repeatContacts, c.repeatEligible)
	},
	{
		id: 'escalationRate',
		label: 'escalation to a human',
		kind: 'proportion',
		better: 'lower',
		format: 'percent',
		appliesTo: 'ai',
		role: 'outcome',
		monitored: true,
		minEffect: 0.05,
		minN: 30,
		unit: 'AI-started conversations',
		sample: (c) => proportion(c.escalations, c.escalationEligible)
	},
	{
		id: 'repeatedAfterHandoffRate',
		label: 'had to repeat after hand-over',
		kind: 'proportion',
		better: 'lower',
		format: 'percent',
		appliesTo: 'ai',
		role: 'diagnostic',
		monitored: false,
		minEffect: 0.1,
		minN: 30,
		unit: 'escalations',
		sample: (c) => proportion(c.repeatedAfterHandoff, c.escalations)
	},
	{
		// Over every conversation the AI started, not only those it kept: a customer who gave
		// up on the bot is exactly the case a narrower denominator would hide.
		id: 'abandonmentRate',
		label: 'abandoned after an AI reply',
		kind: 'proportion',
		better: 'lower',
		format: 'percent',
		appliesTo: 'ai',
		role: 'outcome',
		monitored: true,
		minEffect: 0.03,
		minN: 30,
		unit: 'AI-started conversations',
		sample: (c) => proportion(c.abandonments, c.conversations)
	},
	{
		id: 'frustrationRate',
		label: 'frustration signals',
		kind: 'proportion',
		better: 'lower',
		format: 'percent',
		appliesTo: 'all',
		role: 'diagnostic',
		monitored: false,
		minEffect: 0.05,
		minN: 30,
		unit: 'conversations',
		sample: (c) => proportion(c.frustrated, c.conversations)
	},
	{
		id: 'firstResponseTime',
		label: 'first response time',
		kind: 'mean',
		better: 'lower',
		format: 'seconds',
		appliesTo: 'all',
		role: 'outcome',
		monitored: false,
		minEffect: 60,
		minN: 30,
		unit: 'conversations with a reply',
		sample: (c) => mean(c.firstResponseN, c.firstResponseSum, null)
	},
	{
		id: 'resolutionTime',
		label: 'resolution time',
		kind: 'mean',
		better: 'lower',
		format: 'seconds',
		appliesTo: 'all',
		role: 'outcome',
		monitored: false,
		minEffect: 3600,
		minN: 30,
		unit: 'resolved conversations',
		sample: (c) => mean(c.resolutionN, c.resolutionSum, null)
	}
];

export const MEASURES = Object.fromEntries(defs.map((def) => [def.id, def])) as Record<
	MeasureId,
	MeasureDef
>;

/** +1 when higher is better, −1 when lower is: effect × sign < 0 means worse. */
export function goodSign(measure: MeasureDef): 1 | -1 {
	return measure.better === 'higher' ? 1 : -1;
}

export function sampleValue(sample: Sample): number | null {
	if (sample.n <= 0) return null;
	return sample.kind === 'proportion' ? sample.successes / sample.n : sample.sum / sample.n;
}

/** Variance of one observation (p(1−p), or s²); null when the rollup cannot give it. */
export function observationVariance(sample: Sample): number | null {
	if (sample.kind === 'proportion') {
		if (sample.n <= 0) return null;
		const p = sample.successes / sample.n;
		return p * (1 - p);
	}
	if (sample.sumSq === null || sample.n < 2) return null;
	return meanAndVariance({ n: sample.n, sum: sample.sum, sumSq: sample.sumSq }).variance;
}

/** Whether two samples can be compared by a test at all (same kind, variance available). */
export function testable(sample: Sample): boolean {
	return sample.kind === 'proportion' || sample.sumSq !== null;
}

/**
 * The interval for one sample's value: Wilson for proportions (inside [0, 1] by construction),
 * t for means, cut to the range the mean can take. A small, spread-out sample's t interval
 * reaches past the scale (end sentiment of six hand-overs: −1.1 to +1.6); the true mean lies
 * in the range, so cutting there drops only values it cannot have and keeps the coverage.
 */
export function valueInterval(sample: Sample, level: number): Interval | null {
	if (sample.n <= 0) return null;
	if (sample.kind === 'proportion') return wilsonInterval(sample.successes, sample.n, level);
	if (sample.sumSq === null || sample.n < 2) return null;
	const ci = meanInterval({ n: sample.n, sum: sample.sum, sumSq: sample.sumSq }, level);
	if (!sample.range) return ci;
	const [min, max] = sample.range;
	return { lo: Math.max(min, ci.lo), hi: Math.min(max, ci.hi) };
}

/**
 * a − b with its interval and p-value: pooled two-proportion z with the Newcombe interval, or
 * Welch's t. Null when either side is empty or the measure keeps no variance.
 */
export function compareSamples(a: Sample, b: Sample, level: number): TestResult | null {
	if (a.kind === 'proportion' && b.kind === 'proportion') {
		return twoProportionTest(a.successes, a.n, b.successes, b.n, level);
	}
	if (a.kind === 'mean' && b.kind === 'mean' && a.sumSq !== null && b.sumSq !== null) {
		return welchTest(
			{ n: a.n, sum: a.sum, sumSq: a.sumSq },
			{ n: b.n, sum: b.sum, sumSq: b.sumSq },
			level
		);
	}
	return null;
}

/**
 * Whether a proportion comparison is within the normal approximation: at least 5 expected
 * successes and failures in each sample under the pooled rate.
 */
export function normalApproximationHolds(a: Sample, b: Sample): boolean {
	if (a.kind !== 'proportion' || b.kind !== 'proportion') return true;
	const pooled = (a.successes + b.successes) / (a.n + b.n);
	return Math.min(a.n, b.n) * Math.min(pooled, 1 - pooled) >= 5;
}

const MINUS = '\u2212';

function signed(text: string, value: number): string {
	return value < 0 ? `${MINUS}${text}` : value > 0 ? `+${text}` : text;
}

function duration(seconds: number): string {
	const s = Math.abs(seconds);
	if (s < 90) return `${Math.round(s)} s`;
	if (s < 90 * 60) return `${Math.round(s / 60)} min`;
	if (s < 48 * 3600) return `${(s / 3600).toFixed(1)} h`;
	return `${(s / 86400).toFixed(1)} d`;
}

/** A value as a reader sees it: "78%", "4.21", "−0.12", "3 min". */
export function formatValue(measure: MeasureDef, value: number | null): string {
	if (value === null || !Number.isFinite(value)) return '–';
	switch (measure.format) {
		case 'percent':
			return `${Math.round(value * 100)}%`;
		case 'score':
			return value.toFixed(2);
		case 'sentiment':
			return value < 0 ? `${MINUS}${Math.abs(value).toFixed(2)}` : value.toFixed(2);
		case 'seconds':
			return duration(value);
	}
}

/**
 * How many decimals `size` needs, from `digits` up to three more, for its rounded figure to lie
 * on the same side of every bar as the size itself: 4.995 against a bar of 5 is "4.995", never
 * "5" (nor "5.0", "5.00").
 */
function digitsKeepingSides(size: number, bars: readonly number[], digits: number): number {
	for (let d = digits; d < digits + 3; d++) {
		const rounded = Number(size.toFixed(d));
		if (bars.every((bar) => rounded >= bar === size >= bar)) return d;
	}
	return digits + 3;
}

/**
 * A difference as a reader sees it: "−17 pts", "+1 pt", "0 pts", "+0.32", "−4 min". The
 * unit follows the rounded number (plural.ts): "+1 pts" read as a typo on every page.
 *
 * `bars` are thresholds the difference is judged against (a minimum effect, an alert rule's):
 * where rounding would carry it across one, it is given with as many more decimals as it takes
 * not to (QA: an effect of 4.995 pts shown as "+5 pts" next to a rule that fires at 5 and did
 * not fire).
 */
export function formatEffect(
	measure: MeasureDef,
	effect: number,
	bars: readonly number[] = []
): string {
	if (!Number.isFinite(effect)) return '–';
	switch (measure.format) {
		case 'percent': {
			const size = Math.abs(effect) * 100;
			const digits = digitsKeepingSides(
				size,
				bars.map((bar) => Number((Math.abs(bar) * 100).toFixed(6))),
				0
			);
			const points = digits === 0 ? Math.round(size) : Number(size.toFixed(digits));
			const text = digits === 0 ? String(points) : size.toFixed(digits);
			return `${signed(text, points === 0 ? 0 : effect)} ${noun(points, 'pt')}`;
		}
		case 'score':
		case 'sentiment': {
			const size = Math.abs(effect);
			const digits = digitsKeepingSides(
				size,
				bars.map((bar) => Math.abs(bar)),
				2
			);
			return signed(size.toFixed(digits), Number(size.toFixed(digits)) === 0 ? 0 : effect);
		}
		case 'seconds':
			return signed(duration(effect), effect);
	}
}

/**
 * A threshold as it was set, unsigned and not rounded like a measured change ("2.5 pts",
 * "0.10", "0.025", "3 min"): half of a 5-point minimum effect written "3 pts" would claim a
 * bar the rules do not set.
 */
export function formatThreshold(measure: MeasureDef, value: number): string {
	const size = Math.abs(value);
	switch (measure.format) {
		case 'percent': {
			const points = Number((size * 100).toFixed(2));
			return `${points} ${noun(points, 'pt')}`;
		}
		case 'score':
		case 'sentiment': {
			const text = String(Number(size.toFixed(3)));
			return text.includes('.') && text.split('.')[1]!.length >= 2 ? text : size.toFixed(2);
		}
		case 'seconds':
			return duration(size);
	}
}

/** "−17" from "−17 pts", "+1" from "+1 pt": where the unit is said once for several numbers. */
export function withoutUnit(effect: string): string {
	return effect.replace(/ pts?$/, '');
}

/** An interval of differences without units repeated: "−24 to −10". */
export function formatEffectInterval(measure: MeasureDef, ci: Interval): string {
	const bare = (value: number) => withoutUnit(formatEffect(measure, value));
	return `${bare(ci.lo)} to ${bare(ci.hi)}`;
}
