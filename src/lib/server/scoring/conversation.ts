import type { AuthorRole, CsatScale, Handler } from '../../domain/conversation';
import { CSAT_SCALES } from '../../domain/conversation';
import { deriveHandler } from '../../domain/handler';
import { messageBody } from './body';
import { normalizeCsatAnswer } from './csat';
import {
	asksForHuman,
	hasProfanity,
	hasUselessPhrase,
	isShouting,
	refersToEarlierExplanation
} from './signals';
import { bigramProfile, diceOfProfiles, type BigramProfile } from './similarity';
import type { TopicMatcher, TopicOrigin } from './topics';

/**
 * Every per-conversation measure (docs/measures.md has the definitions and their edge
 * cases). Pure: a conversation's stored state in, its scores out. Only public messages of
 * the customer, the AI and human agents count; internal notes and system messages are what
 * the customer never saw, and are ignored. Text is read without email furniture (body.ts).
 */

export interface ScoringMessage {
	role: AuthorRole;
	at: number;
	text: string;
	isPublic: boolean;
	/** A score already stored for this message (reused); absent or null to compute it. */
	sentiment?: number | null;
}

export interface ScoringConversation {
	startedAt: number;
	endedAt: number | null;
	status: string | null;
	tags: readonly string[];
	csat: { offered: boolean; value: string | null; scale: string | null } | null;
	/** In time order. */
	messages: readonly ScoringMessage[];
}

export interface ScoringContext {
	topics: TopicMatcher;
	sentiment: (text: string) => number;
}

export interface ConversationScores {
	handler: Handler;
	topic: string;
	topicOrigin: TopicOrigin;
	customerMessages: number;
	customerTurns: number;
	sentimentStart: number | null;
	sentimentEnd: number | null;
	sentimentDelta: number | null;
	sentimentMin: number | null;
	csatOffered: boolean;
	/** The answer on 1..5; null when not offered, unanswered or unreadable. */
	csatScore: number | null;
	csatTop2: boolean;
	firstResponseSeconds: number | null;
	resolutionSeconds: number | null;
	escalationEligible: boolean;
	escalated: boolean;
	repeatedAfterHandoff: boolean;
	/** The last word was the AI's, answering the customer, and the customer never replied. */
	silentEnd: boolean;
	/** A silent end without a sign the customer was done (see measures.md). */
	abandoned: boolean;
	askedForHuman: boolean;
	repeatedQuestion: boolean;
	profanity: boolean;
	shouting: boolean;
	uselessPhrase: boolean;
	aiLoop: boolean;
	frustrated: boolean;
	/** When the contact ended, for repeat contact: ended_at, else the last message. */
	contactEndAt: number;
}

export interface ScoredConversation {
	scores: ConversationScores;
	/** Per input message: its sentiment (customer messages with text), else null. */
	sentiments: Array<number | null>;
}

/** Restating the same question: Dice ≥ this between two customer messages. */
export const REPEAT_SIMILARITY = 0.6;
/** An AI loop: Dice ≥ this between two AI replies to different customer turns. */
export const LOOP_SIMILARITY = 0.85;
/** Shorter messages ("ok", "thanks", "hi") are not compared. */
const MIN_COMPARABLE_CHARS = 20;
const MIN_COMPARABLE_WORDS = 4;
export const NEGATIVE_SENTIMENT = -0.05;
/** Customer text the keyword taxonomy reads: what the customer wrote first. */
const TOPIC_MESSAGES = 3;

const RESOLVED_STATUSES = new Set([
	'closed',
	'solved',
	'resolved',
	'done',
	'complete',
	'completed',
	'archived',
	'finished',
	'ended'
]);

interface Visible {
	index: number;
	role: 'customer' | 'ai' | 'agent';
	at: number;
	text: string;
	/** Customer turn number (0-based) for customer messages, else the turn it answers (-1 before any). */
	turn: number;
	/** Bigrams, built on first comparison. */
	profile: BigramProfile | null;
}

/**
 * Messages whose lengths differ by more than this factor are not compared: their Dice
 * coefficient could not reach the thresholds (it is at most 2·min/(min+max) of the bigram
 * counts), and skipping them saves building their bigrams.
 */
const LENGTH_RATIO = 0.4;

