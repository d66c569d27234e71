import { describe, expect, it } from 'vitest';
import {
	benjaminiHochberg,
	erfc,
	ewmaChart,
	ewmaVarianceFactor,
	logGamma,
	meanInterval,
	newcombeInterval,
	normalCdf,
	normalQuantile,
	normalTwoSidedP,
	regularizedBeta,
	satterthwaiteDf,
	studentTCdf,
	studentTQuantile,
	studentTTwoSidedP,
	PROPORTION_DIFFERENCE,
	twoProportionTest,
	waldInterval,
	welchTest,
	wilsonInterval,
	zCritical
} from './stats';

/** Sums of a sample, the form rollups keep it in. */
const sums = (xs: number[]) => ({
	n: xs.length,
	sum: xs.reduce((s, x) => s + x, 0),
	sumSq: xs.reduce((s, x) => s + x * x, 0)
});

describe('special functions', () => {
	it('logGamma matches exact factorials and √π', () => {
		expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 13);
		expect(logGamma(1)).toBeCloseTo(0, 13);
		expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12); // 9!
		// R: lgamma(100) = 359.1342053695754; lgamma(0.1) = 2.252712651734206
		expect(logGamma(100)).toBeCloseTo(359.1342053695754, 10);
		expect(logGamma(0.1)).toBeCloseTo(2.252712651734206, 12);
	});

	it('regularizedBeta matches its closed forms', () => {
		for (const x of [0.01, 0.2, 0.5, 0.77, 0.99]) {
			expect(regularizedBeta(x, 1, 1)).toBeCloseTo(x, 13);
			expect(regularizedBeta(x, 3.5, 1)).toBeCloseTo(x ** 3.5, 13); // I_x(a,1) = x^a
			expect(regularizedBeta(x, 1, 4)).toBeCloseTo(1 - (1 - x) ** 4, 13); // I_x(1,b)
			expect(regularizedBeta(x, 2, 2)).toBeCloseTo(3 * x * x - 2 * x ** 3, 13);
		}
		expect(regularizedBeta(0.5, 7.3, 7.3)).toBeCloseTo(0.5, 13); // symmetry
		expect(regularizedBeta(0, 2, 3)).toBe(0);
		expect(regularizedBeta(1, 2, 3)).toBe(1);
	});

	it('regularizedBeta matches R pbeta()', () => {
		// R: pbeta(0.3, 2.5, 0.5), pbeta(0.4, 10, 20), pbeta(0.1, .5, .5), pbeta(0.45, 50, 60)
		expect(regularizedBeta(0.3, 2.5, 0.5)).toBeCloseTo(0.018927124071945658, 13);
		expect(regularizedBeta(0.4, 10, 20)).toBeCloseTo(0.7853183897628262, 12);
		// arcsine law: I_x(½,½) = (2/π)·asin(√x)
		expect(regularizedBeta(0.1, 0.5, 0.5)).toBeCloseTo(
			(2 / Math.PI) * Math.asin(Math.sqrt(0.1)),
			13
		);
		expect(regularizedBeta(0.45, 50, 60)).toBeCloseTo(0.4642352914306031, 11);
	});

	it('erfc and the normal CDF match R pnorm()', () => {
		expect(normalCdf(0)).toBe(0.5);
		expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
		expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 14);
		// Far tail, relative accuracy: pnorm(-5) = 2.866515718791933e-07, pnorm(-8) = 6.22096e-16
		expect(normalCdf(-5) / 2.866515718791933e-7).toBeCloseTo(1, 12);
		expect(normalCdf(-8) / 6.22096057427174e-16).toBeCloseTo(1, 10);
		expect(erfc(6) / 2.1519736712498913e-17).toBeCloseTo(1, 10);
		expect(normalTwoSidedP(1.959963984540054)).toBeCloseTo(0.05, 14);
	});

	it('normal quantile matches R qnorm()', () => {
		expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 14);
		expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489004, 13);
		expect(normalQuantile(0.3)).toBeCloseTo(-0.5244005127080409, 14);
		expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 11);
		expect(normalQuantile(0.5)).toBe(0);
		expect(zCritical(0.95)).toBeCloseTo(1.959963984540054, 14);
		for (const p of [1e-6, 0.01, 0.2, 0.6, 0.9999]) {
			expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 14);
		}
	});
});

