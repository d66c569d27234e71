/**
 * The special functions the distributions are computed from: ln Γ, the regularized incomplete
 * beta (Student t) and the regularized upper incomplete gamma (erfc, so the normal).
 */

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