function similar(a: Visible, b: Visible, threshold: number): boolean {
	const shorter = Math.min(a.text.length, b.text.length);
	if (shorter < LENGTH_RATIO * Math.max(a.text.length, b.text.length)) return false;
	a.profile ??= bigramProfile(a.text);
	b.profile ??= bigramProfile(b.text);
	return diceOfProfiles(a.profile, b.profile) >= threshold;
}

/** Whether a message is like an earlier one sent in another turn. */
function similarAcrossTurns(items: readonly Visible[], threshold: number): boolean {
	for (let i = 1; i < items.length; i++) {
		const later = items[i] as Visible;
		for (let j = 0; j < i; j++) {
			const earlier = items[j] as Visible;
			if (earlier.turn !== later.turn && similar(earlier, later, threshold)) return true;
		}
	}
	return false;
}

/**
 * After the hand-over (the AI's last message before the first human one), does the customer
 * restate what they told the AI, or say they are repeating themselves?
 */
function restatedAfterHandoff(visible: readonly Visible[]): boolean {
	const firstAgent = visible.findIndex((item) => item.role === 'agent');
	let handoff = firstAgent - 1;
	while (handoff >= 0 && (visible[handoff] as Visible).role !== 'ai') handoff--;
	const before: Visible[] = [];
	for (let i = 0; i < handoff; i++) {
		const item = visible[i] as Visible;
		if (item.role === 'customer' && comparable(item.text)) before.push(item);
	}
	for (let i = handoff + 1; i < visible.length; i++) {
		const item = visible[i] as Visible;
		if (item.role !== 'customer') continue;
		if (refersToEarlierExplanation(item.text)) return true;
		if (!comparable(item.text)) continue;
		for (const earlier of before) if (similar(earlier, item, REPEAT_SIMILARITY)) return true;
	}
	return false;
}

function frustratedText(text: string): boolean {
	return asksForHuman(text) || hasProfanity(text) || isShouting(text) || hasUselessPhrase(text);
}

function comparable(text: string): boolean {
	if (text.length < MIN_COMPARABLE_CHARS) return false;
	let words = 0;
	let inWord = false;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		const space = code === 32 || (code >= 9 && code <= 13);
		if (!space && !inWord && ++words >= MIN_COMPARABLE_WORDS) return true;
		inWord = !space;
	}
	return false;
}

function mean(values: readonly number[]): number {
	let sum = 0;
	for (const value of values) sum += value;
	return sum / values.length;
}

function isCsatScale(scale: string | null): scale is CsatScale {
	return scale !== null && (CSAT_SCALES as readonly string[]).includes(scale);
}

