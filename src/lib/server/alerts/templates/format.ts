import { CHANNEL_LABELS } from '../../../domain/conversation-filters';
import { isoWeekStart } from '../../../domain/time';
import { formatEffectRange, formatValue, type MeasureId } from '../measures';
import type { Interval, Segment } from '../types';

const HANDLER_NAMES = { ai: 'AI', human: 'Human agents', hybrid: 'AI → human' } as const;
const count = new Intl.NumberFormat('en');
const dayMonth = new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'short',
	timeZone: 'UTC'
});
const dayMonthYear = new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	timeZone: 'UTC'
});

export function formatCount(n: number): string {
	return count.format(n);
}

/**
 * The taxonomy's label of each topic id, read by the caller from the database: emails and
 * the alert history name topics as the rest of Parity does; links keep the ids.
 */
export type TopicLabels = Readonly<Record<string, string>>;

/** A topic's label; "Other" for the catch-all (as analytics' topicLabel); else the id. */
export function topicName(topic: string, labels: TopicLabels): string {
	return labels[topic] ?? (topic === 'other' ? 'Other' : topic);
}

/**
 * "AI · Chat · Disputes and fraud": the segment in display names, all channels / all topics
 * when it spans them.
 */
export function segmentName(segment: Segment, labels: TopicLabels): string {
	const parts = [
		segment.handler ? HANDLER_NAMES[segment.handler] : 'All handlers',
		segment.channel ? (CHANNEL_LABELS[segment.channel] ?? segment.channel) : 'all channels',
		segment.topic ? topicName(segment.topic, labels) : 'all topics'
	];
	if (segment.source) parts.push(`from ${segment.source}`);
	return parts.join(' · ');
}

/** "week 47" — the number alone reads best in subjects. */
export function weekNumber(week: string): string {
	return `week ${Number(week.slice(-2))}`;
}

/**
 * "16–22 Nov 2026": the calendar days of an ISO week. The days are the same in every zone
 * (a week is Monday to Sunday wherever it is counted), so this reads them in UTC.
 */
export function weekDays(week: string): string {
	const monday = isoWeekStart(week, 'UTC');
	const sunday = monday + 6 * 86_400_000;
	const start = new Date(monday);
	const end = new Date(sunday);
	if (start.getUTCFullYear() !== end.getUTCFullYear())
		return `${dayMonthYear.format(monday)} – ${dayMonthYear.format(sunday)}`;
	if (start.getUTCMonth() !== end.getUTCMonth())
		return `${dayMonth.format(monday)} – ${dayMonthYear.format(sunday)}`;
	return `${start.getUTCDate()}–${dayMonthYear.format(sunday)}`;
}

/** "week 47 (16–22 Nov 2026)". */
export function weekTitle(week: string): string {
	return `${weekNumber(week)} (${weekDays(week)})`;
}

/** "p = 0.004", "q < 0.001": as a statistician would write them, never "0.000". */
export function formatProbability(name: 'p' | 'q', value: number): string {
	if (value < 0.001) return `${name} < 0.001`;
	return `${name} = ${value < 0.01 ? value.toFixed(3) : value.toFixed(2)}`;
}

/** "−12 to −4 pts" — the interval in the effect's units, written as the pages write changes. */
export function formatInterval(measure: MeasureId, interval: Interval): string {
	return formatEffectRange(measure, interval.low, interval.high);
}

export function valueWithN(measure: MeasureId, value: number | null, n: number): string {
	return `${formatValue(measure, value)} (n = ${formatCount(n)})`;
}

export function formatDate(instant: number, timeZone: string): string {
	return new Intl.DateTimeFormat('en-GB', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone
	}).format(instant);
}