describe('Student t', () => {
	it('two-sided p for t = 2 on 10 df is 0.0734 (R: 2*pt(-2, 10) = 0.07338803477074037)', () => {
		expect(studentTTwoSidedP(2, 10)).toBeCloseTo(0.07338803477074037, 13);
		expect(studentTTwoSidedP(-2, 10)).toBeCloseTo(0.07338803477074037, 13);
	});

	it('matches the closed forms for 1 df (Cauchy) and 2 df', () => {
		for (const t of [-30, -2.5, -0.3, 0, 0.8, 4, 100]) {
			expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 13);
			expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 13);
		}
	});

	it('handles fractional and huge df (R pt())', () => {
		expect(studentTCdf(1.3, 3.5)).toBeCloseTo(0.8637022920978149, 12);
		expect(studentTCdf(-0.7, 2.5)).toBeCloseTo(0.271702471594774, 12);
		// near-normal: 2*pt(-3, 1e6) = 0.0026998625414218, 2*pt(-2.5, 2e5) = 0.01242012491236212
		expect(studentTTwoSidedP(3, 1e6)).toBeCloseTo(0.0026998625414218, 10);
		expect(studentTTwoSidedP(2.5, 2e5)).toBeCloseTo(0.01242012491236212, 10);
	});

	it('quantiles match t tables (R qt())', () => {
		expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 10);
		expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736174694, 9);
		expect(studentTQuantile(0.9995, 1)).toBeCloseTo(636.6192487687897, 6);
		expect(studentTQuantile(0.95, 2)).toBeCloseTo(2.9199855803537242, 10);
		expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228138851986274, 10);
	});
});

describe('Wilson and Newcombe intervals', () => {
	it('Wilson matches Newcombe (1998a) Table I, method 3', () => {
		// Newcombe RG. Two-sided confidence intervals for the single proportion. Stat Med 1998;17:857–872.
		const cases: Array<[number, number, number, number]> = [
			[81, 263, 0.2553, 0.3662],
			[15, 148, 0.0624, 0.1605],
			[0, 20, 0, 0.1611],
			[1, 29, 0.0061, 0.1718]
		];
		for (const [x, n, lo, hi] of cases) {
			const ci = wilsonInterval(x, n);
			expect(ci.lo).toBeCloseTo(lo, 4);
			expect(ci.hi).toBeCloseTo(hi, 4);
		}
	});

	it('Wilson by hand: 8 of 10 at z = 1.959964', () => {
		// centre = (0.8 + z²/20)/(1 + z²/10) = 0.992073/1.384146 = 0.716739
		// half   = z·√(0.016 + z²/400)/(1 + z²/10) = 1.959964·0.160011/1.384146 = 0.226578
		const ci = wilsonInterval(8, 10);
		expect(ci.lo).toBeCloseTo(0.71674 - 0.226578, 5);
		expect(ci.hi).toBeCloseTo(0.71674 + 0.226578, 5);
	});

	it('Newcombe hybrid score difference matches Newcombe (1998b) Table II, method 10', () => {
		// Newcombe RG. Interval estimation for the difference between independent proportions.
		// Stat Med 1998;17:873–890.
		const cases: Array<[number, number, number, number, number, number]> = [
			[56, 70, 48, 80, 0.0524, 0.3339],
			[9, 10, 3, 10, 0.1705, 0.809],
			[5, 56, 0, 29, -0.0381, 0.1926]
		];
		for (const [x1, n1, x2, n2, lo, hi] of cases) {
			const ci = newcombeInterval(x1, n1, x2, n2);
			expect(ci.lo).toBeCloseTo(lo, 4);
			expect(ci.hi).toBeCloseTo(hi, 4);
		}
	});
});

