import type { Channel } from './conversation';

/**
 * The contract between the weekly rollups (written by `server/rollups`) and everything that
 * reads them (`server/analytics`, pages, alerts). One cell is one ISO week (Monday start, in
 * the organisation's zone) × handler × channel × topic × source; every field is a count or
 * a sum, so cells add up across any dimension and every rate is a ratio of two sums.
 *
 * Conversations the handler rules call `none` (nobody answered) are not in the rollup.
 * Times are in seconds. Sentiment is in [-1, 1]; CSAT is normalised to 1..5.
 */
export interface RollupCell {
	week: string;
	handler: 'ai' | 'human' | 'hybrid';
	channel: Channel;
	topic: string;
	source: string;

	conversations: number;
	messages: number;

	/** Surveys sent / answered / answered 4–5 (or "good"), and sums of the 1..5 score. */
	csatOffered: number;
	csatAnswered: number;
	csatTop2: number;
	csatSum: number;
	csatSumSq: number;

	/** Conversations with at least one customer message: the sentiment denominator. */
	sentimentN: number;
	sentimentStartSum: number;
	sentimentEndSum: number;
	sentimentEndSumSq: number;
	sentimentDeltaSum: number;
	sentimentMinSum: number;
	/** Conversations whose end sentiment is below −0.05. */
	/** Conversations whose customer answered a reply (two turns or more): ending known. */
	endingKnown: number;
	negativeEnd: number;

	/** Conversations followed by another contact of the same customer within the window. */
	repeatContacts: number;
	/** Conversations that ended at least the window before the newest data (the denominator). */
	repeatEligible: number;

	/** AI-started conversations (ai + hybrid) and those that ended with a human. */
	escalationEligible: number;
	escalations: number;
	/** Escalations after which the customer had to repeat what they had told the AI. */
	repeatedAfterHandoff: number;

	/** The customer's last message got an AI reply and the customer never answered. */
	abandonments: number;

	/** Conversations with at least one frustration signal, and per signal. */
	frustrated: number;
	askedForHuman: number;
	repeatedQuestion: number;
	profanity: number;
	shouting: number;
	uselessPhrase: number;
	aiLoop: number;

	firstResponseN: number;
	firstResponseSum: number;
	resolutionN: number;
	resolutionSum: number;
}

/** The numeric fields of a cell: what is summed when cells are combined. */
export type RollupCounts = Omit<RollupCell, 'week' | 'handler' | 'channel' | 'topic' | 'source'>;
