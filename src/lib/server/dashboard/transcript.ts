import type { AuthorRole, Channel, Handler } from '../../domain/conversation';
import type { CsatFilter, SignalFilter } from '../../domain/conversation-filters';
import type { DbHandle } from '../db/client';
import { getSetting } from '../db/repos/settings';
import { loadTaxonomy } from '../db/repos/topics';
import { createTranscriptRepo, type ContactRow } from '../db/repos/transcripts';
import { SCORE_FLAG_BITS } from '../db/schema/scores';
import { messageBody } from '../scoring/body';
import { asksForHuman, hasProfanity, hasUselessPhrase, isShouting } from '../scoring/signals';
import { OTHER_TOPIC } from '../scoring/topics';

/**
 * One conversation as the analyst reads it: every message with who wrote it and the
 * customer's sentiment, the signals found (per message where a message shows them), the
 * moment the AI handed over, the customer's other contacts around it, and its survey.
 */

/** Text signals a single message shows (the rest compare messages: conversation level). */
export type MessageSignal = 'asked-for-human' | 'profanity' | 'shouting' | 'useless-phrase';

export interface TranscriptMessageView {
	id: number;
	role: AuthorRole;
	/** The bot rules decided this author is (or is not) an AI; the tool did not say. */
	byRules: boolean;
	author: string | null;
	at: number;
	text: string;
	internal: boolean;
	sentiment: number | null;
	signals: MessageSignal[];
	/** The AI's last message before a human took over: the escalation point follows it. */
	handoverAfter: boolean;
}

export interface ContactView {
	id: number;
	startedAt: number;
	channel: Channel;
	handler: Handler;
	topic: string;
	/** This contact is a repeat of the one before it within the window. */
	repeatOfPrevious: boolean;
	current: boolean;
}

export interface Transcript {
	id: number;
	externalId: string;
	source: string;
	tool: string;
	channel: Channel;
	handler: Handler;
	customerName: string | null;
	startedAt: number;
	endedAt: number | null;
	status: string | null;
	tags: string[];
	assignee: string | null;
	team: string | null;
	week: string | null;
	topic: { name: string; label: string; origin: string } | null;
	csat: {
		case: CsatFilter | 'not-offered';
		value: string | null;
		scale: string | null;
		score: number | null;
		comment: string | null;
	};
	sentiment: { start: number | null; end: number | null; delta: number | null; min: number | null };
	signals: SignalFilter[];
	repeatedAfterHandoff: boolean;
	firstResponseSeconds: number | null;
	resolutionSeconds: number | null;
	messages: TranscriptMessageView[];
	contacts: ContactView[];
	/** The conversation this one repeats, and the customer's next contact within the window. */
	repeatOf: number | null;
	repeatNext: number | null;
	windowDays: number;
	zone: string;
	derived: boolean;
}

const FLAG_SIGNALS: Array<[SignalFilter, number]> = [
	['asked-for-human', SCORE_FLAG_BITS.askedForHuman],
	['repeated-question', SCORE_FLAG_BITS.repeatedQuestion],
	['profanity', SCORE_FLAG_BITS.profanity],
	['shouting', SCORE_FLAG_BITS.shouting],
	['useless-phrase', SCORE_FLAG_BITS.uselessPhrase],
	['ai-loop', SCORE_FLAG_BITS.aiLoop],
	['abandoned', SCORE_FLAG_BITS.abandoned],
	['escalated', SCORE_FLAG_BITS.escalated]
];

function csatCase(flags: number | null, offered: boolean): Transcript['csat']['case'] {
	if (flags === null) return offered ? 'unanswered' : 'not-offered';
	if (flags & SCORE_FLAG_BITS.csatTop2) return 'top2';
	if (flags & SCORE_FLAG_BITS.csatLow) return 'low';
	if (flags & SCORE_FLAG_BITS.csatUnanswered) return 'unanswered';
	return 'not-offered';
}

/** Read as scoring reads them (without greetings and sign-offs), so the marks agree with it. */
function messageSignals(raw: string): MessageSignal[] {
	const text = messageBody(raw);
	const found: MessageSignal[] = [];
	if (asksForHuman(text)) found.push('asked-for-human');
	if (hasProfanity(text)) found.push('profanity');
	if (isShouting(text)) found.push('shouting');
	if (hasUselessPhrase(text)) found.push('useless-phrase');
	return found;
}

/**
 * The hand-over as scoring reads it (scoring/conversation.ts): the AI's last public message
 * before the first public message of a human agent, in a conversation the AI answered first.
 */
