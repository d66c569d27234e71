import type { z } from 'zod';
import type { IdentityKind } from '../../../../domain/conversation';
import { describeIssue } from '../../issues';
import type { ConversationDraft, DraftMessage } from '../../types';
import { Comment, Message, type Contact, type Conversation, type Teammate } from './schema';

/**
 * Front conversations mapped to drafts. Pure: values stay as Front wrote them (epoch
 * seconds, HTML bodies, its channel words) for the shared normaliser to read.
 *
 * Who wrote what: Front marks a message `is_inbound` when it came from outside, so those are
 * the customer's. An outbound message's author is a teammate whose `type` says what it is:
 * `user` (and `visitor`, a guest) is a person, or a bot Front names by what it acts for
 * (`rule`, `macro`, `API`, `integration`) — those are the AI. People are support staff for
 * the bot-detection rules to split, as for every tool: an AI assistant that sends through a
 * teammate seat looks like a person to Front.
 */

export type Mapped = { ok: true; draft: ConversationDraft } | { ok: false; reason: string };

/** Teammate types Front gives its bot users (the spec's TeammateResponse.type). */
const BOT_TYPES = new Set(['rule', 'macro', 'api', 'integration']);

function authorRole(author: Teammate | null | undefined): DraftMessage['role'] | null {
	if (!author) return null;
	const type = (author.type ?? '').toLowerCase();
	if (type === 'user' || type === 'visitor') return 'staff';
	// The CSAT bot writes the survey's answer as a comment: neither side's words.
	if (type === 'csat') return 'system';
	if (BOT_TYPES.has(type)) return 'ai';
	// A type Front adds later: a bot carries a link to what it acts for.
	return author._links?.related?.botSource ? 'ai' : 'staff';
}

export function teammateName(author: Teammate | null | undefined): string | null {
	if (!author) return null;
	const name = [author.first_name, author.last_name]
		.filter((part) => part && part.trim() !== '')
		.join(' ');
	return name || author.username || author.email || null;
}

/**
 * Message types in the shared normaliser's channel words. Yalo is a WhatsApp provider; a
 * tweet is public (social), a Twitter DM private (messaging); Front's Facebook channel is
 * named social as the normaliser does; a Google Play review is a public post answered in
 * public. `custom` channels carry anything a partner sends, so they stay unclassified.
 */
const CHANNEL_WORDS: Record<string, string> = {
	email: 'email',
	sms: 'sms',
	whatsapp: 'whatsapp',
	yalo_wha: 'whatsapp',
	front_chat: 'chat',
	intercom: 'intercom',
	facebook: 'facebook',
	tweet: 'twitter',
	tweet_dm: 'twitter dm',
	googleplay: 'social',
	call: 'phone',
	'phone-call': 'phone',
	custom: 'custom'
};

/** Front's internal discussions: teammates among themselves, never sent to the customer. */
const INTERNAL_TYPE = 'internal';

type Parsed<T> = { ok: true; items: T[] } | { ok: false; reason: string };

function listOf(raw: Conversation['messages']): { items: unknown[]; path: string } {
	if (!raw) return { items: [], path: '' };
	if (Array.isArray(raw)) return { items: raw, path: '' };
	return { items: raw._results, path: '._results' };
}

function parseList<T>(
	raw: Conversation['messages'],
	name: string,
	schema: z.ZodType<T>
): Parsed<{ path: string; value: T }> {
	const { items, path } = listOf(raw);
	const parsed: Array<{ path: string; value: T }> = [];
	for (const [index, item] of items.entries()) {
		const at = `${name}${path}[${index}]`;
		const result = schema.safeParse(item);
		if (!result.success) return { ok: false, reason: `${at}.${describeIssue(result.error, item)}` };
		parsed.push({ path: at, value: result.data });
	}
	return { ok: true, items: parsed };
}

/** The body (HTML for email, the text itself elsewhere), else the email's text version. */
function bodyOf(body: string | null | undefined, plain: string | null | undefined) {
	if (body && body.trim() !== '') return { text: body, html: true, field: 'body' };
	return { text: plain ?? '', html: false, field: 'text' };
}

function messageDraft(path: string, message: Message): DraftMessage {
	const body = bodyOf(message.body, message.text);
	const author = message.is_inbound === true ? null : message.author;
	return {
		path,
		externalId: message.id,
		role: message.is_inbound === true ? 'customer' : (authorRole(author) ?? 'system'),
		authorId: author?.id,
		authorName: teammateName(author),
		at: message.created_at,
		text: body.text,
		html: body.html,
		isPublic: (message.type ?? '').toLowerCase() !== INTERNAL_TYPE,
		fields: { at: 'created_at', text: body.field }
	};
}