export function scoreConversation(
	conversation: ScoringConversation,
	context: ScoringContext
): ScoredConversation {
	const { messages } = conversation;
	const sentiments: Array<number | null> = new Array<number | null>(messages.length).fill(null);
	const visible: Visible[] = [];
	let turn = -1;
	let previousRole: Visible['role'] | null = null;
	for (let index = 0; index < messages.length; index++) {
		const message = messages[index] as ScoringMessage;
		if (!message.isPublic || message.role === 'system') continue;
		const role = message.role;
		if (role === 'customer' && previousRole !== 'customer') turn++;
		previousRole = role;
		const text = messageBody(message.text);
		visible.push({ index, role, at: message.at, text, turn, profile: null });
		if (role === 'customer' && text.trim() !== '') {
			sentiments[index] = message.sentiment ?? context.sentiment(text);
		}
	}
	const handler = deriveHandler(messages);

	// Sentiment: per customer turn, the mean of its messages; start = first turn, end = last.
	const turnScores: number[][] = [];
	let customerMessages = 0;
	let sentimentMin: number | null = null;
	const customerVisible: Visible[] = [];
	for (const item of visible) {
		if (item.role !== 'customer') continue;
		customerMessages++;
		customerVisible.push(item);
		const score = sentiments[item.index];
		if (score === null || score === undefined) continue;
		(turnScores[item.turn] ??= []).push(score);
		sentimentMin = sentimentMin === null ? score : Math.min(sentimentMin, score);
	}
	const scoredTurns = turnScores.filter((scores) => scores !== undefined && scores.length > 0);
	const sentimentStart = scoredTurns.length ? mean(scoredTurns[0] as number[]) : null;
	const sentimentEnd = scoredTurns.length ? mean(scoredTurns.at(-1) as number[]) : null;
	const customerTurns = turn + 1;

	// Text signals, on customer messages.
	let askedForHuman = false;
	let profanity = false;
	let shouting = false;
	let uselessPhrase = false;
	for (const item of customerVisible) {
		askedForHuman ||= asksForHuman(item.text);
		profanity ||= hasProfanity(item.text);
		shouting ||= isShouting(item.text);
		uselessPhrase ||= hasUselessPhrase(item.text);
	}

	// Similarity signals.
	const comparableCustomer = customerVisible.filter((item) => comparable(item.text));
	const repeatedQuestion = similarAcrossTurns(comparableCustomer, REPEAT_SIMILARITY);
	const aiReplies = visible.filter((item) => item.role === 'ai' && comparable(item.text));
	const aiLoop = similarAcrossTurns(aiReplies, LOOP_SIMILARITY);

	// Escalation, and restating the problem to the human after it.
	const escalationEligible = handler === 'ai' || handler === 'hybrid';
	const escalated = handler === 'hybrid';
	const repeatedAfterHandoff = escalated && restatedAfterHandoff(visible);

	const frustrated =
		askedForHuman || repeatedQuestion || profanity || shouting || uselessPhrase || aiLoop;

	// CSAT.
	const csatOffered = conversation.csat?.offered ?? false;
	const answer =
		csatOffered && conversation.csat
			? normalizeCsatAnswer(
					conversation.csat.value,
					isCsatScale(conversation.csat.scale) ? conversation.csat.scale : '1-5'
				)
			: null;

	// Silent end and abandonment.
	const last = visible.at(-1);
	const silentEnd = last !== undefined && last.role === 'ai' && last.turn >= 0;
	const lastTurnScores = turnScores[customerTurns - 1];
	const lastTurnSentiment =
		lastTurnScores !== undefined && lastTurnScores.length > 0 ? mean(lastTurnScores) : null;
	const lastTurnNegative = lastTurnSentiment !== null && lastTurnSentiment < NEGATIVE_SENTIMENT;
	// Silence is not a resolution; it is an abandonment unless the customer showed they were
	// done: a one-shot question answered without complaint, a last word of thanks (positive,
	// without a frustration signal in it), or a satisfied survey answer.
	const settledOneShot = customerTurns === 1 && !lastTurnNegative && !frustrated;
	const thankedLast = () =>
		lastTurnSentiment !== null &&
		lastTurnSentiment > -NEGATIVE_SENTIMENT &&
		!customerVisible.some((item) => item.turn === customerTurns - 1 && frustratedText(item.text));
	const abandoned = silentEnd && !settledOneShot && !(answer?.top2 ?? false) && !thankedLast();

	// Times.
	const firstCustomer = visible.findIndex((item) => item.role === 'customer');
	let firstResponseSeconds: number | null = null;
	if (firstCustomer !== -1) {
		const reply = visible.find((item, i) => i > firstCustomer && item.role !== 'customer');
		if (reply) firstResponseSeconds = (reply.at - (visible[firstCustomer] as Visible).at) / 1000;
	}
	const lastAt = messages.length ? (messages.at(-1) as ScoringMessage).at : null;
	const contactEndAt = conversation.endedAt ?? lastAt ?? conversation.startedAt;
	const status = conversation.status?.toLowerCase() ?? null;
	const resolved =
		handler !== 'none' && !abandoned && (status === null || RESOLVED_STATUSES.has(status));
	const resolutionSeconds = resolved
		? Math.max(0, contactEndAt - conversation.startedAt) / 1000
		: null;

	// Topic: the tool's tags, else keywords in what the customer wrote first.
	const topicText = customerVisible
		.slice(0, TOPIC_MESSAGES)
		.map((item) => item.text)
		.join('\n');
	const { topic, origin } = context.topics.match(conversation.tags, topicText);

	return {
		sentiments,
		scores: {
			handler,
			topic,
			topicOrigin: origin,
			customerMessages,
			customerTurns,
			sentimentStart,
			sentimentEnd,
			sentimentDelta:
				sentimentStart !== null && sentimentEnd !== null ? sentimentEnd - sentimentStart : null,
			sentimentMin,
			csatOffered,
			csatScore: answer?.score ?? null,
			csatTop2: answer?.top2 ?? false,
			firstResponseSeconds,
			resolutionSeconds,
			escalationEligible,
			escalated,
			repeatedAfterHandoff,
			silentEnd,
			abandoned,
			askedForHuman,
			repeatedQuestion,
			profanity,
			shouting,
			uselessPhrase,
			aiLoop,
			frustrated,
			contactEndAt
		}
	};
}
