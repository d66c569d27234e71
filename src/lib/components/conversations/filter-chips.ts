/**
 * The words of the conversation list's filters: the handler choices the filter form offers
 * (single handlers, and the groups the review pages link with) and the removable chips that
 * name each active filter above the list.
 */
import {
	CHANNEL_LABELS,
	conversationQuery,
	CSAT_LABELS,
	HANDLER_LABELS,
	ORDER_LABELS,
	SIGNAL_LABELS,
	SUBSET_LABELS,
	type ConversationFilters
} from '../../domain/conversation-filters';
import { addWeeks } from '../../domain/time';

export const HANDLER_CHOICES: Array<{ value: string; label: string }> = [
	{ value: 'ai,hybrid', label: 'Started by the AI' },
	{ value: 'ai', label: HANDLER_LABELS.ai + ' only' },
	{ value: 'hybrid', label: HANDLER_LABELS.hybrid },
	{ value: 'human', label: HANDLER_LABELS.human },
	{ value: 'ai,hybrid,human', label: 'Answered (AI or human)' },
	{ value: 'none', label: HANDLER_LABELS.none }
];

/** A handler filter (handlers joined by commas) in words: its choice's label, else "A or B". */
export function handlerText(value: string): string {
	return (
		HANDLER_CHOICES.find((choice) => choice.value === value)?.label ??
		value
			.split(',')
			.map((h) => HANDLER_LABELS[h as keyof typeof HANDLER_LABELS] ?? h)
			.join(' or ')
	);
}

export function weekText(filters: ConversationFilters): string {
	return filters.week
		? filters.weeks && filters.weeks > 1
			? `Weeks ${addWeeks(filters.week, 1 - filters.weeks)} to ${filters.week}`
			: `Week ${filters.week}`
		: '';
}

/** The list's address with some filters changed (or removed, as `undefined`). */
export function listWithout(
	filters: ConversationFilters,
	change: Partial<ConversationFilters>
): string {
	return `/conversations${conversationQuery({ ...filters, ...change })}`;
}

export interface FilterChip {
	label: string;
	/** The list without this filter. */
	href: string;
}

export function filterChips(
	filters: ConversationFilters,
	topicLabel: (name: string) => string
): FilterChip[] {
	const without = (change: Partial<ConversationFilters>) => listWithout(filters, change);
	return [
		filters.q ? { label: `“${filters.q}”`, href: without({ q: undefined }) } : null,
		filters.week
			? { label: weekText(filters), href: without({ week: undefined, weeks: undefined }) }
			: null,
		filters.handlers.length
			? { label: handlerText(filters.handlers.join(',')), href: without({ handlers: [] }) }
			: null,
		filters.channel
			? { label: CHANNEL_LABELS[filters.channel], href: without({ channel: undefined }) }
			: null,
		filters.topic
			? { label: topicLabel(filters.topic), href: without({ topic: undefined }) }
			: null,
		filters.source ? { label: filters.source, href: without({ source: undefined }) } : null,
		filters.csat
			? { label: `CSAT: ${CSAT_LABELS[filters.csat]}`, href: without({ csat: undefined }) }
			: null,
		filters.subset
			? { label: SUBSET_LABELS[filters.subset], href: without({ subset: undefined }) }
			: null,
		...filters.signals.map((signal) => ({
			label: SIGNAL_LABELS[signal],
			href: without({ signals: filters.signals.filter((other) => other !== signal) })
		})),
		filters.order
			? { label: ORDER_LABELS[filters.order], href: without({ order: undefined }) }
			: null
	].filter((chip) => chip !== null);
}
