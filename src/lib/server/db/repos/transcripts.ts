import type { AuthorRole, Channel, Handler } from '../../../domain/conversation';
import type { DbHandle } from '../client';

/** Queries of the transcript view: one conversation, its messages, its customer's others. */

export interface TranscriptRow {
	id: number;
	externalId: string;
	source: string;
	tool: string;
	channel: Channel;
	handler: Handler;
	customerId: number | null;
	customerName: string | null;
	startedAt: number;
	endedAt: number | null;
	status: string | null;
	tags: string;
	assignee: string | null;
	team: string | null;
	csatOffered: number;
	csatValue: string | null;
	csatScale: string | null;
	csatComment: string | null;
	messageCount: number;
	// Scores (null until derived).
	week: string | null;
	topic: string | null;
	topicOrigin: string | null;
	flags: number | null;
	csatScore: number | null;
	sentimentStart: number | null;
	sentimentEnd: number | null;
	sentimentDelta: number | null;
	sentimentMin: number | null;
	firstResponseSeconds: number | null;
	resolutionSeconds: number | null;
	repeatedAfterHandoff: number | null;
	repeatNextId: number | null;
	contactEndAt: number | null;
}

export interface TranscriptMessage {
	id: number;
	role: AuthorRole;
	roleOrigin: 'tool' | 'rules';
	authorId: string | null;
	authorName: string | null;
	createdAt: number;
	body: string;
	isPublic: number;
	sentiment: number | null;
}

export interface ContactRow {
	id: number;
	startedAt: number;
	channel: Channel;
	handler: Handler;
	topic: string | null;
	repeatNextId: number | null;
}

export function createTranscriptRepo(handle: DbHandle) {
	const { sqlite } = handle;
	return {
		conversation(id: number): TranscriptRow | null {
			return (
				(sqlite
					.prepare(
						`SELECT c.id, c.external_id AS externalId, src.name AS source, src.tool AS tool,
						        c.channel, c.handler, c.customer_id AS customerId, c.customer_name AS customerName,
						        c.started_at AS startedAt, c.ended_at AS endedAt, c.status, c.tags,
						        c.assignee, c.team, c.csat_offered AS csatOffered, c.csat_value AS csatValue,
						        c.csat_scale AS csatScale, c.csat_comment AS csatComment,
						        c.message_count AS messageCount,
						        s.week, s.topic, s.topic_origin AS topicOrigin, s.flags, s.csat_score AS csatScore,
						        s.sentiment_start AS sentimentStart, s.sentiment_end AS sentimentEnd,
						        s.sentiment_delta AS sentimentDelta, s.sentiment_min AS sentimentMin,
						        s.first_response_seconds AS firstResponseSeconds,
						        s.resolution_seconds AS resolutionSeconds,
						        s.repeated_after_handoff AS repeatedAfterHandoff,
						        s.repeat_next_id AS repeatNextId, s.contact_end_at AS contactEndAt
						   FROM conversations c
						   JOIN sources src ON src.id = c.source_id
						   LEFT JOIN conversation_scores s ON s.conversation_id = c.id
						  WHERE c.id = ?`
					)
					.get(id) as TranscriptRow | undefined) ?? null
			);
		},

		messages(conversationId: number): TranscriptMessage[] {
			return sqlite
				.prepare(
					`SELECT id, role, role_origin AS roleOrigin, author_id AS authorId, author_name AS authorName,
					        created_at AS createdAt, body, is_public AS isPublic, sentiment
					   FROM messages WHERE conversation_id = ? ORDER BY created_at, id`
				)
				.all(conversationId) as TranscriptMessage[];
		},

		/** The customer's conversations just before and just after this one, by start. */
		neighbours(customerId: number, startedAt: number, id: number, limit: number) {
			const select = `SELECT c.id, c.started_at AS startedAt, c.channel, c.handler, s.topic,
			                       s.repeat_next_id AS repeatNextId
			                  FROM conversations c LEFT JOIN conversation_scores s ON s.conversation_id = c.id
			                 WHERE c.customer_id = ?`;
			const before = sqlite
				.prepare(
					`${select} AND (c.started_at, c.id) < (?, ?) ORDER BY c.started_at DESC, c.id DESC LIMIT ?`
				)
				.all(customerId, startedAt, id, limit) as ContactRow[];
			const after = sqlite
				.prepare(`${select} AND (c.started_at, c.id) > (?, ?) ORDER BY c.started_at, c.id LIMIT ?`)
				.all(customerId, startedAt, id, limit) as ContactRow[];
			return { before: before.reverse(), after };
		}
	};
}
