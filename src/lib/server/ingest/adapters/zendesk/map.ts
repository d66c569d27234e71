import { parseInstant } from '../../dates';
import type { ConversationDraft, DraftCsat, DraftMessage } from '../../types';
import { describeIssue } from '../../issues';
import {
	csatOf,
	groupLabel,
	idString,
	isAnswerBotVia,
	personLabel,
	requesterIdentities,
	roleOf,
	type Directory
} from './directory';
import {
	Comment,
	type Audit,
	type ChangeEvent,
	type SatisfactionRating,
	type Ticket,
	type TicketEvent,
	type Via
} from './schema';

/**
 * Pure mapping of Zendesk API records to one ConversationDraft per ticket. A ticket's parts
 * may come from several shapes in one file (the ticket itself, its comments, its audits or
 * incremental ticket events, its satisfaction ratings); they are assembled here, with
 * comments keyed by Zendesk's comment id (an audit's Comment event carries the same id) so a
 * comment seen twice is one message.
 */

export interface Located<T> {
	value: T;
	/** Where it sits in the file: `tickets[3]`, `line 12`, `audits[0]`. */
	path: string;
}

export interface TicketParts {
	ticketId: string;
	/** The ticket as the file last states it. */
	ticket?: Located<Ticket>;
	audits: Array<Located<Audit>>;
	events: Array<Located<TicketEvent>>;
	/** Comments from a comments page (the ticket id came from the file name). */
	comments: Array<Located<Comment>>;
	ratings: Array<Located<SatisfactionRating>>;
}

export type Assembled = { ok: true; draft: ConversationDraft } | { ok: false; reason: string };

class Refusal extends Error {}

function instantOf(raw: unknown): number | null {
	if (raw === null || raw === undefined || raw === '') return null;
	const parsed = parseInstant(raw, { zone: 'UTC' });
	return parsed.ok ? parsed.instant : null;
}

function viaChannel(via: Via | string | null | undefined): unknown {
	return typeof via === 'string' ? via : via?.channel;
}

function viaFrom(via: Via | null | undefined): { email?: unknown; phone?: unknown } {
	const from = via?.source?.from;
	return { email: from?.address, phone: from?.phone };
}

/** Audits and ticket events, flattened to one time-ordered list of dated changes. */
interface HistoryEntry {
	at: unknown;
	sortKey: number;
	via: Via | string | null | undefined;
	authorId: unknown;
	changes: ChangeEvent[];
	/** Path of the changes array: `audits[2].events`. */
	path: string;
}

function historyOf(parts: TicketParts): HistoryEntry[] {
	const entries: HistoryEntry[] = [];
	for (const { value, path } of parts.audits) {
		entries.push({
			at: value.created_at,
			sortKey: instantOf(value.created_at) ?? Number.MAX_SAFE_INTEGER,
			via: value.via,
			authorId: value.author_id,
			changes: value.events,
			path: `${path}.events`
		});
	}
	for (const { value, path } of parts.events) {
		const at = value.created_at ?? value.timestamp;
		entries.push({
			at,
			sortKey: instantOf(at) ?? Number.MAX_SAFE_INTEGER,
			via: value.via,
			authorId: value.updater_id,
			changes: value.child_events ?? [],
			path: `${path}.child_events`
		});
	}
	return entries.sort((a, b) => a.sortKey - b.sortKey);
}

interface TicketState {
	requesterId: string | null;
	status: unknown;
	tags: unknown;
	assigneeId: string | null;
	groupId: string | null;
	channel: unknown;
	createdAt: unknown;
	created: boolean;
	csat: DraftCsat | null;
}

function tagsOf(value: unknown): unknown {
	return typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : value;
}

/** A Create or Change event's field: `field_name`/`value` in audits, the field's own key in ticket events. */
function applyChange(state: TicketState, change: ChangeEvent): void {
	if (change.field_name) {
		const value = change.value;
		switch (change.field_name) {
			case 'status':
				state.status = value;
				break;
			case 'requester_id':
				state.requesterId = idString(value);
				break;
			case 'assignee_id':
				state.assigneeId = idString(value);
				break;
			case 'group_id':
				state.groupId = idString(value);
				break;
			case 'tags':
				state.tags = tagsOf(value);
				break;
		}
		return;
	}
	if (change.status != null) state.status = change.status;
	if (change.requester_id != null) state.requesterId = idString(change.requester_id);
	if (change.assignee_id != null) state.assigneeId = idString(change.assignee_id);
	if (change.group_id != null) state.groupId = idString(change.group_id);
	if (change.tags != null) state.tags = change.tags;
}

function rated(
	score: unknown,
	comment: unknown,
	answeredAt: unknown,
	field: string
): DraftCsat | null {
	const result = csatOf(score, comment, answeredAt);
	if (!result.ok) throw new Refusal(`${field}: ${result.reason}`);
	return result.csat;
}

interface CommentCandidate {
	id: unknown;
	authorId: unknown;
	comment: Pick<Comment, 'body' | 'html_body' | 'plain_body' | 'public'>;
	at: unknown;
	via: unknown;
	path: string;
}

function commentMessage(
	candidate: CommentCandidate,
	requesterId: string | null,
	directory: Directory,
	ticketId: string
): DraftMessage {
	const authorId = idString(candidate.authorId);
	const role = isAnswerBotVia(candidate.via)
		? 'ai'
		: roleOf(authorId, requesterId, directory.users);
	if (role === null) {
		throw new Refusal(
			`${candidate.path}.author_id: cannot tell whether ${authorId ?? '(none)'} is the customer or an agent: ` +
				`the file has no user record for them and no requester for ticket ${ticketId} (export with include=users)`
		);
	}
	const { body, html_body: html, plain_body: plain } = candidate.comment;
	const useHtml = !body && !!html;
	return {
		path: candidate.path,
		externalId: candidate.id,
		role,
		authorId,
		authorName: authorId !== null ? (directory.users.get(authorId)?.name ?? null) : null,
		at: candidate.at,
		text: body || (useHtml ? html : plain) || '',
		html: useHtml,
		isPublic: candidate.comment.public ?? true,
		fields: { at: 'created_at', text: useHtml ? 'html_body' : 'body' }
	};
}

