/**
 * How alike two messages are: the Dice coefficient on character bigrams, exactly as natural's
 * `DiceCoefficient` computes it (lower-cased, runs of white space collapsed, trimmed; a
 * one-character string padded with a space). natural builds two string Sets per call
 * (≈16 µs a pair); a conversation compares each message with several others, so here each
 * message's bigrams are built once, as sorted integer codes, and pairs are intersected by a
 * merge. `similarity.test.ts` checks that both give the same value.
 */

export type BigramProfile = Int32Array;

export function bigramProfile(text: string): BigramProfile {
	// natural's sanitising (lower case, white space runs to one space, trimmed) folded into
	// the pass that builds the bigram codes.
	const lower = text.toLowerCase();
	const codes = new Int32Array(Math.max(lower.length, 1));
	let n = 0;
	let previous = -1;
	let pendingSpace = false;
	for (let i = 0; i < lower.length; i++) {
		const code = lower.charCodeAt(i);
		if (isSpace(code)) {
			pendingSpace = previous !== -1;
			continue;
		}
		if (pendingSpace) {
			codes[n++] = (previous << 16) | 32;
			previous = 32;
			pendingSpace = false;
		}
		if (previous !== -1) codes[n++] = (previous << 16) | code;
		previous = code;
	}
	// A single character is padded with a space, as natural does.
	if (n === 0 && previous !== -1) codes[n++] = (previous << 16) | 32;
	const used = codes.subarray(0, n).sort();
	let unique = 0;
	for (let i = 0; i < n; i++) {
		if (i === 0 || used[i] !== used[i - 1]) used[unique++] = used[i] as number;
	}
	return used.subarray(0, unique);
}

/** What JavaScript's \s matches. */
function isSpace(code: number): boolean {
	return (
		code === 32 ||
		(code >= 9 && code <= 13) ||
		code === 0xa0 ||
		code === 0x1680 ||
		(code >= 0x2000 && code <= 0x200a) ||
		code === 0x2028 ||
		code === 0x2029 ||
		code === 0x202f ||
		code === 0x205f ||
		code === 0x3000 ||
		code === 0xfeff
	);
}

/** Dice coefficient of two profiles; NaN when both are empty (as natural returns). */
export function diceOfProfiles(a: BigramProfile, b: BigramProfile): number {
	let i = 0;
	let j = 0;
	let shared = 0;
	while (i < a.length && j < b.length) {
		const x = a[i] as number;
		const y = b[j] as number;
		if (x === y) {
			shared++;
			i++;
			j++;
		} else if (x < y) i++;
		else j++;
	}
	return (2 * shared) / (a.length + b.length);
}

export function dice(a: string, b: string): number {
	return diceOfProfiles(bigramProfile(a), bigramProfile(b));
}
