/** The EWMA control chart that regression-tests.ts watches a measure over the weeks with. */

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