function ticketComments(ticket: Located<Ticket>): CommentCandidate[] {
	return (ticket.value.comments ?? []).map((raw, index) => {
		const path = `${ticket.path}.comments[${index}]`;
		const parsed = Comment.safeParse(raw);
		if (!parsed.success) throw new Refusal(`${path}.${describeIssue(parsed.error, raw)}`);
		const comment = parsed.data;
		return {
			id: comment.id,
			authorId: comment.author_id,
			comment,
			at: comment.created_at,
			via: viaChannel(comment.via),
			path
		};
	});
}

function latestRating(ratings: TicketParts['ratings']) {
	let latest: Located<SatisfactionRating> | null = null;
	let latestAt = -Infinity;
	for (const rating of ratings) {
		const at = instantOf(rating.value.updated_at ?? rating.value.created_at) ?? -Infinity;
		if (latest === null || at >= latestAt) {
			latest = rating;
			latestAt = at;
		}
	}
	return latest;
}

/** One ticket's draft from whatever parts of it the file holds. */
export function assembleTicket(parts: TicketParts, directory: Directory): Assembled {
	try {
		return { ok: true, draft: assemble(parts, directory) };
	} catch (error) {
		if (error instanceof Refusal) return { ok: false, reason: error.message };
		throw error;
	}
}

function assemble(parts: TicketParts, directory: Directory): ConversationDraft {
	const ticket = parts.ticket?.value;
	const state: TicketState = {
		requesterId: idString(ticket?.requester_id),
		status: ticket?.status,
		tags: ticket?.tags,
		assigneeId: idString(ticket?.assignee_id),
		groupId: idString(ticket?.group_id),
		channel: viaChannel(ticket?.via),
		createdAt: ticket?.created_at,
		created: ticket !== undefined,
		csat: ticket?.satisfaction_rating
			? rated(
					ticket.satisfaction_rating.score,
					ticket.satisfaction_rating.comment,
					null,
					`${parts.ticket?.path}.satisfaction_rating.score`
				)
			: null
	};

	const candidates: CommentCandidate[] = parts.ticket ? ticketComments(parts.ticket) : [];
	for (const { value, path } of parts.comments) {
		candidates.push({
			id: value.id,
			authorId: value.author_id,
			comment: value,
			at: value.created_at,
			via: viaChannel(value.via),
			path
		});
	}
	// History fills in what a ticket snapshot would say; with the ticket present, its fields
	// are the current state and the history only adds comments.
	const fromHistory: TicketState = { ...state, created: false, csat: null };
	for (const entry of historyOf(parts)) {
		entry.changes.forEach((change, index) => {
			const path = `${entry.path}[${index}]`;
			const kind = (change.type ?? change.event_type ?? '').toLowerCase();
			if (kind === 'comment' || kind === 'voicecomment') {
				candidates.push({
					id: change.id,
					authorId: change.author_id ?? entry.authorId,
					comment: change,
					at: change.created_at ?? entry.at,
					via: viaChannel(change.via ?? entry.via),
					path
				});
			} else if (kind === 'create') {
				if (!fromHistory.created) {
					fromHistory.created = true;
					fromHistory.createdAt = entry.at;
					fromHistory.channel = viaChannel(entry.via);
				}
				applyChange(fromHistory, change);
			} else if (kind === 'change') {
				applyChange(fromHistory, change);
			} else if (kind === 'satisfactionrating') {
				fromHistory.csat = rated(change.score, change.body, entry.at, `${path}.score`);
			}
		});
	}
	const current = ticket ? state : fromHistory;
	const rating = latestRating(parts.ratings);
	const csat = rating
		? rated(
				rating.value.score,
				rating.value.comment,
				rating.value.updated_at ?? rating.value.created_at,
				`${rating.path}.score`
			)
		: (fromHistory.csat ?? state.csat);
	const requesterId =
		current.requesterId ?? idString(rating?.value.requester_id) ?? fromHistory.requesterId;

	const seen = new Set<string>();
	const messages: DraftMessage[] = [];
	for (const candidate of candidates) {
		const key = idString(candidate.id);
		if (key !== null) {
			if (seen.has(key)) continue;
			seen.add(key);
		}
		messages.push(commentMessage(candidate, requesterId, directory, parts.ticketId));
	}

	// Without the ticket or its creation, the file holds only later changes: they may update
	// a ticket imported from another file, never stand for the whole conversation.
	const partial = !current.created;
	return {
		externalId: parts.ticketId,
		channel: partial ? undefined : current.channel,
		identities: requesterIdentities(
			requesterId,
			directory.users,
			viaFrom(ticket?.via ?? undefined)
		),
		customerName:
			(requesterId !== null ? directory.users.get(requesterId)?.name : null) ??
			ticket?.via?.source?.from?.name,
		startedAt: partial ? undefined : current.createdAt,
		updatedAt: ticket?.updated_at,
		status: current.status,
		tags: current.tags,
		assignee: personLabel(current.assigneeId, directory.users),
		team: groupLabel(current.groupId, directory.groups),
		csat,
		messages,
		partial,
		fields: { externalId: 'ticket.id', startedAt: 'created_at', channel: 'via.channel' }
	};
}
