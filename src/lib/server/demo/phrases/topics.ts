import type { DemoTopic } from '../config';
import { MONEY_TOPICS } from './money-topics';
import { SERVICE_TOPICS } from './service-topics';

/**
 * What customers, the AI and human agents say in the demo, per topic. Templates take slots
 * ({order}, {amount}, …) filled per conversation. Every opener names its problem in words
 * the shipped taxonomy knows, so untagged conversations still get a topic, and the wording
 * of each mood (grateful, neutral, angry) carries the sentiment a scorer should read.
 */

export interface TopicPhrases {
	/** The tool's tags for this topic (Zendesk-like). */
	tags: string[];
	openers: string[];
	/** What the customer adds when asked, or comes back with. */
	details: string[];
	/** A further question when the first answer only partly settles it. */
	followUps: string[];
	/** The AI's answers to those questions, in the same order. */
	followUpAnswers: string[];
	aiAnswers: string[];
	/** A generic answer that does not address the problem: how the AI fails. */
	aiWeak: string[];
	agentAnswers: string[];
	agentAsks: string[];
}

export const TOPIC_PHRASES: Record<DemoTopic, TopicPhrases> = {
	...MONEY_TOPICS,
	...SERVICE_TOPICS
};
