import { DEFAULT_PARAMS, scoreTokens, type SentimentParams } from './score';
import { createTokens, tokenize } from './tokenize';

export { DEFAULT_PARAMS, type SentimentParams } from './score';

/** Scores at or beyond ±0.05 are positive / negative, as in VADER's paper. */
export const SENTIMENT_THRESHOLD = 0.05;

export type SentimentClass = 'negative' | 'neutral' | 'positive';

const tokens = createTokens();

/**
 * Sentiment of one message in [-1, 1]: < 0 negative, 0 neutral or no sentiment words, > 0
 * positive. Pure (the same text always gives the same score) and synchronous.
 */
export function scoreSentiment(text: string): number {
	return scoreSentimentWith(text, DEFAULT_PARAMS);
}

/** `scoreSentiment` with other constants: for the bench and its cross-validation. */
export function scoreSentimentWith(text: string, params: Readonly<SentimentParams>): number {
	if (text.length === 0) return 0;
	tokenize(text, tokens);
	return scoreTokens(tokens, params);
}

export function sentimentClass(score: number): SentimentClass {
	return score >= SENTIMENT_THRESHOLD
		? 'positive'
		: score <= -SENTIMENT_THRESHOLD
			? 'negative'
			: 'neutral';
}
