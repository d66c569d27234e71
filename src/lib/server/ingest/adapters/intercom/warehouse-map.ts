import { parseInstant } from '../../dates';
import type { ConversationDraft, DraftCsat, DraftMessage } from '../../types';
import {
	aiAgentTags,
	assignedId,
	authorRole,
	channelWord,
	hasText,
	isInternalPart,
	sourceRole
} from './vocabulary';

/**
 * Intercom warehouse tables (Fivetran's schema, as in fivetran/dbt_intercom) joined into a
 * draft. Pure: the adapter hands over the latest version of each row, already joined.
 * Rows carry only their non-empty values, keyed by lower-case column name.
 */

export type Row = Readonly<Record<string, string>>;

export interface Admin {
	name?: string;
	email?: string;
}

export interface WarehouseLookups {
	admins: ReadonlyMap<string, Admin>;
	teams: ReadonlyMap<string, string>;
	/** Fivetran writes UTC without a zone; the mapping's zone overrides it. */
	zone: string;
}

/** Epoch milliseconds when the value reads in the warehouse's zone, else the value as is. */
export function warehouseTime(value: string | undefined, zone: string): unknown {
	if (value === undefined) return undefined;
	const parsed = parseInstant(value, { zone });
	return parsed.ok ? parsed.instant : value;
}

function isTrue(value: string | undefined): boolean {
	return value?.toLowerCase() === 'true';
}

function partMessages(parts: readonly Row[], lookups: WarehouseLookups): DraftMessage[] {
	const messages: DraftMessage[] = [];
	for (const part of parts) {
		if (!hasText(part.body)) continue;
		const admin = part.author_id !== undefined ? lookups.admins.get(part.author_id) : undefined;
		const role = authorRole({ type: part.author_type, email: admin?.email });
		messages.push({
			path: `conversation_part ${part.id}`,
			externalId: part.id,
			role,
			authorId: part.author_id,
			authorName: role === 'customer' ? undefined : admin?.name,
			at: warehouseTime(part.created_at, lookups.zone),
			text: part.body,
			html: true,
			isPublic: !isInternalPart(part.part_type),
			fields: { at: 'created_at', text: 'body' }
		});
	}
	return messages;
}

/** The latest close, for a conversation whose latest state is closed. */
function lastClose(parts: readonly Row[], zone: string): number | undefined {
	let last: number | undefined;
	for (const part of parts) {
		if (part.part_type !== 'close') continue;
		const at = warehouseTime(part.created_at, zone);
		if (typeof at === 'number' && (last === undefined || at > last)) last = at;
	}
	return last;
}

/**
 * A `conversation_rating_created_at` with no value beside it is a survey requested and not
 * answered; with a value, it is when the rating was given (Intercom's reporting guide: the
 * first rating). No rating column filled at all: none was offered.
 */
function csatOf(row: Row, zone: string): DraftCsat | null {
	const value = row.conversation_rating_value;
	const requested = row.conversation_rating_created_at;
	if (value === undefined && requested === undefined) return null;
	return {
		offered: true,
		value,
		scale: '1-5',
		comment: row.conversation_rating_remark,
		answeredAt: value !== undefined ? warehouseTime(requested, zone) : null
	};
}

/** Older syncs have assignee_id + assignee_type; newer ones admin_ and team_assignee_id. */
function assignment(row: Row, lookups: WarehouseLookups) {
	const type = row.assignee_type?.toLowerCase();
	const adminId = assignedId(row.admin_assignee_id ?? (type === 'admin' ? row.assignee_id : null));
	const teamId = assignedId(row.team_assignee_id ?? (type === 'team' ? row.assignee_id : null));
	return {
		assignee: adminId === null ? null : (lookups.admins.get(adminId)?.name ?? adminId),
		team: teamId === null ? null : (lookups.teams.get(teamId) ?? teamId)
	};
}

export interface WarehouseConversation {
	conversation: Row;
	parts: readonly Row[];
	tags: readonly string[];
	/** The customer: the source's author when a contact wrote in, else the first linked one. */
	contactId: string | null;
	contact: Row | null;
}

export function mapWarehouseConversation(
	input: WarehouseConversation,
	lookups: WarehouseLookups
): ConversationDraft {
	const row = input.conversation;
	const zone = lookups.zone;
	const messages: DraftMessage[] = [];
	if (hasText(row.source_body)) {
		const author = { type: row.source_author_type, id: row.source_author_id };
		const admin = author.id !== undefined ? lookups.admins.get(author.id) : undefined;
		const role = sourceRole(row.source_delivered_as, { type: author.type, email: admin?.email });
		messages.push({
			path: 'conversation_history',
			externalId: row.source_id !== undefined ? `source:${row.source_id}` : null,
			role,
			authorId: author.id,
			authorName: role === 'customer' ? input.contact?.name : admin?.name,
			at: warehouseTime(row.created_at, zone),
			text: row.source_body,
			html: true,
			fields: { at: 'created_at', text: 'source_body' }
		});
	}
	messages.push(...partMessages(input.parts, lookups));

	const contact = input.contact;
	return {
		externalId: row.id,
		channel: channelWord(row.source_type),
		identities: [
			{ kind: 'external', value: input.contactId ? `intercom:${input.contactId}` : null },
			{ kind: 'external', value: contact?.external_id },
			{ kind: 'email', value: contact?.email },
			{ kind: 'phone', value: contact?.phone }
		],
		customerName: contact?.name,
		startedAt: warehouseTime(row.created_at, zone),
		updatedAt: warehouseTime(row.updated_at, zone),
		endedAt: row.state?.toLowerCase() === 'closed' ? lastClose(input.parts, zone) : undefined,
		status: row.state,
		tags: [
			...input.tags,
			...aiAgentTags(isTrue(row.ai_agent_participated), row.ai_agent_resolution_state)
		],
		...assignment(row, lookups),
		csat: csatOf(row, zone),
		messages,
		fields: { externalId: 'id', startedAt: 'created_at', endedAt: 'close part created_at' }
	};
}

/**
 * Parts whose conversation is not in this export: they can only add to a conversation an
 * earlier import brought, so they travel as a partial record (rejected with a reason if
 * that conversation is not stored).
 */
export function mapOrphanParts(
	conversationId: string,
	parts: readonly Row[],
	lookups: WarehouseLookups
): ConversationDraft {
	return {
		externalId: conversationId,
		messages: partMessages(parts, lookups),
		partial: true,
		fields: { externalId: 'conversation_id' }
	};
}
