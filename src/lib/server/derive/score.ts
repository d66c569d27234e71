import type { Channel, ConversationInput } from '../../domain/conversation';
import { isoWeekOf } from '../../domain/time';
import type { ScoreFields } from '../db/repos/score-writer';
import type { StoredForScoring } from '../db/repos/scores';
import {
	scoreConversation,
	type ConversationScores,
	type ScoringContext
} from '../scoring/conversation';
import { scoreSentiment } from '../scoring/sentiment/index';
import { compileTaxonomy } from '../scoring/topics';
import type { DerivationConfig } from './config';

export interface Scored {
	sentiments: Array<number | null>;
	row: ScoreFields;
}

/** Scores conversations with one configuration: from an import's record or from storage. */
export interface ConversationScorer {
	/** A conversation stored for the first time: its incoming record is its whole state. */
	scoreInput(conversation: ConversationInput): Scored;
	scoreStored(conversation: StoredForScoring): Scored;
}

export function createConversationScorer(config: DerivationConfig): ConversationScorer {
	const context: ScoringContext = {
		topics: compileTaxonomy(config.taxonomy),
		sentiment: scoreSentiment
	};
	// The scores object is fresh and ours: extended in place rather than copied (hot path).
	const toRow = (scores: ConversationScores, startedAt: number, channel: Channel): ScoreFields =>
		Object.assign(scores, {
			startedAt,
			channel,
			week: isoWeekOf(startedAt, config.zone),
			repeatDueAt: scores.contactEndAt + config.windowMs
		});
	return {
		scoreInput(conversation) {
			const scored = scoreConversation(
				{
					startedAt: conversation.startedAt,
					endedAt: conversation.endedAt,
					status: conversation.status,
					tags: conversation.tags,
					csat: conversation.csat,
					messages: conversation.messages
				},
				context
			);
			return {
				sentiments: scored.sentiments,
				row: toRow(scored.scores, conversation.startedAt, conversation.channel)
			};
		},
		scoreStored(conversation) {
			const scored = scoreConversation(
				{
					startedAt: conversation.startedAt,
					endedAt: conversation.endedAt,
					status: conversation.status,
					tags: conversation.tags,
					csat: {
						offered: conversation.csatOffered,
						value: conversation.csatValue,
						scale: conversation.csatScale
					},
					messages: conversation.messages
				},
				context
			);
			return {
				sentiments: scored.sentiments,
				row: toRow(scored.scores, conversation.startedAt, conversation.channel)
			};
		}
	};
}

/**
 * The import's enricher: scores each conversation as it is read, so that storage can write
 * the scores of conversations stored for the first time in the same batch. Built from plain
 * configuration so that the import's reader thread can build it too.
 */
export function importEnricher(config: unknown): (conversation: ConversationInput) => Scored {
	const scorer = createConversationScorer(config as DerivationConfig);
	return (conversation) => scorer.scoreInput(conversation);
}
