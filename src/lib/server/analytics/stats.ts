/**
 * The statistics Parity's findings rest on, in one module and with no dependencies: the
 * distributions (normal, Student t through the regularized incomplete beta), intervals
 * (Wilson, Newcombe), tests (pooled two-proportion z, Welch t from sums), multiple-testing
 * correction (Benjamini–Hochberg) and the EWMA control chart. docs/statistics.md says why each
 * one was chosen and what it assumes; the tests check them against published values.
 */

export interface Interval {
	lo: number;
	hi: number;
}

const EPS = 1e-15;
const TINY = 1e-300;

/** ln Γ(x) for x > 0: Lanczos (g = 7, 9 terms), about 15 significant digits. */
const LANCZOS = [
	0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
	-176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
	1.5056327351493116e-7
];
export function logGamma(x: number): number {
	if (!(x > 0)) throw new RangeError(`logGamma needs x > 0, got ${x}`);
	// Reflection keeps the series in the range where it is accurate.
	if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
	const z = x - 1;
	let sum = LANCZOS[0]!;
	for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
	const t = z + 7.5;
	return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Continued fraction of the incomplete beta (modified Lentz), as in Numerical Recipes §6.4. */
function betaContinuedFraction(x: number, a: number, b: number): number {
	const qab = a + b;
	const qap = a + 1;
	const qam = a - 1;
	let c = 1;
	let d = 1 - (qab * x) / qap;
	if (Math.abs(d) < TINY) d = TINY;
	d = 1 / d;
	let h = d;
	for (let m = 1; m <= 20_000; m++) {
		const m2 = 2 * m;
		let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < TINY) d = TINY;
		c = 1 + aa / c;
		if (Math.abs(c) < TINY) c = TINY;
		d = 1 / d;
		h *= d * c;
		aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < TINY) d = TINY;
		c = 1 + aa / c;
		if (Math.abs(c) < TINY) c = TINY;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < EPS) return h;
	}
	throw new Error(`incomplete beta did not converge (x=${x}, a=${a}, b=${b})`);
}

/** The regularized incomplete beta I_x(a, b) = P(X ≤ x) for X ~ Beta(a, b). */
export function regularizedBeta(x: number, a: number, b: number): number {
	if (!(a > 0 && b > 0)) throw new RangeError(`regularizedBeta needs a, b > 0`);
	if (!(x >= 0 && x <= 1)) throw new RangeError(`regularizedBeta needs 0 ≤ x ≤ 1, got ${x}`);
	if (x === 0) return 0;
	if (x === 1) return 1;
	const logFront =
		logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
	const front = Math.exp(logFront);
	// The fraction converges fast only below the mean; above it use I_x(a,b) = 1 − I_{1−x}(b,a).
	if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
	return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** Regularized upper incomplete gamma Q(a, x), by series below a + 1 and fraction above. */
function regularizedGammaQ(a: number, x: number): number {
	if (x <= 0) return 1;
	const logFront = -x + a * Math.log(x) - logGamma(a);
	if (x < a + 1) {
		let term = 1 / a;
		let sum = term;
		for (let n = 1; n < 10_000; n++) {
			term *= x / (a + n);
			sum += term;
			if (Math.abs(term) < Math.abs(sum) * EPS) break;
		}
		return 1 - sum * Math.exp(logFront);
	}
	let b = x + 1 - a;
	let c = 1 / TINY;
	let d = 1 / b;
	let h = d;
	for (let i = 1; i < 10_000; i++) {
		const an = -i * (i - a);
		b += 2;
		d = an * d + b;
		if (Math.abs(d) < TINY) d = TINY;
		c = b + an / c;
		if (Math.abs(c) < TINY) c = TINY;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < EPS) break;
	}
	return Math.exp(logFront) * h;
}

/** erfc(x) = Q(1/2, x²) for x ≥ 0; accurate in the far tail, where 1 − erf(x) is not. */
export function erfc(x: number): number {
	if (x < 0) return 2 - erfc(-x);
	return regularizedGammaQ(0.5, x * x);
}

/** Φ(z), the standard normal CDF. */
export function normalCdf(z: number): number {
	return 0.5 * erfc(-z / Math.SQRT2);
}

