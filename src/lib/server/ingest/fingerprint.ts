import { createHash } from 'node:crypto';
import type { ConversationInput, Message } from '../../domain/conversation';

/**
 * Keys and hashes that make imports idempotent. A message is keyed by the tool's id, or,
 * when the tool has none, by what it says and when (so the same message in an overlapping
 * export gets the same key whatever its position). The content hash covers everything
 * stored about a conversation; an import whose hash matches the stored one changes nothing.
 */

export function messageKeys(messages: readonly Message[]): string[] {
	const seen = new Map<string, number>();
	return messages.map((message) => {
		const base =
			message.externalId !== null
				? `id:${message.externalId}`
				: `h:${createHash('sha1')
						.update(
							`${message.at}\u0000${message.role}\u0000${message.authorId ?? ''}\u0000${message.text}`
						)
						.digest('base64url')
						.slice(0, 20)}`;
		const count = (seen.get(base) ?? 0) + 1;
		seen.set(base, count);
		return count === 1 ? base : `${base}#${count}`;
	});
}

export interface StoredState {
	channel: string;
	identities: readonly string[];
	customerName: string | null;
	startedAt: number;
	endedAt: number | null;
	status: string | null;
	tags: readonly string[];
	assignee: string | null;
	team: string | null;
	csatOffered: boolean;
	csatValue: string | null;
	csatScale: string | null;
	csatComment: string | null;
	csatAnsweredAt: number | null;
	messages: ReadonlyArray<{
		key: string;
		role: string;
		roleOrigin: string;
		authorId: string | null;
		authorName: string | null;
		at: number;
		text: string;
		isPublic: boolean;
	}>;
}

export function contentHash(state: StoredState): string {
	const messages = [...state.messages].sort(
		(a, b) => a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
	);
	const hash = createHash('sha1');
	hash.update(
		JSON.stringify([
			state.channel,
			[...state.identities].sort(),
			state.customerName,
			state.startedAt,
			state.endedAt,
			state.status,
			state.tags,
			state.assignee,
			state.team,
			state.csatOffered,
			state.csatValue,
			state.csatScale,
			state.csatComment,
			state.csatAnsweredAt
		])
	);
	for (const m of messages) {
		hash.update(
			JSON.stringify([
				m.key,
				m.role,
				m.roleOrigin,
				m.authorId,
				m.authorName,
				m.at,
				m.isPublic,
				m.text
			])
		);
	}
	return hash.digest('base64url');
}

export function identityStrings(conversation: ConversationInput): string[] {
	return conversation.identities.map((identity) => `${identity.kind}:${identity.value}`);
}

/** The state a new conversation is stored with: the canonical input, as-is. */
export function stateOf(conversation: ConversationInput, keys: readonly string[]): StoredState {
	return {
		channel: conversation.channel,
		identities: identityStrings(conversation),
		customerName: conversation.customerName,
		startedAt: conversation.startedAt,
		endedAt: conversation.endedAt,
		status: conversation.status,
		tags: conversation.tags,
		assignee: conversation.assignee,
		team: conversation.team,
		csatOffered: conversation.csat?.offered ?? false,
		csatValue: conversation.csat?.value ?? null,
		csatScale: conversation.csat?.scale ?? null,
		csatComment: conversation.csat?.comment ?? null,
		csatAnsweredAt: conversation.csat?.answeredAt ?? null,
		messages: conversation.messages.map((message, index) => ({
			key: keys[index] as string,
			role: message.role,
			roleOrigin: message.roleOrigin,
			authorId: message.authorId,
			authorName: message.authorName,
			at: message.at,
			text: message.text,
			isPublic: message.isPublic
		}))
	};
}

/**
 * What a later export of a stored conversation leaves: values the new export has win,
 * values it lacks are kept (a later export without the survey does not erase the answer),
 * the time span only grows.
 */
export function mergeState(
	stored: StoredState,
	incoming: StoredState
): Omit<StoredState, 'messages'> {
	const csatFromIncoming = incoming.csatValue !== null || stored.csatValue === null;
	// The same answer without its time (a ticket snapshot beside the ratings export) keeps
	// the time already known; a different answer without one has none.
	const sameAnswer = incoming.csatValue !== null && incoming.csatValue === stored.csatValue;
	return {
		channel: incoming.channel !== 'other' ? incoming.channel : stored.channel,
		identities: [...new Set([...stored.identities, ...incoming.identities])],
		customerName: incoming.customerName ?? stored.customerName,
		startedAt: Math.min(stored.startedAt, incoming.startedAt),
		endedAt:
			stored.endedAt === null
				? incoming.endedAt
				: incoming.endedAt === null
					? stored.endedAt
					: Math.max(stored.endedAt, incoming.endedAt),
		status: incoming.status ?? stored.status,
		tags: incoming.tags.length ? incoming.tags : stored.tags,
		assignee: incoming.assignee ?? stored.assignee,
		team: incoming.team ?? stored.team,
		csatOffered: stored.csatOffered || incoming.csatOffered,
		csatValue: csatFromIncoming ? incoming.csatValue : stored.csatValue,
		csatScale: csatFromIncoming ? (incoming.csatScale ?? stored.csatScale) : stored.csatScale,
		csatComment: csatFromIncoming
			? (incoming.csatComment ?? stored.csatComment)
			: stored.csatComment,
		csatAnsweredAt: csatFromIncoming
			? (incoming.csatAnsweredAt ?? (sameAnswer ? stored.csatAnsweredAt : null))
			: stored.csatAnsweredAt
	};
}
