/**
 * Freshdesk's numeric codes in the words the shared normaliser reads. Freshdesk's API
 * writes ticket sources, statuses and survey answers as numbers whose meaning is only in
 * its documentation (developers.freshdesk.com/api, Tickets and Satisfaction Ratings).
 */

/**
 * Ticket `source`: the documented values (1 Email, 2 Portal, 3 Phone, 7 Chat, 9 Feedback
 * Widget, 10 Outbound Email), and 15, the current Web Chat source (observed on a live
 * account by chatwoot's importer, whose fixture carries it). The feedback widget is a form
 * on the customer's site, not a chat.
 */
const SOURCES: Record<number, string> = {
	1: 'email',
	2: 'portal',
	3: 'phone',
	7: 'chat',
	9: 'web form',
	10: 'outbound email',
	15: 'web chat'
};

/** Sources whose conversations hold the whole transcript, greeting and first line included. */
const CHAT_SOURCES = new Set([7, 15]);

/** The channel word for a ticket's source; an unknown code stays visible as itself. */
export function sourceChannel(source: number | string | null | undefined): string | undefined {
	if (source === null || source === undefined) return undefined;
	if (typeof source === 'string' && !/^\d+$/.test(source.trim())) return source;
	return SOURCES[Number(source)] ?? `freshdesk source ${source}`;
}

export function isChatSource(source: number | string | null | undefined): boolean {
	return source !== null && source !== undefined && CHAT_SOURCES.has(Number(source));
}

/** Outbound email: an agent wrote the ticket's description to the requester. */
export function isOutbound(source: number | string | null | undefined): boolean {
	return source !== null && source !== undefined && Number(source) === 10;
}

const STATUSES: Record<number, string> = { 2: 'open', 3: 'pending', 4: 'resolved', 5: 'closed' };

/** Status codes 2–5 by name; an account's custom statuses (6 and up) by their code. */
export function statusWord(status: number | string | null | undefined): string | null {
	if (status === null || status === undefined) return null;
	if (typeof status === 'string' && !/^\d+$/.test(status.trim())) return status;
	return STATUSES[Number(status)] ?? `custom:${status}`;
}

export function isDone(status: number | string | null | undefined): boolean {
	const word = statusWord(status)?.toLowerCase();
	return word === 'resolved' || word === 'closed';
}

/**
 * Survey answers: Freshdesk stores every scale's points as codes from -103 (extremely
 * unhappy) to 103 (extremely happy), 100 being neutral; a 3- or 5-point survey uses a subset.
 * On a 1–7 scale the codes keep their order and meaning: -103 → 1, 100 → 4, 103 → 7.
 */
const RATING_POINTS: Record<number, number> = {
	[-103]: 1,
	[-102]: 2,
	[-101]: 3,
	100: 4,
	101: 5,
	102: 6,
	103: 7
};

export function ratingPoint(code: unknown): number | null {
	const number = typeof code === 'string' && code.trim() !== '' ? Number(code) : code;
	return typeof number === 'number' ? (RATING_POINTS[number] ?? null) : null;
}