/** Two-sided p-value of a standard normal statistic, without cancellation in the tail. */
export function normalTwoSidedP(z: number): number {
	return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

const ACKLAM_A = [
	-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
	-3.066479806614716e1, 2.506628277459239
];
const ACKLAM_B = [
	-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
	-1.328068155288572e1
];
const ACKLAM_C = [
	-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
	4.374664141464968, 2.938163982698783
];
const ACKLAM_D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

function polynomial(coefficients: readonly number[], x: number): number {
	let value = 0;
	for (const c of coefficients) value = value * x + c;
	return value;
}

/**
 * Φ⁻¹(p): Acklam's rational approximation (relative error 1.2e-9) polished by one Halley
 * step against normalCdf, which brings it to full double precision.
 */
export function normalQuantile(p: number): number {
	if (!(p >= 0 && p <= 1)) throw new RangeError(`normalQuantile needs 0 ≤ p ≤ 1, got ${p}`);
	if (p === 0) return -Infinity;
	if (p === 1) return Infinity;
	const low = 0.02425;
	let x: number;
	if (p < low) {
		const q = Math.sqrt(-2 * Math.log(p));
		x = polynomial(ACKLAM_C, q) / (polynomial(ACKLAM_D, q) * q + 1);
	} else if (p <= 1 - low) {
		const q = p - 0.5;
		const r = q * q;
		x = (polynomial(ACKLAM_A, r) * q) / (polynomial(ACKLAM_B, r) * r + 1);
	} else {
		const q = Math.sqrt(-2 * Math.log1p(-p));
		x = -polynomial(ACKLAM_C, q) / (polynomial(ACKLAM_D, q) * q + 1);
	}
	if (Math.abs(x) < 37) {
		const e = normalCdf(x) - p;
		const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
		x -= u / (1 + (x * u) / 2);
	}
	return x;
}

const criticalValues = new Map<number, number>();

/** The z with P(|Z| ≤ z) = level: 1.959964 for 0.95. */
export function zCritical(level: number): number {
	let z = criticalValues.get(level);
	if (z === undefined) criticalValues.set(level, (z = normalQuantile(1 - (1 - level) / 2)));
	return z;
}

/** P(T ≤ t) for Student's t with df > 0 degrees of freedom (df need not be whole). */
export function studentTCdf(t: number, df: number): number {
	if (!(df > 0)) throw new RangeError(`studentTCdf needs df > 0, got ${df}`);
	if (!Number.isFinite(t)) return t > 0 ? 1 : 0;
	const tail = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5);
	return t > 0 ? 1 - tail : tail;
}

/** P(|T| ≥ |t|). */
export function studentTTwoSidedP(t: number, df: number): number {
	if (!Number.isFinite(t)) return 0;
	return Math.min(1, regularizedBeta(df / (df + t * t), df / 2, 0.5));
}

