/** Means from the sums a rollup keeps: moments, Welch's t test, a one-mean t interval. */
import { studentTQuantile, studentTTwoSidedP } from './distributions';
import type { Interval, TestResult } from './types';

/** A sample summarised as a rollup keeps it: count, sum and sum of squares. */
export interface MomentSums {
	n: number;
	sum: number;
	sumSq: number;
}

/** Mean and unbiased variance from sums; the variance is clamped at 0 against rounding. */
export function meanAndVariance(s: MomentSums): { mean: number; variance: number } {
	const mean = s.n > 0 ? s.sum / s.n : NaN;
	const variance = s.n > 1 ? Math.max(0, (s.sumSq - (s.sum * s.sum) / s.n) / (s.n - 1)) : NaN;
	return { mean, variance };
}

/**
 * Welch–Satterthwaite degrees of freedom of a sum of independent variance terms v_i, each
 * estimated on n_i − 1 degrees of freedom. With two terms this is Welch's df.
 */
export function satterthwaiteDf(terms: ReadonlyArray<{ v: number; df: number }>): number {
	const total = terms.reduce((sum, term) => sum + term.v, 0);
	const denominator = terms.reduce((sum, term) => sum + (term.v * term.v) / term.df, 0);
	return denominator > 0 ? (total * total) / denominator : Infinity;
}

/**
 * Welch's t test for mean1 − mean2 from counts, sums and sums of squares, with the
 * Welch–Satterthwaite df and a t interval. Null unless both samples have n ≥ 2.
 */
export function welchTest(a: MomentSums, b: MomentSums, level = 0.95): TestResult | null {
	if (a.n < 2 || b.n < 2) return null;
	const ma = meanAndVariance(a);
	const mb = meanAndVariance(b);
	const va = ma.variance / a.n;
	const vb = mb.variance / b.n;
	const effect = ma.mean - mb.mean;
	const se = Math.sqrt(va + vb);
	if (se === 0) {
		return { effect, ci: { lo: effect, hi: effect }, statistic: 0, p: effect === 0 ? 1 : 0, df: 0 };
	}
	const df = satterthwaiteDf([
		{ v: va, df: a.n - 1 },
		{ v: vb, df: b.n - 1 }
	]);
	const t = effect / se;
	const crit = studentTQuantile(1 - (1 - level) / 2, df);
	return {
		effect,
		ci: { lo: effect - crit * se, hi: effect + crit * se },
		statistic: t,
		p: studentTTwoSidedP(t, df),
		df
	};
}

/** A t interval for one mean from sums (NaN bounds when n < 2). */
export function meanInterval(s: MomentSums, level = 0.95): Interval {
	const { mean, variance } = meanAndVariance(s);
	if (s.n < 2) return { lo: NaN, hi: NaN };
	const half = studentTQuantile(1 - (1 - level) / 2, s.n - 1) * Math.sqrt(variance / s.n);
	return { lo: mean - half, hi: mean + half };
}
