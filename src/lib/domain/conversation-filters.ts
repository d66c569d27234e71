import { z } from 'zod';
import { CHANNELS, HANDLERS, type Channel, type Handler } from './conversation';

/**
 * The filters of the transcript list, as they appear in its URL (so a filtered list can be
 * shared, and the weekly review, trends and gaps pages can link into it): `week` with
 * `weeks` (how many weeks up to and including it), `handler` (one, or several joined by
 * commas: the review's "AI" is `ai,hybrid`, every conversation the AI started), `channel`,
 * `topic`, `source`, `csat`, `subset` (a measure's n or hits), `signal` (repeatable: all must hold), `q` (text), and the keyset
 * cursors `after` / `before`. The addresses the review pages build (src/lib/links.ts) are
 * read here. Browser-safe: the page builds its links with it.
 */

export const SIGNAL_FILTERS = [
	'asked-for-human',
	'repeated-question',
	'profanity',
	'shouting',
	'useless-phrase',
	'ai-loop',
	'abandoned',
	'escalated'
] as const;
export type SignalFilter = (typeof SIGNAL_FILTERS)[number];

export const SIGNAL_LABELS: Record<SignalFilter, string> = {
	'asked-for-human': 'Asked for a human',
	'repeated-question': 'Repeated the question',
	profanity: 'Profanity',
	shouting: 'Shouting',
	'useless-phrase': '“This is useless”',
	'ai-loop': 'AI loop',
	abandoned: 'Abandoned',
	escalated: 'Escalated to a human'
};

/** Answered splits into top-2 (satisfied) and low (answered, not top-2). */
export const CSAT_FILTERS = [
	'offered',
	'answered',
	'top2',
	'low',
	'unanswered',
	'not-offered'
] as const;
export type CsatFilter = (typeof CSAT_FILTERS)[number];

export const CSAT_LABELS: Record<CsatFilter, string> = {
	offered: 'Offered (answered or not)',
	answered: 'Answered',
	top2: 'Top-2 (satisfied)',
	low: 'Low (answered, not top-2)',
	unanswered: 'Offered, unanswered',
	'not-offered': 'Not offered'
};

/**
 * The conversations a measure without a signal or survey case counts (docs/measures.md):
 * its n, or the hits of a rate. `repeat-eligible` and `repeat` are the repeat-contact rate's
 * n and numerator: conversations whose repeat window had closed when the rollups were last
 * built (and with a known customer), and those of them the customer came back after.
 */
export const SUBSET_FILTERS = [
	'sentiment',
	'ending-known',
	'negative-end',
	'repeat-eligible',
	'repeat',
	'frustrated',
	'first-response',
	'resolution'
] as const;
export type SubsetFilter = (typeof SUBSET_FILTERS)[number];

export const SUBSET_LABELS: Record<SubsetFilter, string> = {
	sentiment: 'With a sentiment score',
	'ending-known': 'Answered a reply (their ending is known)',
	'negative-end': 'Ended negative (answered a reply; end sentiment below −0.05)',
	'repeat-eligible': 'Repeat window closed (counted for repeat contact)',
	repeat: 'Came back within the repeat window',
	frustrated: 'With a frustration signal (any of them)',
	'first-response': 'With a first response time',
	resolution: 'Resolved (with a resolution time)'
};

/**
 * Orders of the list besides newest first, each worst first: the slowest first replies, the
 * longest resolutions, the angriest endings. Conversations without the value come last. An
 * ordered list shows its first page only (the worst cases are what it is for); the CSV
 * download holds every match.
 */
export const LIST_ORDERS = ['first-response', 'resolution', 'end-sentiment'] as const;
export type ListOrder = (typeof LIST_ORDERS)[number];

export const ORDER_LABELS: Record<ListOrder, string> = {
	'first-response': 'Slowest first reply first',
	resolution: 'Longest resolution first',
	'end-sentiment': 'Angriest ending first'
};

export const HANDLER_LABELS: Record<Handler, string> = {
	ai: 'AI',
	human: 'Human',
	hybrid: 'AI → human',
	none: 'Unanswered'
};

export const CHANNEL_LABELS: Record<Channel, string> = {
	chat: 'Chat',
	email: 'Email',
	voice: 'Voice',
	social: 'Social',
	messaging: 'Messaging',
	web: 'Web form',
	other: 'Other'
};

/** Channels as words inside a sentence: "conversations in email", "in other channels". */
const CHANNEL_IN_TEXT: Record<Channel, string> = {
	chat: 'chat',
	email: 'email',
	voice: 'voice',
	social: 'social',
	messaging: 'messaging',
	web: 'web form',
	other: 'other channels'
};

/**
 * A channel named inside a sentence (headlines, findings, emails): "in email", not "in
 * Email". Table headers, filters and labels keep CHANNEL_LABELS.
 */
export function channelInText(channel: Channel): string {
	return CHANNEL_IN_TEXT[channel] ?? channel;
}

const WEEK = /^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/;
/** The longest span a link may ask for: ten years of weeks. */
export const MAX_WEEKS = 520;
const CURSOR = /^(\d{1,15})_(\d{1,15})$/;

/** A position in the list: the start time and id of a conversation. */
export interface Cursor {
	startedAt: number;
	id: number;
}

export function formatCursor(cursor: Cursor): string {
	return `${cursor.startedAt}_${cursor.id}`;
}

export function parseCursor(value: string): Cursor | null {
	const match = CURSOR.exec(value);
	return match ? { startedAt: Number(match[1]), id: Number(match[2]) } : null;
}