function studentTDensity(t: number, df: number): number {
	const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
	return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** The t with P(T ≤ t) = p: Newton from the normal quantile, bisection if Newton strays. */
export function studentTQuantile(p: number, df: number): number {
	if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile needs 0 < p < 1, got ${p}`);
	if (p === 0.5) return 0;
	if (p < 0.5) return -studentTQuantile(1 - p, df);
	let lo = 0;
	let hi = 1;
	while (studentTCdf(hi, df) < p) hi *= 2;
	let t = Math.min(Math.max(normalQuantile(p), lo), hi);
	for (let i = 0; i < 200; i++) {
		const f = studentTCdf(t, df) - p;
		if (Math.abs(f) < 1e-14) break;
		if (f > 0) hi = t;
		else lo = t;
		const step = t - f / studentTDensity(t, df);
		t = step > lo && step < hi ? step : (lo + hi) / 2;
		if (hi - lo < 1e-13 * Math.max(1, hi)) break;
	}
	return t;
}

/**
 * Wilson score interval for a proportion x / n (Wilson 1927): the set of p not rejected by
 * the score test. Stays inside [0, 1] and keeps its coverage near 0 and 1, where the Wald
 * interval collapses (CSAT top-2-box rates sit at 80–95%).
 */
export function wilsonInterval(x: number, n: number, level = 0.95): Interval {
	if (n <= 0) return { lo: 0, hi: 1 };
	const z = zCritical(level);
	const p = x / n;
	const z2 = z * z;
	const denominator = 1 + z2 / n;
	const centre = (p + z2 / (2 * n)) / denominator;
	const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
	return { lo: Math.max(0, centre - half), hi: Math.min(1, centre + half) };
}

/**
 * Newcombe's hybrid score interval for p1 − p2 (Newcombe 1998, method 10), built from the two
 * Wilson intervals. Chosen over Wald for the same reason as Wilson: close to nominal coverage
 * at the small counts and extreme rates we see, and never outside [−1, 1].
 */
export function newcombeInterval(
	x1: number,
	n1: number,
	x2: number,
	n2: number,
	level = 0.95
): Interval {
	const p1 = x1 / n1;
	const p2 = x2 / n2;
	const a = wilsonInterval(x1, n1, level);
	const b = wilsonInterval(x2, n2, level);
	const d = p1 - p2;
	return {
		lo: d - Math.sqrt((p1 - a.lo) ** 2 + (b.hi - p2) ** 2),
		hi: d + Math.sqrt((a.hi - p1) ** 2 + (p2 - b.lo) ** 2)
	};
}

/**
 * A Wald interval, estimate ± z·se, cut to the range the quantity can take. A difference of
 * two proportions lies in [−1, 1] whatever its standard error says: with few answers the
 * normal approximation reaches past it (a mix-adjusted CSAT gap of −63 pts, ±91), and an
 * interval that claims values no data could produce misleads more than it informs.
 */
export function waldInterval(
	estimate: number,
	se: number,
	level = 0.95,
	range: Interval = { lo: -Infinity, hi: Infinity }
): Interval {
	const half = zCritical(level) * se;
	return {
		lo: Math.max(range.lo, estimate - half),
		hi: Math.min(range.hi, estimate + half)
	};
}

/** The range of p1 − p2 for two proportions. */
export const PROPORTION_DIFFERENCE: Interval = { lo: -1, hi: 1 };

export interface TestResult {
	/** The estimated difference (first sample minus second). */
	effect: number;
	ci: Interval;
	/** The test statistic (z or t). */
	statistic: number;
	p: number;
	/** Degrees of freedom; Infinity for a normal statistic. */
	df: number;
}

/**
 * Two-proportion z test with the pooled variance under H0: p1 = p2 (z² equals Pearson's χ²
 * for the 2×2 table without continuity correction), and the Newcombe interval for p1 − p2.
 * Null when either sample is empty.
 */
export function twoProportionTest(
	x1: number,
	n1: number,
	x2: number,
	n2: number,
	level = 0.95
): TestResult | null {
	if (n1 <= 0 || n2 <= 0) return null;
	const effect = x1 / n1 - x2 / n2;
	const pooled = (x1 + x2) / (n1 + n2);
	const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
	const z = se > 0 ? effect / se : 0;
	return {
		effect,
		ci: newcombeInterval(x1, n1, x2, n2, level),
		statistic: z,
		p: se > 0 ? normalTwoSidedP(z) : 1,
		df: Infinity
	};
}

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

/**
 * Benjamini–Hochberg adjusted p-values (q-values), in the input order: q_(i) =
 * min over j ≥ i of m·p_(j)/j, capped at 1. Rejecting q ≤ α controls the false discovery
 * rate at α for independent or positively dependent tests (Benjamini & Yekutieli 2001).
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
	const m = pValues.length;
	const order = pValues.map((p, i) => ({ p, i })).sort((x, y) => x.p - y.p);
	const q = new Array<number>(m);
	let running = 1;
	for (let rank = m; rank >= 1; rank--) {
		const entry = order[rank - 1]!;
		running = Math.min(running, (entry.p * m) / rank);
		q[entry.i] = running;
	}
	return q;
}

/**
 * The textbook EWMA variance factor λ/(2−λ)·[1 − (1−λ)^{2t}] for t observations of equal
 * variance (Montgomery, Introduction to Statistical Quality Control, §9.2): the chart's
 * limits widen over the first points instead of using the asymptotic λ/(2−λ) from the start.
 */
export function ewmaVarianceFactor(lambda: number, t: number): number {
	return (lambda / (2 - lambda)) * (1 - (1 - lambda) ** (2 * t));
}

export interface EwmaPoint {
	statistic: number;
	/** Standard deviation of statistic − target under the in-control hypothesis. */
	sd: number;
	lower: number;
	upper: number;
	/** −1 below the lower limit, 1 above the upper, 0 inside. */
	signal: -1 | 0 | 1;
}

/**
 * EWMA chart z_t = λ·x_t + (1−λ)·z_{t−1}, z_0 = target, for observations of unequal variance
 * (weekly samples differ in size). The variance is exact at every t:
 * Var(z_t − target) = Σ_i λ²(1−λ)^{2(t−i)}·v_i + (1 − (1−λ)^t)²·targetVariance,
 * where targetVariance is the variance of an estimated target (0 when it is known). With
 * equal v_i and a known target this is v·ewmaVarianceFactor(λ, t).
 */
export function ewmaChart(
	observations: ReadonlyArray<{ value: number; variance: number }>,
	options: { lambda: number; target: number; targetVariance?: number; L: number }
): EwmaPoint[] {
	const { lambda, target, L } = options;
	const targetVariance = options.targetVariance ?? 0;
	const decay = 1 - lambda;
	let statistic = target;
	let observationVariance = 0;
	let weightOfTarget = 1;
	return observations.map((observation) => {
		statistic = lambda * observation.value + decay * statistic;
		observationVariance =
			decay * decay * observationVariance + lambda * lambda * observation.variance;
		weightOfTarget *= decay;
		const sd = Math.sqrt(observationVariance + (1 - weightOfTarget) ** 2 * targetVariance);
		const lower = target - L * sd;
		const upper = target + L * sd;
		return {
			statistic,
			sd,
			lower,
			upper,
			signal: statistic > upper ? 1 : statistic < lower ? -1 : 0
		};
	});
}
