import type { ConversationDraft, DraftCsat, DraftMessage } from '../../types';
import {
	csatOf,
	groupLabel,
	idString,
	personLabel,
	requesterIdentities,
	roleOf,
	type Directory
} from './directory';
import type { Assembled } from './map';

/**
 * Pure mapping of one ticket's warehouse rows (Fivetran's Zendesk schema) to a draft: the
 * ticket row, its comments, the events of the chats linked to it, its tags and its
 * satisfaction fields from the field history. Rows are column → text records.
 */

export type Row = Readonly<Record<string, string>>;

export interface LocatedRow {
	row: Row;
	/** `ticket_comment_data.csv line 4`. */
	locator: string;
}

export interface WarehouseTicket {
	ticketId: string;
	ticket?: LocatedRow;
	comments: LocatedRow[];
	chatEvents: LocatedRow[];
	tags: string[];
	/** Latest `satisfaction_score` / `satisfaction_comment` values of the field history. */
	satisfaction: { score?: LocatedRow; comment?: LocatedRow };
}

export interface MappedWarehouse {
	result: Assembled;
	/** Rows that were read but carry no message: chat joins, transfers, empty texts, deletions. */
	skipped: { chatEvents: number; comments: number };
}

export function cell(row: Row, ...names: string[]): string | null {
	for (const name of names) {
		const value = row[name];
		if (value !== undefined && value.trim() !== '') return value.trim();
	}
	return null;
}

export function booleanCell(row: Row, name: string): boolean | null {
	const value = cell(row, name)?.toLowerCase();
	if (value === undefined) return null;
	if (['true', 't', '1', 'yes', 'y'].includes(value)) return true;
	if (['false', 'f', '0', 'no', 'n'].includes(value)) return false;
	return null;
}

/**
 * Warehouse connectors store UTC timestamps without a zone ("2020-02-19 01:54:52"): said so
 * here, so that the import's zone for spreadsheets does not move them.
 */
export function utcTimestamp(value: string | null, utc: boolean): string | null {
	if (value === null || !utc) return value;
	return /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value) ? `${value}Z` : value;
}

/** Sync markers are `_fivetran_synced`, or renamed by whoever loaded the warehouse. */
export function syncedColumn(columns: readonly string[]): string | null {
	return columns.find((column) => /^_.*_synced$/.test(column)) ?? null;
}

class Refusal extends Error {}

const SYSTEM_ACTORS = new Set(['__trigger', '__system']);
/** Sunshine Conversations source types of messages the AI agent wrote. */
const AI_SOURCES = new Set(['zd:answerbot', 'ultimate']);

interface OriginalMessage {
	author?: { type?: unknown; display_name?: unknown };
	source?: { type?: unknown };
}

function originalMessage(raw: string | null): OriginalMessage | null {
	if (raw === null) return null;
	try {
		const value: unknown = JSON.parse(raw);
		return typeof value === 'object' && value !== null ? (value as OriginalMessage) : null;
	} catch {
		return null;
	}
}

/**
 * Who wrote a chat event. Trigger and system actors are the system; then the messaging
 * message itself (`original_message`) says it best: source `zd:answerBot` is the AI agent,
 * author type `user` the customer, source `zd:agentWorkspace` an agent; then the actor id
 * (`agent:123` is an agent, a plain id is looked up like a comment author).
 */
function chatAuthor(
	event: LocatedRow,
	ticketId: string,
	requesterId: string | null,
	directory: Directory
): Pick<DraftMessage, 'role' | 'authorId' | 'authorName'> {
	const actor = cell(event.row, 'actor_id') ?? '';
	if (SYSTEM_ACTORS.has(actor)) return { role: 'system', authorId: actor, authorName: null };
	const agentPrefixed = actor.startsWith('agent:');
	const authorId = idString(agentPrefixed ? actor.slice('agent:'.length) : actor);
	const name = authorId !== null ? (directory.users.get(authorId)?.name ?? null) : null;
	const message = originalMessage(cell(event.row, 'original_message'));
	const source = String(message?.source?.type ?? '').toLowerCase();
	const authorType = String(message?.author?.type ?? '').toLowerCase();
	const displayName =
		typeof message?.author?.display_name === 'string' ? message.author.display_name : null;
	if (AI_SOURCES.has(source)) return { role: 'ai', authorId, authorName: displayName ?? name };
	if (authorType === 'user' || actor.startsWith('visitor')) {
		return { role: 'customer', authorId, authorName: displayName ?? name };
	}
	if (source === 'zd:agentworkspace' || agentPrefixed) {
		return { role: 'staff', authorId, authorName: name ?? displayName };
	}
	const role = roleOf(authorId, requesterId, directory.users);
	if (role === null) {
		throw new Refusal(
			`${event.locator}: actor_id ${JSON.stringify(actor)} is not in the user table and ticket ${ticketId} has no requester here: cannot tell the customer from agents`
		);
	}
	return { role, authorId, authorName: name ?? displayName };
}

