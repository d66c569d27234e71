import type { RollupCell } from '../../../domain/rollup';
import type { MeasureId } from '../../analytics/measures';
import type { DbHandle } from '../client';

/**
 * The conversations behind a number: for a segment of one week, those that weigh most on a
 * measure, worst first. Read from the per-conversation scores (indexed by week), so a
 * finding or an alert can point at transcripts without scanning messages.
 */

export interface SegmentFilter {
	week: string;
	handlers: ReadonlyArray<RollupCell['handler']>;
	channel: string | null;
	topic: string | null;
}

/** How to rank a segment's conversations for a measure: the worst outcome first. */
const WORST_FIRST: Record<MeasureId, { where: string; order: string }> = {
	csatPct: { where: 's.csat_score IS NOT NULL', order: 's.csat_score ASC, s.sentiment_end ASC' },
	csatMean: { where: 's.csat_score IS NOT NULL', order: 's.csat_score ASC, s.sentiment_end ASC' },
	csatResponseRate: {
		where: 's.csat_offered = 1 AND s.csat_score IS NULL',
		order: 's.sentiment_end ASC'
	},
	endSentimentMean: { where: 's.sentiment_end IS NOT NULL', order: 's.sentiment_end ASC' },
	sentimentDeltaMean: { where: 's.sentiment_delta IS NOT NULL', order: 's.sentiment_delta ASC' },
	negativeEndRate: {
		where: 's.customer_turns > 1 AND s.sentiment_end < -0.05',
		order: 's.sentiment_end ASC'
	},
	repeatRate: { where: 's.repeat_next_id IS NOT NULL', order: 's.sentiment_end ASC' },
	escalationRate: { where: 's.escalated = 1', order: 's.sentiment_end ASC' },
	repeatedAfterHandoffRate: { where: 's.repeated_after_handoff = 1', order: 's.sentiment_end ASC' },
	abandonmentRate: { where: 's.abandoned = 1', order: 's.sentiment_end ASC' },
	frustrationRate: { where: 's.frustrated = 1', order: 's.sentiment_min ASC' },
	firstResponseTime: {
		where: 's.first_response_seconds IS NOT NULL',
		order: 's.first_response_seconds DESC'
	},
	resolutionTime: { where: 's.resolution_seconds IS NOT NULL', order: 's.resolution_seconds DESC' }
};

export function worstConversations(
	handle: DbHandle,
	segment: SegmentFilter,
	measure: MeasureId,
	limit = 3
): number[] {
	const rank = WORST_FIRST[measure];
	const rows = handle.sqlite
		.prepare(
			`SELECT c.id FROM conversation_scores s JOIN conversations c ON c.id = s.conversation_id
			  WHERE s.week = ? AND c.handler IN (SELECT value FROM json_each(?))
			    AND (? IS NULL OR c.channel = ?) AND (? IS NULL OR s.topic = ?) AND ${rank.where}
			  ORDER BY ${rank.order}, c.id LIMIT ?`
		)
		.all(
			segment.week,
			JSON.stringify(segment.handlers),
			segment.channel,
			segment.channel,
			segment.topic,
			segment.topic,
			limit
		) as Array<{ id: number }>;
	return rows.map((row) => row.id);
}

/**
 * The help desk's id of each conversation (its external id, as the transcript list and the
 * transcript's heading show it), by Parity's id; those no longer stored (erased) are absent.
 */
export function conversationRefs(handle: DbHandle, ids: readonly number[]): Map<number, string> {
	if (ids.length === 0) return new Map();
	const rows = handle.sqlite
		.prepare(
			`SELECT id, external_id AS externalId FROM conversations
			  WHERE id IN (SELECT value FROM json_each(?))`
		)
		.all(JSON.stringify([...new Set(ids)])) as Array<{ id: number; externalId: string }>;
	return new Map(rows.map((row) => [row.id, row.externalId]));
}
