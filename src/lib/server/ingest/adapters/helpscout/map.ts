import { describeIssue } from '../../issues';
import type { ConversationDraft, DraftMessage } from '../../types';
import { Thread, type Conversation, type Person } from './schema';

/**
 * Help Scout conversations mapped to drafts. Pure: values stay as Help Scout wrote them
 * (ISO times, HTML bodies) for the shared normaliser to read.
 */

export type Mapped = { ok: true; draft: ConversationDraft } | { ok: false; reason: string };

/**
 * Who a person is on Help Scout's word: `customer`; `system_user`, which API v3 writes for
 * its AI-powered users (v2 reports them as `user`); any other user or team is staff, for
 * the bot-detection rules to split.
 */
function personRole(person: Person | null | undefined, via: string | null | undefined) {
	switch ((person?.type ?? '').toLowerCase()) {
		case 'customer':
			return 'customer';
		case 'system_user':
			return 'ai';
		case 'user':
		case 'team':
			return 'staff';
	}
	const how = via?.toLowerCase();
	return how === 'customer' ? 'customer' : how === 'user' ? 'staff' : null;
}

export function nameOf(person: Person | null | undefined): string | null {
	if (!person) return null;
	const name = [person.first ?? person.firstName, person.last ?? person.lastName]
		.filter((part) => part && part.trim() !== '')
		.join(' ');
	return name || null;
}

/** Threads that are not messages: events (assignments, status changes, workflows). */
const EVENTS = new Set(['lineitem']);
/** Threads the customer never saw. */
const INTERNAL = new Set(['note', 'forwardparent', 'forwardchild']);
/** Only published threads were sent; drafts and threads held for review were not. */
const UNSENT = new Set(['draft', 'underreview', 'hidden']);

function threadRole(thread: Thread): DraftMessage['role'] {
	const type = (thread.type ?? '').toLowerCase();
	if (type === 'customer') return 'customer';
	if (INTERNAL.has(type)) return personRole(thread.createdBy, null) === 'ai' ? 'ai' : 'staff';
	return personRole(thread.createdBy, thread.source?.via) ?? 'system';
}

function threadMessages(
	raws: readonly unknown[],
	listPath: string
): { ok: true; messages: DraftMessage[] } | { ok: false; reason: string } {
	const messages: DraftMessage[] = [];
	for (const [index, raw] of raws.entries()) {
		const path = `${listPath}[${index}]`;
		const parsed = Thread.safeParse(raw);
		if (!parsed.success)
			return { ok: false, reason: `${path}.${describeIssue(parsed.error, raw)}` };
		const thread = parsed.data;
		const type = (thread.type ?? '').toLowerCase();
		if (EVENTS.has(type) || UNSENT.has((thread.state ?? '').toLowerCase())) continue;
		if (!thread.body || thread.body.trim() === '') continue;
		messages.push({
			path,
			externalId: thread.id,
			role: threadRole(thread),
			authorId: thread.createdBy?.id,
			authorName: nameOf(thread.createdBy),
			at: thread.createdAt,
			text: thread.body,
			html: true,
			isPublic: !INTERNAL.has(type),
			fields: { at: 'createdAt', text: 'body' }
		});
	}
	return { ok: true, messages };
}

/**
 * The conversation's `type` (email, chat, phone) is the medium; an email conversation's
 * `source.type` says how it arrived: by email, forwarded, from a contact form or Beacon
 * (`web`), through the API.
 */
const SOURCE_WORDS: Record<string, string> = {
	email: 'email',
	emailfwd: 'email forward',
	web: 'web form',
	api: 'api',
	chat: 'chat',
	phone: 'phone'
};

function channelOf(record: Conversation): string | undefined {
	const type = record.type?.toLowerCase();
	if (type && type !== 'email') return SOURCE_WORDS[type] ?? type;
	const source = record.source?.type?.toLowerCase();
	if (source) return SOURCE_WORDS[source] ?? source;
	return type;
}

function tagNames(tags: Conversation['tags']): string[] {
	const names: string[] = [];
	for (const tag of tags ?? []) {
		const name = typeof tag === 'string' ? tag : (tag?.tag ?? tag?.name);
		if (name) names.push(name);
	}
	return names;
}

export function mapConversation(record: Conversation): Mapped {
	const embedded = record._embedded?.threads;
	const inline = Array.isArray(record.threads) ? record.threads : null;
	const threads = threadMessages(
		embedded ?? inline ?? [],
		embedded ? '_embedded.threads' : 'threads'
	);
	if (!threads.ok) return threads;
	const customer = record.primaryCustomer ?? record.customer;
	const creator = record.createdBy?.type?.toLowerCase() === 'customer' ? record.createdBy : null;
	const assignee = record.assignee ?? record.owner;
	const closed = record.status?.toLowerCase() === 'closed';
	return {
		ok: true,
		draft: {
			externalId: record.id,
			channel: channelOf(record),
			identities: [
				{ kind: 'external', value: customer?.id != null ? `helpscout:${customer.id}` : null },
				{ kind: 'email', value: customer?.email },
				{ kind: 'phone', value: customer?.phone },
				...(creator && (customer?.id == null || String(creator.id) === String(customer.id))
					? [{ kind: 'email' as const, value: creator.email }]
					: [])
			],
			customerName: nameOf(customer),
			startedAt: record.createdAt,
			updatedAt: record.userUpdatedAt ?? record.modifiedAt,
			endedAt: closed ? record.closedAt : undefined,
			status: record.status,
			tags: tagNames(record.tags),
			assignee: nameOf(assignee) ?? assignee?.email ?? assignee?.id,
			team: record.mailbox?.name ?? record.mailbox?.id ?? record.mailboxId,
			// The Mailbox API carries no ratings: Help Scout reports them separately.
			csat: null,
			messages: threads.messages,
			fields: { externalId: 'id', startedAt: 'createdAt', endedAt: 'closedAt', channel: 'type' }
		}
	};
}