describe('Wald interval', () => {
	it('is estimate ± z·se, cut to the range the quantity can take', () => {
		// 0.3 ± 1.959964·0.1 = 0.104004 to 0.495996: inside [−1, 1], untouched
		const inside = waldInterval(0.3, 0.1, 0.95, PROPORTION_DIFFERENCE);
		expect(inside.lo).toBeCloseTo(0.10400360154599, 10);
		expect(inside.hi).toBeCloseTo(0.49599639845401, 10);
		// −0.63 ± 1.959964·0.465 = −1.5414 to +0.2814: the low end is cut to −1
		const cut = waldInterval(-0.63, 0.465, 0.95, PROPORTION_DIFFERENCE);
		expect(cut.lo).toBe(-1);
		expect(cut.hi).toBeCloseTo(0.28138325281135, 10);
		// without a range (a difference of means) nothing is cut
		expect(waldInterval(-0.63, 0.465).lo).toBeCloseTo(-1.54138325281135, 10);
	});
});

describe('two-proportion z test', () => {
	it('z² equals Pearson χ² of the 2×2 table, by hand', () => {
		// 56/70 vs 48/80: χ² = N(ad − bc)²/(r1·r2·c1·c2) = 150·(56·32 − 14·48)²/(70·80·104·46)
		//               = 188 160 000 / 26 790 400 = 7.023411…; R prop.test(correct = FALSE)
		//               gives X-squared = 7.0234, p-value = 0.008045.
		const result = twoProportionTest(56, 70, 48, 80)!;
		expect(result.effect).toBeCloseTo(0.2, 14);
		expect(result.statistic ** 2).toBeCloseTo(188_160_000 / 26_790_400, 10);
		expect(result.p).toBeCloseTo(0.008045081368196585, 10);
		expect(result.ci.lo).toBeCloseTo(0.0524, 4);
	});

	it('is symmetric and null for an empty sample', () => {
		const ab = twoProportionTest(30, 100, 45, 120)!;
		const ba = twoProportionTest(45, 120, 30, 100)!;
		expect(ab.statistic).toBeCloseTo(-ba.statistic, 14);
		expect(ab.p).toBeCloseTo(ba.p, 14);
		expect(twoProportionTest(0, 0, 3, 10)).toBeNull();
		expect(twoProportionTest(0, 10, 0, 10)!.p).toBe(1);
	});
});

describe('Welch t test from sums', () => {
	it("reproduces R's t.test(extra ~ group, data = sleep)", () => {
		// R documentation example: t = -1.8608, df = 17.776, p-value = 0.07939,
		// 95 percent CI -3.3654832 0.2054832
		const g1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
		const g2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
		const result = welchTest(sums(g1), sums(g2))!;
		expect(result.effect).toBeCloseTo(-1.58, 12);
		expect(result.statistic).toBeCloseTo(-1.8608134674868526, 10);
		expect(result.df).toBeCloseTo(17.776473516178488, 9);
		expect(result.p).toBeCloseTo(0.0793941401873583, 10);
		expect(result.ci.lo).toBeCloseTo(-3.3654832307117104, 8);
		expect(result.ci.hi).toBeCloseTo(0.20548323071171137, 8);
	});

	it('with equal n and variances has df = 2(n−1): t = 2 on 10 df, by hand', () => {
		// n = 6 each, both sample variances 1: se = √(1/6 + 1/6), df = (2/6)²/(2·(1/6)²/5) = 10.
		const se = Math.sqrt(1 / 3);
		const shift = 2 * se;
		const base = [-1, -1, -1, 1, 1, 1].map((x) => x * Math.sqrt(5 / 6)); // mean 0, s² = 1
		const result = welchTest(sums(base.map((x) => x + shift)), sums(base))!;
		expect(result.df).toBeCloseTo(10, 10);
		expect(result.statistic).toBeCloseTo(2, 10);
		expect(result.p).toBeCloseTo(0.07338803477074037, 10);
	});

	it('Satterthwaite df of two terms is Welch df; one-mean t interval (R t.test(g1))', () => {
		expect(
			satterthwaiteDf([
				{ v: 0.4, df: 9 },
				{ v: 0.75, df: 11 }
			])
		).toBeCloseTo(1.3225 / (0.16 / 9 + 0.5625 / 11), 12);
		const ci = meanInterval(sums([0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]));
		expect(ci.lo).toBeCloseTo(-0.5297804135262318, 9);
		expect(ci.hi).toBeCloseTo(2.0297804135262316, 9);
	});

	it('needs two observations per sample', () => {
		expect(welchTest({ n: 1, sum: 3, sumSq: 9 }, sums([1, 2, 3]))).toBeNull();
	});
});

