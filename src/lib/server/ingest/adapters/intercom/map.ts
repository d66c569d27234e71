import type { ConversationDraft, DraftCsat, DraftMessage } from '../../types';
import type { Author, Contact, Conversation, Part, Ticket } from './schema';
import {
	aiAgentTags,
	assignedId,
	authorRole,
	channelWord,
	hasText,
	isInternalPart,
	sourceRole,
	TAG_PREFIX
} from './vocabulary';

/**
 * Intercom REST objects (a conversation, a list item, a search result, a ticket) mapped to
 * a draft. Pure: values stay as Intercom wrote them (epoch seconds, HTML bodies) for the
 * shared normaliser to read.
 */

function partMessages(parts: ReadonlyArray<Part | null>, path: string): DraftMessage[] {
	const messages: DraftMessage[] = [];
	parts.forEach((part, index) => {
		if (!part || !hasText(part.body)) return;
		const author = part.author ?? {};
		messages.push({
			path: `${path}[${index}]`,
			externalId: part.id,
			role: authorRole(author),
			authorId: author.id,
			authorName: author.name,
			at: part.created_at,
			text: part.body,
			html: true,
			isPublic: !isInternalPart(part.part_type),
			fields: { at: 'created_at', text: 'body' }
		});
	});
	return messages;
}

function tagNames(tags: Conversation['tags']): string[] {
	const list = Array.isArray(tags) ? tags : (tags?.tags ?? []);
	const names: string[] = [];
	for (const tag of list) {
		const name = typeof tag === 'string' ? tag : tag?.name;
		if (name) names.push(name);
	}
	return names;
}

/**
 * The customer: the first listed contact (a group conversation lists the others after the
 * one who wrote in), and what the customer-authored parts say about that same contact. A
 * second participant's email is left out: identities on one conversation are merged into
 * one person.
 */
function customerOf(
	contacts: ReadonlyArray<Contact | null>,
	authors: ReadonlyArray<Author>
): Pick<ConversationDraft, 'identities' | 'customerName'> {
	const contact = contacts.find((entry) => entry !== null && entry.id != null) ?? null;
	const customerAuthors = authors.filter((author) => authorRole(author) === 'customer');
	const own = contact
		? customerAuthors.filter((author) => String(author.id) === String(contact.id))
		: customerAuthors.slice(0, 1);
	const id = contact?.id ?? own[0]?.id;
	return {
		identities: [
			{ kind: 'external', value: id != null ? `intercom:${id}` : null },
			{ kind: 'external', value: contact?.external_id },
			{ kind: 'email', value: contact?.email },
			{ kind: 'phone', value: contact?.phone },
			...own.map((author) => ({ kind: 'email' as const, value: author.email }))
		],
		customerName: contact?.name ?? own.find((author) => author.name)?.name
	};
}

/** An assignee's name when the admin wrote in the conversation, else the admin's id. */
function adminName(adminId: string | null, authors: ReadonlyArray<Author>): string | null {
	if (adminId === null) return null;
	const author = authors.find(
		(entry) => entry.type === 'admin' && String(entry.id) === adminId && entry.name
	);
	return author?.name ?? adminId;
}

/**
 * The survey. A `conversation_rating` object means a rating was requested (the API reference
 * calls its created_at "the time the rating was requested", the reporting guide "when the
 * first rating was given"); without a `rating` in it, it went unanswered. Fin's own rating
 * (`ai_agent.rating`, which Intercom's Fin CSAT report counts) is the survey of a
 * conversation the AI handled, used when no teammate rating exists. Neither: none offered.
 */
function csatOf(record: Conversation): DraftCsat | null {
	const rating = record.conversation_rating;
	if (rating) {
		const answered = rating.rating !== null && rating.rating !== undefined;
		return {
			offered: true,
			value: rating.rating,
			scale: '1-5',
			comment: rating.remark,
			answeredAt: answered ? (rating.updated_at ?? rating.created_at) : null
		};
	}
	const ai = record.ai_agent;
	if (ai && ai.rating !== null && ai.rating !== undefined) {
		return { offered: true, value: ai.rating, scale: '1-5', comment: ai.rating_remark };
	}
	return null;
}