function commentDraft(path: string, comment: Comment): DraftMessage {
	return {
		path,
		// Comment and message ids are both Front's (com_…, msg_…); the prefix keeps them apart anyway.
		externalId: comment.id ? `comment:${comment.id}` : null,
		role: authorRole(comment.author) ?? 'staff',
		authorId: comment.author?.id,
		authorName: teammateName(comment.author),
		at: comment.posted_at,
		text: comment.body ?? '',
		isPublic: false,
		fields: { at: 'posted_at', text: 'body' }
	};
}

/** The medium the conversation came in on: the type of its first message to or from outside. */
function channelOf(messages: readonly Message[]): string | undefined {
	let first: Message | null = null;
	for (const message of messages) {
		if ((message.type ?? '').toLowerCase() === INTERNAL_TYPE || !message.type) continue;
		const at = Number(message.created_at);
		if (!first || (Number.isFinite(at) && at < Number(first.created_at))) first = message;
	}
	if (!first?.type) return undefined;
	return CHANNEL_WORDS[first.type.toLowerCase()] ?? first.type;
}

/** What a handle is, from its shape: Front's recipients say only the handle. */
function handleKind(handle: string): IdentityKind {
	if (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(handle)) return 'email';
	if (/^\+?[\d\s().-]{7,}$/.test(handle)) return 'phone';
	return 'handle';
}

/** A contact's handle by its declared source. */
function sourceKind(source: string | null | undefined, handle: string): IdentityKind {
	const word = (source ?? '').toLowerCase();
	if (word === 'email') return 'email';
	if (word === 'phone') return 'phone';
	return word === '' ? handleKind(handle) : 'handle';
}

/** `crd_2njtoem` from a recipient's contact link, …/contacts/crd_2njtoem. */
function contactId(link: string | null | undefined): string | null {
	const match = /\/contacts\/([^/?#"]+)/.exec(link ?? '');
	return match?.[1] ?? null;
}

function identities(
	record: Conversation,
	messages: readonly Message[],
	contact: Contact | null | undefined
): NonNullable<ConversationDraft['identities']> {
	const found: NonNullable<ConversationDraft['identities']> = [];
	const id = contact?.id ?? contactId(record.recipient?._links?.related?.contact);
	if (id) found.push({ kind: 'external', value: `front:${id}` });
	for (const handle of contact?.handles ?? []) {
		if (handle.handle)
			found.push({ kind: sourceKind(handle.source, handle.handle), value: handle.handle });
	}
	const handles = [record.recipient?.handle];
	// Who wrote in: the sender of each inbound message.
	for (const message of messages) {
		if (message.is_inbound !== true) continue;
		for (const recipient of message.recipients ?? []) {
			if (recipient.role?.toLowerCase() === 'from') handles.push(recipient.handle);
		}
	}
	for (const handle of handles) {
		if (handle) found.push({ kind: handleKind(handle.trim()), value: handle });
	}
	return found;
}

function tagNames(tags: Conversation['tags']): string[] {
	const names: string[] = [];
	for (const tag of tags ?? []) {
		const name = typeof tag === 'string' ? tag : tag?.name;
		if (name) names.push(name);
	}
	return names;
}

export function mapConversation(record: Conversation): Mapped {
	const messages = parseList(record.messages, 'messages', Message);
	if (!messages.ok) return messages;
	const comments = parseList(record.comments, 'comments', Comment);
	if (!comments.ok) return comments;
	// A draft (shared or private) was never sent: not part of the conversation.
	const sent = messages.items.filter((item) => !item.value.draft_mode);
	const sentMessages = sent.map((item) => item.value);
	return {
		ok: true,
		draft: {
			externalId: record.id,
			channel: channelOf(sentMessages),
			identities: identities(record, sentMessages, record.contact),
			customerName: record.contact?.name ?? record.recipient?.name,
			startedAt: record.created_at,
			// Front says when a conversation was archived only in its events: the last message ends it.
			endedAt: undefined,
			status: record.status_category ?? record.status,
			tags: tagNames(record.tags),
			assignee: teammateName(record.assignee) ?? record.assignee?.id,
			team: null,
			// Front's survey answers arrive as CSAT comments, not a rating field.
			csat: null,
			messages: [
				...sent.map((item) => messageDraft(item.path, item.value)),
				...comments.items.map((item) => commentDraft(item.path, item.value))
			],
			fields: { externalId: 'id', startedAt: 'created_at', channel: 'messages[].type' }
		}
	};
}
