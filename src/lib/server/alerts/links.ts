import { conversationsHref, pageHref, type ConversationHandler } from '../../links';
import { measureFilter } from '../dashboard/present';
import type { MeasureId } from './measures';
import type { Segment } from './types';

/**
 * Every dashboard address an email or the alert history links to, in one place, built with
 * the dashboard's own link builders (src/lib/links.ts) so that they name the pages and the
 * query parameters those pages read (links.test.ts checks them against src/routes). `base` is
 * the base URL (no trailing slash; '' for links inside the dashboard).
 *
 * A segment has no page of its own: its measures over the weeks are the trends page filtered
 * to its channel, topic and source (AI and human side by side; the page has no handler
 * filter), and its conversations are the transcript list filtered to the same week.
 */

/** The conversations a segment's handler stands for: "AI" is every conversation the AI started. */
const CONVERSATION_HANDLERS: Record<
	NonNullable<Segment['handler']>,
	readonly ConversationHandler[]
> = {
	ai: ['ai', 'hybrid'],
	hybrid: ['hybrid'],
	human: ['human']
};

export const links = {
	/** The segment's measures week by week, up to `week`. */
	segment: (base: string, segment: Segment, week: string) =>
		`${base}${pageHref('/trends', {
			week,
			channel: segment.channel,
			topic: segment.topic,
			source: segment.source
		})}`,
	/**
	 * The segment's conversations that `measure` counts in the `weeks` weeks up to `week` (its
	 * n: the answered surveys for CSAT, the scored ones for sentiment; the dashboard's
	 * MEASURE_DRILL), so the list holds the same number of conversations as the email's "n =".
	 * With `part` 'hits', only those that count against it (the escalated, the not satisfied),
	 * as the weekly review's finding links open them.
	 */
	segmentConversations: (
		base: string,
		segment: Segment,
		week: string,
		measure: MeasureId,
		part: 'hits' | 'base' = 'base',
		weeks = 1
	) =>
		`${base}${conversationsHref({
			week,
			weeks,
			handler: segment.handler ? CONVERSATION_HANDLERS[segment.handler] : undefined,
			channel: segment.channel,
			topic: segment.topic,
			source: segment.source,
			...measureFilter(measure, part)
		})}`,
	conversation: (base: string, id: number) => `${base}/conversations/${id}`,
	alert: (base: string, id: number) => `${base}/alerts#alert-${id}`,
	alerts: (base: string) => `${base}/alerts`,
	rules: (base: string) => `${base}/alerts/rules`,
	/** The weekly review is the dashboard's home page. */
	weekly: (base: string, week: string) => `${base}${pageHref('/', { week })}`,
	/** A topic's AI vs human measures over the weeks (its routing verdict's evidence). */
	topic: (base: string, topic: string, week: string) =>
		`${base}${pageHref('/trends', { week, topic })}`
};
