/**
 * A count with its noun, for pages and CLI output alike: "1 message", "2 messages",
 * "11,780 conversations". Browser-safe and free of imports, so the CLI (tsx) and Svelte
 * components share it.
 */

const number = new Intl.NumberFormat('en');

/** The noun for `n` things: `one` for exactly 1, otherwise `many` (default `one` + "s"). */
export function noun(n: number, one: string, many = `${one}s`): string {
	return n === 1 ? one : many;
}

/** `n` with thousands separators, then its noun: `count(1, 'record')` is "1 record". */
export function count(n: number, one: string, many?: string): string {
	return `${number.format(n)} ${noun(n, one, many)}`;
}
