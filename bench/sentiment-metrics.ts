import { readFileSync } from 'node:fs';

/** One rated text: `rating` on the -4..+4 scale of VADER's ground-truth sets. */
export interface Rated {
	id: string;
	rating: number;
	text: string;
}

/** Reads `id <tab> rating <tab> text` lines (VADER's ground-truth format; our support set too). */
export function readRated(path: string): Rated[] {
	const rows: Rated[] = [];
	for (const line of readFileSync(path, 'utf8').split('\n')) {
		if (line.trim() === '' || line.startsWith('#')) continue;
		const [id = '', rating = '', ...rest] = line.split('\t');
		const value = Number(rating);
		if (!Number.isFinite(value)) throw new Error(`${path}: bad rating in line: ${line}`);
		rows.push({ id, rating: value, text: rest.join('\t') });
	}
	return rows;
}

export function pearson(a: readonly number[], b: readonly number[]): number {
	const n = a.length;
	let meanA = 0;
	let meanB = 0;
	for (let i = 0; i < n; i++) {
		meanA += a[i] ?? 0;
		meanB += b[i] ?? 0;
	}
	meanA /= n;
	meanB /= n;
	let cov = 0;
	let varA = 0;
	let varB = 0;
	for (let i = 0; i < n; i++) {
		const x = (a[i] ?? 0) - meanA;
		const y = (b[i] ?? 0) - meanB;
		cov += x * y;
		varA += x * x;
		varB += y * y;
	}
	return varA === 0 || varB === 0 ? 0 : cov / Math.sqrt(varA * varB);
}

/** -1 / 0 / +1 with a symmetric neutral band. */
export function classify(value: number, threshold: number): number {
	return value >= threshold ? 1 : value <= -threshold ? -1 : 0;
}

/** Scores use ±0.05; human means (−4..+4) use the same band scaled to their range: ±0.2. */
export const SCORE_THRESHOLD = 0.05;
export const RATING_THRESHOLD = 0.05 * 4;

/** Macro-averaged F1 over negative / neutral / positive. */
export function macroF1(scores: readonly number[], ratings: readonly number[]): number {
	let total = 0;
	for (const label of [-1, 0, 1]) {
		let tp = 0;
		let fp = 0;
		let fn = 0;
		for (let i = 0; i < scores.length; i++) {
			const predicted = classify(scores[i] ?? 0, SCORE_THRESHOLD) === label;
			const actual = classify(ratings[i] ?? 0, RATING_THRESHOLD) === label;
			if (predicted && actual) tp++;
			else if (predicted) fp++;
			else if (actual) fn++;
		}
		total += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
	}
	return total / 3;
}

/**
 * Sentences per second of `score` over `texts`, single-threaded: the best of repeated passes after
 * a warm-up, timed in process CPU time so that other load on a shared machine does not count.
 */
export function throughput(texts: readonly string[], score: (text: string) => number): number {
	let sink = 0;
	for (const text of texts) sink += score(text);
	let best = 0;
	const started = performance.now();
	let passes = 0;
	while (passes < 3 || (performance.now() - started < 4000 && passes < 50)) {
		const before = process.cpuUsage();
		for (const text of texts) sink += score(text);
		const used = process.cpuUsage(before);
		const seconds = (used.user + used.system) / 1e6;
		if (seconds > 0) best = Math.max(best, texts.length / seconds);
		passes++;
	}
	if (Number.isNaN(sink)) throw new Error('a score was NaN');
	return best;
}