const FIELDS = {
	week: z.string().regex(WEEK, 'a week like 2026-W09'),
	channel: z.enum(CHANNELS),
	topic: z.string().trim().min(1).max(80),
	source: z.string().trim().min(1).max(100),
	csat: z.enum(CSAT_FILTERS),
	subset: z.enum(SUBSET_FILTERS),
	q: z.string().trim().min(1).max(200),
	order: z.enum(LIST_ORDERS)
};

export interface ConversationFilters {
	week?: string;
	/** With `week`: this many weeks ending with it (1 when absent). */
	weeks?: number;
	/** Any of these (none: anyone), in HANDLERS order. */
	handlers: Handler[];
	channel?: Channel;
	topic?: string;
	source?: string;
	csat?: CsatFilter;
	subset?: SubsetFilter;
	signals: SignalFilter[];
	q?: string;
	/** Not a filter: the order of the list (newest first when absent). */
	order?: ListOrder;
}

export interface ListPosition {
	after?: Cursor;
	before?: Cursor;
}

/**
 * Reads the filters from a URL's query. A value that is not one the list knows (a stale
 * link, a typo) is left out and named in `ignored`, so the page still shows the rest.
 */
export function parseConversationQuery(params: URLSearchParams): {
	filters: ConversationFilters;
	position: ListPosition;
	ignored: string[];
} {
	const filters: ConversationFilters = { handlers: [], signals: [] };
	const ignored: string[] = [];
	for (const raw of params.getAll('handler')) {
		for (const part of raw.split(',')) {
			const value = part.trim();
			if (value === '') continue;
			const handler = HANDLERS.find((known) => known === value);
			if (handler && !filters.handlers.includes(handler)) filters.handlers.push(handler);
			else if (!handler) ignored.push(`handler=${value.slice(0, 40)}`);
		}
	}
	filters.handlers.sort((a, b) => HANDLERS.indexOf(a) - HANDLERS.indexOf(b));
	// Every handler is the same as none: the link says less.
	if (filters.handlers.length === HANDLERS.length) filters.handlers = [];
	for (const [key, schema] of Object.entries(FIELDS) as Array<
		[keyof typeof FIELDS, (typeof FIELDS)[keyof typeof FIELDS]]
	>) {
		const raw = params.get(key);
		if (raw === null || raw.trim() === '') continue;
		const parsed = schema.safeParse(raw);
		if (parsed.success) Object.assign(filters, { [key]: parsed.data });
		else ignored.push(`${key}=${raw.slice(0, 40)}`);
	}
	for (const raw of params.getAll('signal')) {
		if (raw === '') continue;
		const signal = SIGNAL_FILTERS.find((known) => known === raw);
		if (signal && !filters.signals.includes(signal)) filters.signals.push(signal);
		else if (!signal) ignored.push(`signal=${raw.slice(0, 40)}`);
	}
	filters.signals.sort((a, b) => SIGNAL_FILTERS.indexOf(a) - SIGNAL_FILTERS.indexOf(b));
	const weeks = params.get('weeks');
	if (weeks !== null && weeks.trim() !== '') {
		const n = /^\d{1,4}$/.test(weeks.trim()) ? Number(weeks) : NaN;
		if (!filters.week || !(n >= 1 && n <= MAX_WEEKS)) ignored.push(`weeks=${weeks.slice(0, 40)}`);
		else if (n > 1) filters.weeks = n;
	}
	const position: ListPosition = {};
	const after = params.get('after');
	const before = params.get('before');
	if (after) {
		const cursor = parseCursor(after);
		if (cursor) position.after = cursor;
		else ignored.push(`after=${after.slice(0, 40)}`);
	} else if (before) {
		const cursor = parseCursor(before);
		if (cursor) position.before = cursor;
		else ignored.push(`before=${before.slice(0, 40)}`);
	}
	return { filters, position, ignored };
}

/** The query string of a filtered list (at a position), in a stable order. */
export function conversationQuery(filters: ConversationFilters, position: ListPosition = {}) {
	const params = new URLSearchParams();
	if (filters.week) {
		params.set('week', filters.week);
		if (filters.weeks && filters.weeks > 1) params.set('weeks', String(filters.weeks));
	}
	if (filters.handlers.length) params.set('handler', filters.handlers.join(','));
	for (const key of ['channel', 'topic', 'source', 'csat', 'subset'] as const) {
		const value = filters[key];
		if (value) params.set(key, value);
	}
	for (const signal of filters.signals) params.append('signal', signal);
	if (filters.q) params.set('q', filters.q);
	if (filters.order) params.set('order', filters.order);
	if (position.after) params.set('after', formatCursor(position.after));
	else if (position.before) params.set('before', formatCursor(position.before));
	// Commas kept readable, as the review pages write them (links.ts).
	const text = params.toString().replace(/%2C/g, ',');
	return text ? `?${text}` : '';
}

/**
 * The address of the list for a submitted filter form: its fields read as a link would be,
 * so that empty fields and unknown values are left out and the order is the usual one.
 */
export function conversationQueryFromForm(entries: Iterable<[string, FormDataEntryValue]>) {
	const params = new URLSearchParams();
	for (const [key, value] of entries) {
		if (typeof value === 'string' && value.trim() !== '') params.append(key, value.trim());
	}
	return conversationQuery(parseConversationQuery(params).filters);
}

export function hasFilters(filters: ConversationFilters): boolean {
	return (
		filters.signals.length > 0 ||
		filters.handlers.length > 0 ||
		(['week', 'channel', 'topic', 'source', 'csat', 'subset', 'q'] as const).some(
			(key) => filters[key] !== undefined
		)
	);
}
