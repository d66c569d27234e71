import { z } from 'zod';
import { CHANNELS } from '../../domain/conversation';
import { MEASURE_IDS } from '../analytics/measures';

/**
 * The dashboard pages' URL parameters. Whatever a hand-edited address holds, a page still
 * renders: a malformed value is dropped (and the week, if it was one, is said to be
 * replaced by the page) rather than answered with an error.
 */

const text = (max: number) => z.string().trim().min(1).max(max).optional().catch(undefined);

/** Kept as written: the page says when it is not a week, rather than silently ignoring it. */
const week = z.string().max(40).optional().catch(undefined);

export const ReviewQuery = z.object({
	week,
	/** List every finding rather than the most important ones. */
	all: z
		.enum(['1', 'true'])
		.transform(() => true)
		.optional()
		.catch(undefined)
});
export type ReviewQuery = z.infer<typeof ReviewQuery>;

export const TREND_SPANS = [8, 13, 26, 52] as const;

export const TrendsQuery = z.object({
	week,
	weeks: z.coerce
		.number()
		.int()
		.refine((n) => (TREND_SPANS as readonly number[]).includes(n))
		.optional()
		.catch(undefined),
	channel: z.enum(CHANNELS).optional().catch(undefined),
	topic: text(100),
	source: text(200)
});
export type TrendsQuery = z.infer<typeof TrendsQuery>;

/** The trends page's chart of conversations by handler, named where a measure would be. */
export const VOLUME_CHART = 'volume';

/** One chart of the trends page, as CSV: a measure's, or the conversations by handler. */
export const TrendsCsvQuery = TrendsQuery.extend({
	measure: z.enum([...MEASURE_IDS, VOLUME_CHART])
});
export type TrendsCsvQuery = z.infer<typeof TrendsCsvQuery>;

export const GAP_SPANS = [1, 4, 8] as const;

export const GapsQuery = z.object({
	week,
	weeks: z.coerce
		.number()
		.int()
		.refine((n) => (GAP_SPANS as readonly number[]).includes(n))
		.optional()
		.catch(undefined),
	channel: z.enum(CHANNELS).optional().catch(undefined),
	source: text(200),
	colour: z.enum(['raw', 'adjusted']).optional().catch(undefined)
});
export type GapsQuery = z.infer<typeof GapsQuery>;

/** The URL's parameters as an object for a schema: the first value of each. */
export function searchObject(url: URL): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, value] of url.searchParams) if (!(key in out)) out[key] = value;
	return out;
}

/** "1, 4 or 8": the values a parameter takes, for a sentence. */
export function oneOf(values: readonly (string | number)[]): string {
	const words = values.map(String);
	return words.length < 2
		? (words[0] ?? '')
		: `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/**
 * The parameters of the address that its schema dropped (present and not empty, read as
 * undefined), each named with its value, what it may be and what the page shows instead:
 * a mistyped link says so rather than silently widening to everything. `explain` lists the
 * parameters to check; the week is left out, as the page's own notice speaks for it.
 */
export function ignoredParameters<T extends object>(
	raw: Record<string, string>,
	parsed: T,
	explain: { [K in Exclude<keyof T, 'week'> & string]: string }
): string[] {
	const read = parsed as Record<string, unknown>;
	const out: string[] = [];
	for (const [key, why] of Object.entries<string>(explain)) {
		const value = raw[key];
		if (value === undefined || value.trim() === '' || read[key] !== undefined) continue;
		out.push(`${key}=${value.slice(0, 40)} (${why})`);
	}
	return out;
}