function endedAt(record: Conversation): unknown {
	if (record.state?.toLowerCase() !== 'closed') return undefined;
	const closes = (record.conversation_parts?.conversation_parts ?? []).filter(
		(part) => part?.part_type === 'close'
	);
	return record.statistics?.last_close_at ?? closes.at(-1)?.created_at;
}

export function mapConversation(record: Conversation): ConversationDraft {
	const source = record.source;
	const parts = record.conversation_parts?.conversation_parts ?? [];
	const messages: DraftMessage[] = [];
	if (source && hasText(source.body)) {
		messages.push({
			// The source has no time of its own: it is the conversation's opening message.
			path: 'conversation',
			// Source ids and part ids are separate sequences in Intercom and do collide.
			externalId: source.id != null ? `source:${source.id}` : null,
			role: sourceRole(source.delivered_as, source.author ?? {}),
			authorId: source.author?.id,
			authorName: source.author?.name,
			at: record.created_at,
			text: source.body,
			html: true,
			fields: { at: 'created_at', text: 'source.body' }
		});
	}
	messages.push(...partMessages(parts, 'conversation_parts'));

	const authors = [source?.author, ...parts.map((part) => part?.author)].filter(
		(author): author is Author => !!author
	);
	const teams = new Map<string, string>();
	for (const entry of record.statistics?.assigned_team_first_response_time ?? []) {
		if (entry?.team_id != null && entry.team_name)
			teams.set(String(entry.team_id), entry.team_name);
	}
	const teamId = assignedId(record.team_assignee_id);

	return {
		externalId: record.id,
		channel: channelWord(source?.type, record.channel?.initial),
		...customerOf(record.contacts?.contacts ?? [], authors),
		startedAt: record.created_at,
		endedAt: endedAt(record),
		updatedAt: record.updated_at,
		status:
			record.state ?? (record.open === true ? 'open' : record.open === false ? 'closed' : null),
		tags: [
			...tagNames(record.tags),
			...aiAgentTags(record.ai_agent_participated, record.ai_agent?.resolution_state)
		],
		assignee: adminName(assignedId(record.admin_assignee_id), authors),
		team: teamId === null ? null : (teams.get(teamId) ?? teamId),
		csat: csatOf(record),
		messages,
		fields: { externalId: 'id', startedAt: 'created_at', endedAt: 'statistics.last_close_at' }
	};
}

/**
 * A ticket is an Intercom conversation too (its `id` is the conversation's; `ticket_id` is
 * the number teammates see), so it is keyed by `id` and merges with the conversation when
 * both are imported. Its type category (Customer, Back-office, Tracker) is kept as a tag:
 * back-office tickets and trackers are internal work, not customer conversations.
 */
export function mapTicket(record: Ticket): ConversationDraft {
	const parts = record.ticket_parts?.ticket_parts ?? [];
	const authors = parts.map((part) => part?.author).filter((a): a is Author => !!a);
	const state = record.ticket_state;
	const category = record.category ?? record.ticket_type?.category;
	const teamId = assignedId(record.team_assignee_id);
	return {
		externalId: record.id,
		...customerOf(record.contacts?.contacts ?? [], authors),
		startedAt: record.created_at,
		updatedAt: record.updated_at,
		status:
			(typeof state === 'string' ? state : state?.category) ??
			(record.open === true ? 'open' : record.open === false ? 'closed' : null),
		tags: [
			...tagNames(record.tags),
			`${TAG_PREFIX}ticket`,
			...(category ? [`${TAG_PREFIX}ticket_category:${category.toLowerCase()}`] : [])
		],
		assignee: adminName(assignedId(record.admin_assignee_id), authors),
		team: teamId,
		csat: null,
		messages: partMessages(parts, 'ticket_parts'),
		fields: { externalId: 'id', startedAt: 'created_at' }
	};
}
