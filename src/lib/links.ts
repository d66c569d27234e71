/**
 * Addresses of the dashboard's pages, built in one place so that every drill-down names its
 * filters the same way. Browser-safe.
 *
 * The conversations list takes its filters from the URL:
 *   week     the ISO week ('2026-W46'), the last one when `weeks` is given
 *   weeks    how many weeks up to and including `week` (absent: just `week`)
 *   handler  one handler or several joined by commas: 'ai,hybrid' is every conversation the
 *            AI started (the review's "AI"), 'human', or 'ai,hybrid,human' for both sides
 *   channel, topic, source   one each, absent for all
 *   csat     a survey case ('answered', 'top2', …), signal  a signal ('escalated', …): the
 *            conversations a measure's n or its count rests on
 *   subset   the same for measures without a signal or survey case ('negative-end',
 *            'repeat', 'first-response', …: domain/conversation-filters.ts SUBSET_FILTERS)
 */

export type ConversationHandler = 'ai' | 'hybrid' | 'human';

export interface ConversationFilter {
	week: string;
	weeks?: number;
	handler?: readonly ConversationHandler[];
	channel?: string | null;
	topic?: string | null;
	source?: string | null;
	csat?: string | null;
	signal?: string | null;
	subset?: string | null;
	/** The list's order (conversation-filters.ts LIST_ORDERS): not a filter. */
	order?: string | null;
}

/** Encodes a value for a query string, keeping the commas of a list readable. */
function encode(value: string): string {
	return encodeURIComponent(value).replace(/%2C/g, ',');
}

export function queryString(params: Record<string, string | number | null | undefined>): string {
	const parts: string[] = [];
	for (const [key, value] of Object.entries(params)) {
		if (value === null || value === undefined || value === '') continue;
		parts.push(`${encodeURIComponent(key)}=${encode(String(value))}`);
	}
	return parts.length ? `?${parts.join('&')}` : '';
}

export function conversationsHref(filter: ConversationFilter): string {
	return `/conversations${queryString({
		week: filter.week,
		weeks: filter.weeks && filter.weeks > 1 ? filter.weeks : null,
		handler: filter.handler?.length ? filter.handler.join(',') : null,
		channel: filter.channel,
		topic: filter.topic,
		source: filter.source,
		csat: filter.csat,
		subset: filter.subset,
		signal: filter.signal,
		order: filter.order
	})}`;
}

/** A page of the dashboard with its parameters; empty ones are left out of the address. */
export function pageHref(
	path: string,
	params: Record<string, string | number | null | undefined>
): string {
	return `${path}${queryString(params)}`;
}