export function mapWarehouseTicket(
	parts: WarehouseTicket,
	directory: Directory,
	options: { utc: boolean }
): MappedWarehouse {
	const skipped = { chatEvents: 0, comments: 0 };
	try {
		return { result: { ok: true, draft: build(parts, directory, options, skipped) }, skipped };
	} catch (error) {
		if (error instanceof Refusal) return { result: { ok: false, reason: error.message }, skipped };
		throw error;
	}
}

function build(
	parts: WarehouseTicket,
	directory: Directory,
	options: { utc: boolean },
	skipped: MappedWarehouse['skipped']
): ConversationDraft {
	const ticket = parts.ticket?.row;
	const requesterId = ticket ? idString(cell(ticket, 'requester_id')) : null;
	const time = (row: Row, ...names: string[]) => utcTimestamp(cell(row, ...names), options.utc);

	const messages: DraftMessage[] = [];
	for (const comment of parts.comments) {
		if (booleanCell(comment.row, '_fivetran_deleted') === true) {
			skipped.comments++;
			continue;
		}
		const authorId = idString(cell(comment.row, 'user_id'));
		const role = roleOf(authorId, requesterId, directory.users);
		if (role === null) {
			throw new Refusal(
				`${comment.locator}: user_id ${authorId ?? '(none)'} is not in the user table and ticket ${parts.ticketId} is not in the ticket table: cannot tell the customer from agents`
			);
		}
		messages.push({
			path: comment.locator,
			externalId: cell(comment.row, 'id'),
			role,
			authorId,
			authorName: authorId !== null ? (directory.users.get(authorId)?.name ?? null) : null,
			at: time(comment.row, 'created', 'created_at'),
			text: cell(comment.row, 'body') ?? '',
			isPublic: booleanCell(comment.row, 'public') ?? true,
			fields: { at: 'created', text: 'body' }
		});
	}
	for (const event of parts.chatEvents) {
		const text = cell(event.row, 'message');
		if (cell(event.row, 'type')?.toLowerCase() !== 'chatmessage' || text === null) {
			skipped.chatEvents++;
			continue;
		}
		messages.push({
			path: event.locator,
			externalId: `chat:${cell(event.row, 'chat_id')}:${cell(event.row, 'chat_index') ?? ''}`,
			...chatAuthor(event, parts.ticketId, requesterId, directory),
			at: time(event.row, 'created_at'),
			text,
			isPublic: true,
			fields: { at: 'created_at', text: 'message' }
		});
	}

	let csat: DraftCsat | null = null;
	const score = parts.satisfaction.score;
	if (score) {
		const rated = csatOf(
			cell(score.row, 'value'),
			parts.satisfaction.comment ? cell(parts.satisfaction.comment.row, 'value') : null,
			time(score.row, 'updated', 'updated_at')
		);
		if (!rated.ok) throw new Refusal(`${score.locator}: value: ${rated.reason}`);
		csat = rated.csat;
	}

	// Comments or chats of a ticket the ticket table does not hold: they can only add to a
	// ticket imported before (an earlier sync), never stand for the whole conversation.
	const partial = ticket === undefined;
	const email = ticket ? cell(ticket, 'via_source_from_address') : null;
	return {
		externalId: parts.ticketId,
		channel: ticket ? cell(ticket, 'via_channel') : undefined,
		identities: requesterIdentities(requesterId, directory.users, { email }),
		customerName: requesterId !== null ? directory.users.get(requesterId)?.name : null,
		startedAt: ticket ? time(ticket, 'created_at') : undefined,
		updatedAt: ticket ? time(ticket, 'updated_at') : undefined,
		status: ticket ? cell(ticket, 'status') : undefined,
		tags: parts.tags,
		assignee: ticket ? personLabel(idString(cell(ticket, 'assignee_id')), directory.users) : null,
		team: ticket ? groupLabel(idString(cell(ticket, 'group_id')), directory.groups) : null,
		csat,
		messages,
		partial,
		fields: { externalId: 'id', startedAt: 'created_at', channel: 'via_channel' }
	};
}
