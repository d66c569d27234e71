import type Database from 'better-sqlite3';
import type { Channel } from '../../../domain/conversation';
import type { ConversationScores } from '../../scoring/conversation';

/**
 * The one write of a conversation's scores (columns of schema/scores.ts), shared by the
 * import store, which writes them beside a new conversation, and the derivation, which
 * rewrites them after a change.
 */

/** A conversation_scores row: the scores scoring/conversation.ts computes, and what keys them. */
export interface ScoreRow extends ConversationScores {
	conversationId: number;
	revision: number;
	sourceId: number;
	startedAt: number;
	channel: Channel;
	week: string;
	repeatDueAt: number;
}

const SCORE_COLUMNS: Array<[keyof ScoreRow, string]> = [
	['conversationId', 'conversation_id'],
	['revision', 'revision'],
	['sourceId', 'source_id'],
	['startedAt', 'started_at'],
	['handler', 'handler'],
	['channel', 'channel'],
	['week', 'week'],
	['topic', 'topic'],
	['topicOrigin', 'topic_origin'],
	['customerMessages', 'customer_messages'],
	['customerTurns', 'customer_turns'],
	['sentimentStart', 'sentiment_start'],
	['sentimentEnd', 'sentiment_end'],
	['sentimentDelta', 'sentiment_delta'],
	['sentimentMin', 'sentiment_min'],
	['csatOffered', 'csat_offered'],
	['csatScore', 'csat_score'],
	['csatTop2', 'csat_top2'],
	['firstResponseSeconds', 'first_response_seconds'],
	['resolutionSeconds', 'resolution_seconds'],
	['escalationEligible', 'escalation_eligible'],
	['escalated', 'escalated'],
	['repeatedAfterHandoff', 'repeated_after_handoff'],
	['silentEnd', 'silent_end'],
	['abandoned', 'abandoned'],
	['askedForHuman', 'asked_for_human'],
	['repeatedQuestion', 'repeated_question'],
	['profanity', 'profanity'],
	['shouting', 'shouting'],
	['uselessPhrase', 'useless_phrase'],
	['aiLoop', 'ai_loop'],
	['frustrated', 'frustrated'],
	['contactEndAt', 'contact_end_at'],
	['repeatDueAt', 'repeat_due_at']
];

export type ScoreFields = Omit<ScoreRow, 'conversationId' | 'revision' | 'sourceId'>;

export interface ScoreWriter {
	/** Inserts or replaces a conversation's scores; its repeat link is left to the relink. */
	write(conversationId: number, revision: number, sourceId: number, fields: ScoreFields): void;
}

const FIELD_COLUMNS = SCORE_COLUMNS.slice(3) as Array<[keyof ScoreFields, string]>;

export function createScoreWriter(sqlite: Database.Database): ScoreWriter {
	const columns = SCORE_COLUMNS.map(([, column]) => column);
	const statement = sqlite.prepare(
		`INSERT INTO conversation_scores (${columns.join(', ')})
		 VALUES (${columns.map(() => '?').join(', ')})
		 ON CONFLICT (conversation_id) DO UPDATE SET
		 ${columns
				.slice(1)
				.map((column) => `${column} = excluded.${column}`)
				.join(', ')}`
	);
	const values = new Array<unknown>(SCORE_COLUMNS.length);
	return {
		write(conversationId, revision, sourceId, fields) {
			values[0] = conversationId;
			values[1] = revision;
			values[2] = sourceId;
			for (let i = 0; i < FIELD_COLUMNS.length; i++) {
				const value = fields[(FIELD_COLUMNS[i] as [keyof ScoreFields, string])[0]];
				values[i + 3] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
			}
			statement.run(values);
		}
	};
}
