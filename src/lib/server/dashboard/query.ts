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

/** One chart of the trends page, as CSV. */
export const TrendsCsvQuery = TrendsQuery.extend({ measure: z.enum(MEASURE_IDS) });
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
