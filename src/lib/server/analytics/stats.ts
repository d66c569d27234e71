/**
 * The statistics Parity's findings rest on, with no dependencies; import them from here. The
 * code is in stats/: the distributions (normal, Student t through the regularized incomplete
 * beta: special.ts, distributions.ts), intervals and tests for proportions (Wilson, Newcombe,
 * pooled two-proportion z: proportions.ts) and for means from sums (Welch t: means.ts),
 * multiple-testing correction (Benjamini–Hochberg: fdr.ts) and the EWMA control chart
 * (ewma.ts). docs/statistics.md says why each one was chosen and what it assumes; the tests
 * check them against published values.
 */

export type { Interval, TestResult } from './stats/types';
export { erfc, logGamma, regularizedBeta } from './stats/special';
export {
	normalCdf,
	normalQuantile,
	normalTwoSidedP,
	studentTCdf,
	studentTQuantile,
	studentTTwoSidedP,
	zCritical
} from './stats/distributions';
export {
	newcombeInterval,
	PROPORTION_DIFFERENCE,
	twoProportionTest,
	waldInterval,
	wilsonInterval
} from './stats/proportions';
export {
	meanAndVariance,
	meanInterval,
	satterthwaiteDf,
	welchTest,
	type MomentSums
} from './stats/means';
export { benjaminiHochberg } from './stats/fdr';
export { ewmaChart, ewmaVarianceFactor, type EwmaPoint } from './stats/ewma';