describe('Benjamini–Hochberg', () => {
	it('adjusts by hand: p = .01, .04, .03, .005', () => {
		// sorted .005 .01 .03 .04 → m·p/rank = .02 .02 .04 .04, then running minimum from the top
		const q = benjaminiHochberg([0.01, 0.04, 0.03, 0.005]);
		[0.02, 0.04, 0.04, 0.02].forEach((expected, i) => expect(q[i]).toBeCloseTo(expected, 14));
		// R: p.adjust(c(.01,.02,.03,.04,.05), "BH") is 0.05 everywhere
		for (const value of benjaminiHochberg([0.01, 0.02, 0.03, 0.04, 0.05]))
			expect(value).toBeCloseTo(0.05, 14);
	});

	it('rejects 4 of the 15 hypotheses in Benjamini & Hochberg (1995), §4, at q = 0.05', () => {
		const p = [
			0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719,
			0.6528, 0.759, 1.0
		];
		const q = benjaminiHochberg(p);
		expect(q.filter((value) => value <= 0.05)).toHaveLength(4);
		expect(Math.max(...q)).toBeLessThanOrEqual(1);
	});
});

describe('EWMA chart', () => {
	it('follows the recursion and the exact time-varying limits, by hand', () => {
		// λ = 0.1, L = 2.7, target 10, σ = 1 (the set-up of Montgomery's Example 9.2):
		// z1 = 0.1·9.45 + 0.9·10 = 9.945, limits 10 ± 2.7·√(0.1/1.9·(1 − 0.9²)) = 10 ± 0.27
		// z2 = 0.1·7.99 + 0.9·9.945 = 9.7495, limits 10 ± 2.7·√(0.1/1.9·(1 − 0.9⁴)) = 10 ± 0.36325
		const points = ewmaChart(
			[
				{ value: 9.45, variance: 1 },
				{ value: 7.99, variance: 1 }
			],
			{ lambda: 0.1, target: 10, L: 2.7 }
		);
		expect(points[0]!.statistic).toBeCloseTo(9.945, 12);
		expect(points[0]!.upper).toBeCloseTo(10.27, 12);
		expect(points[0]!.lower).toBeCloseTo(9.73, 12);
		expect(points[1]!.statistic).toBeCloseTo(9.7495, 12);
		expect(points[1]!.upper).toBeCloseTo(10 + 2.7 * Math.sqrt((0.1 / 1.9) * 0.3439), 12);
		expect(points.map((p) => p.signal)).toEqual([0, 0]);
	});

	it('reduces to the textbook factor for equal variances and converges to λ/(2−λ)', () => {
		const lambda = 0.2;
		const points = ewmaChart(
			Array.from({ length: 40 }, () => ({ value: 0, variance: 4 })),
			{ lambda, target: 0, L: 3 }
		);
		points.forEach((point, i) => {
			expect(point.sd).toBeCloseTo(2 * Math.sqrt(ewmaVarianceFactor(lambda, i + 1)), 12);
		});
		expect(points[39]!.sd ** 2).toBeCloseTo((4 * lambda) / (2 - lambda), 6);
	});

	it('adds the variance of an estimated target, and signals a shift', () => {
		// one point: Var = λ²·v + λ²·targetVariance = 0.25·(1 + 1) → sd = √0.5
		const [first] = ewmaChart([{ value: 0, variance: 1 }], {
			lambda: 0.5,
			target: 0,
			targetVariance: 1,
			L: 3
		});
		expect(first!.sd).toBeCloseTo(Math.sqrt(0.5), 14);
		// shift 1.5, σ = 1, λ = 0.2: z_t = 1.5·(1 − 0.8^t), limit 3·√(0.2/1.8·(1 − 0.64^t)):
		// t = 4: 0.8856 < 0.9123; t = 5: 1.0085 > 0.9448
		const shifted = ewmaChart(
			Array.from({ length: 8 }, () => ({ value: 1.5, variance: 1 })),
			{ lambda: 0.2, target: 0, L: 3 }
		);
		expect(shifted.map((p) => p.signal)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
	});
});