function handoverIndex(messages: ReadonlyArray<{ role: AuthorRole; isPublic: number }>): number {
	const firstAgent = messages.findIndex((m) => m.isPublic === 1 && m.role === 'agent');
	if (firstAgent === -1) return -1;
	for (let i = firstAgent - 1; i >= 0; i--) {
		const message = messages[i] as { role: AuthorRole; isPublic: number };
		if (message.isPublic === 1 && message.role === 'ai') return i;
	}
	return -1;
}

const NEIGHBOURS = 5;

/**
 * Who wrote a message, as a reader can use it: the name, else the tool's id for staff and
 * bots. A customer's id is not shown: with personal data minimised it is a keyed hash
 * (privacy/minimize.ts), and otherwise often their email, which the name already stands for.
 */
function authorShown(message: {
	role: AuthorRole;
	authorName: string | null;
	authorId: string | null;
}) {
	if (message.authorName !== null) return message.authorName;
	return message.role === 'customer' ? null : message.authorId;
}

export function transcript(handle: DbHandle, id: number): Transcript | null {
	const repo = createTranscriptRepo(handle);
	const row = repo.conversation(id);
	if (!row) return null;
	const labels = new Map(loadTaxonomy(handle).topics.map((topic) => [topic.name, topic.label]));
	const stored = repo.messages(id);
	const handover = row.handler === 'hybrid' ? handoverIndex(stored) : -1;
	const messages = stored.map((message, index): TranscriptMessageView => ({
		id: message.id,
		role: message.role,
		byRules: message.roleOrigin === 'rules',
		author: authorShown(message),
		at: message.createdAt,
		text: message.body,
		internal: message.isPublic !== 1,
		sentiment: message.sentiment,
		signals:
			message.role === 'customer' && message.isPublic === 1 ? messageSignals(message.body) : [],
		handoverAfter: index === handover
	}));

	let contacts: ContactView[] = [];
	let repeatOf: number | null = null;
	if (row.customerId !== null) {
		const { before, after } = repo.neighbours(row.customerId, row.startedAt, row.id, NEIGHBOURS);
		const self: ContactRow = {
			id: row.id,
			startedAt: row.startedAt,
			channel: row.channel,
			handler: row.handler,
			topic: row.topic,
			repeatNextId: row.repeatNextId
		};
		const chain = [...before, self, ...after];
		const repeats = new Set(chain.map((contact) => contact.repeatNextId));
		repeatOf = before.find((contact) => contact.repeatNextId === row.id)?.id ?? null;
		contacts = chain.map((contact) => ({
			id: contact.id,
			startedAt: contact.startedAt,
			channel: contact.channel,
			handler: contact.handler,
			topic: contact.topic ?? OTHER_TOPIC,
			repeatOfPrevious: repeats.has(contact.id),
			current: contact.id === row.id
		}));
	}
	const flags = row.flags ?? 0;
	return {
		id: row.id,
		externalId: row.externalId,
		source: row.source,
		tool: row.tool,
		channel: row.channel,
		handler: row.handler,
		customerName: row.customerName,
		startedAt: row.startedAt,
		endedAt: row.endedAt,
		status: row.status,
		tags: JSON.parse(row.tags) as string[],
		assignee: row.assignee,
		team: row.team,
		week: row.week,
		topic:
			row.topic === null
				? null
				: {
						name: row.topic,
						label: labels.get(row.topic) ?? (row.topic === OTHER_TOPIC ? 'Other' : row.topic),
						origin: row.topicOrigin ?? 'none'
					},
		csat: {
			case: csatCase(row.flags, row.csatOffered === 1),
			value: row.csatValue,
			scale: row.csatScale,
			score: row.csatScore,
			comment: row.csatComment
		},
		sentiment: {
			start: row.sentimentStart,
			end: row.sentimentEnd,
			delta: row.sentimentDelta,
			min: row.sentimentMin
		},
		signals: FLAG_SIGNALS.filter(([, bit]) => flags & bit).map(([signal]) => signal),
		repeatedAfterHandoff: row.repeatedAfterHandoff === 1,
		firstResponseSeconds: row.firstResponseSeconds,
		resolutionSeconds: row.resolutionSeconds,
		messages,
		contacts,
		repeatOf,
		repeatNext: row.repeatNextId,
		windowDays: getSetting(handle, 'repeat.windowDays'),
		zone: getSetting(handle, 'org.timeZone'),
		derived: row.flags !== null
	};
}
