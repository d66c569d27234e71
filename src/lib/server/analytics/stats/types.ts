/** The shapes every interval and test in stats/ returns. */

export interface Interval {
	lo: number;
	hi: number;
}

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
