/**
 * A seeded generator (sfc32, seeded through splitmix32) and the draws the demo needs. The
 * same seed gives the same data set on every machine and Node version: nothing here uses
 * Math.random or the clock.
 */
export class Random {
	private a: number;
	private b: number;
	private c: number;
	private d: number;

	constructor(seed: number) {
		let state = seed >>> 0;
		const next = () => {
			state = (state + 0x9e3779b9) >>> 0;
			let z = state;
			z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
			z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
			return (z ^ (z >>> 16)) >>> 0;
		};
		this.a = next();
		this.b = next();
		this.c = next();
		this.d = next();
		for (let i = 0; i < 12; i++) this.next();
	}

	/** Uniform in [0, 1). */
	next(): number {
		const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
		this.d = (this.d + 1) >>> 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) >>> 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) >>> 0;
		return t / 4294967296;
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	/** Integer in [min, max]. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	pick<T>(items: readonly T[]): T {
		if (items.length === 0) throw new Error('pick from an empty list');
		return items[Math.floor(this.next() * items.length)] as T;
	}

	/** A key of `weights`, with probability proportional to its weight. */
	weighted<K extends string | number>(weights: Readonly<Record<K, number>>): K {
		const entries = Object.entries(weights) as Array<[K, number]>;
		let total = 0;
		for (const [, weight] of entries) total += weight;
		let r = this.next() * total;
		for (const [key, weight] of entries) {
			r -= weight;
			if (r < 0) return key;
		}
		return (entries.at(-1) as [K, number])[0];
	}

	/** Exponential with the given mean. */
	exponential(mean: number): number {
		return -mean * Math.log(1 - this.next());
	}

	/** Normal (Box–Muller). */
	normal(mean = 0, sd = 1): number {
		const u = 1 - this.next();
		const v = this.next();
		return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	/** Log-normal with the given median and spread (sd of the log). */
	logNormal(median: number, sigma: number): number {
		return median * Math.exp(this.normal(0, sigma));
	}
}
