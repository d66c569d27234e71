import { count } from '../../../../plural';
import { describeIssue } from '../../issues';
import { readJsonItems, sniffJsonShape } from '../../readers/json-any';
import type { Adapter, AdapterItem, Detection } from '../../types';
import { mapRating, mapTicket, type Mapped } from './map';
import { SatisfactionRating, Ticket } from './schema';

/**
 * Keys of Freshdesk's ticket object that Zendesk's lacks (Zendesk tickets have
 * `requester_id` too, and `submitter_id`, which Freshdesk's do not).
 */
const TICKET_KEYS = [
	'"responder_id"',
	'"fr_due_by"',
	'"description_text"',
	'"is_escalated"',
	'"fr_escalated"',
	'"due_by"'
];
/** Keys of Freshdesk's conversation object. */
const CONVERSATION_KEYS = ['"body_text"', '"incoming"', '"private"', '"from_email"'];

function found(sample: string, keys: readonly string[]): string[] {
	return keys.filter((key) => sample.includes(key));
}

export function detectFreshdesk(sample: string): Detection {
	const shape = sniffJsonShape(sample);
	if (!shape) return { confidence: 0, reason: 'not JSON' };
	if (/"submitter_id"\s*:/.test(sample)) return { confidence: 0, reason: 'a Zendesk ticket' };
	const ticketKeys = found(sample, TICKET_KEYS);
	const conversationKeys = found(sample, CONVERSATION_KEYS);
	const requester = /"requester_id"\s*:/.test(sample);
	if (requester && ticketKeys.length >= 2) {
		return {
			confidence: 0.95,
			reason: `Freshdesk tickets (requester_id, ${ticketKeys.slice(0, 2).join(', ')})`
		};
	}
	if (requester && conversationKeys.length >= 3) {
		return {
			confidence: 0.9,
			reason: `Freshdesk tickets with conversations (${conversationKeys.slice(0, 3).join(', ')})`
		};
	}
	if (/"ratings"\s*:\s*\{/.test(sample) && /"(default_question|survey_id)"\s*:/.test(sample)) {
		return { confidence: 0.9, reason: 'Freshdesk satisfaction ratings (ratings.default_question)' };
	}
	return { confidence: 0, reason: 'no Freshdesk ticket, conversation or rating fields' };
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function reject(locator: string, reason: string, raw: string): AdapterItem {
	return { kind: 'reject', locator, records: 1, reason, raw };
}

function item(locator: string, mapped: Mapped, raw: () => string, what: string): AdapterItem {
	if (!mapped.ok) return reject(locator, mapped.reason, raw());
	return {
		kind: 'conversation',
		locator: `${locator} (${what})`,
		records: 1,
		draft: mapped.draft,
		raw
	};
}

/** One record of a file: a ticket, a ticket paired with its conversations, or a rating. */
function readRecord(value: unknown, locator: string, raw: () => string): AdapterItem {
	if (!isObject(value)) return reject(locator, 'not a JSON object', raw());
	if (isObject(value.ticket)) {
		const parsed = Ticket.safeParse(value.ticket);
		if (!parsed.success)
			return reject(locator, `ticket.${describeIssue(parsed.error, value.ticket)}`, raw());
		const conversations = value.conversations;
		if (conversations !== undefined && conversations !== null && !Array.isArray(conversations)) {
			return reject(locator, 'conversations: not a list', raw());
		}
		const mapped = mapTicket(parsed.data, conversations ?? undefined);
		return item(locator, mapped, raw, `ticket ${parsed.data.id}`);
	}
	if ('ratings' in value && 'ticket_id' in value) {
		const parsed = SatisfactionRating.safeParse(value);
		if (!parsed.success) return reject(locator, describeIssue(parsed.error, value), raw());
		return item(locator, mapRating(parsed.data), raw, `rating of ticket ${parsed.data.ticket_id}`);
	}
	if (!('requester_id' in value) && ('incoming' in value || 'body_text' in value)) {
		return reject(
			locator,
			'a conversation without its ticket: export tickets with include=conversations, or pair each ticket with its conversations',
			raw()
		);
	}
	const parsed = Ticket.safeParse(value);
	if (!parsed.success) return reject(locator, describeIssue(parsed.error, value), raw());
	return item(locator, mapTicket(parsed.data), raw, `ticket ${parsed.data.id}`);
}

export const freshdeskAdapter: Adapter = {
	name: 'freshdesk',
	tool: 'freshdesk',
	label: 'Freshdesk API JSON',
	description:
		'Freshdesk API v2 JSON or NDJSON: tickets with their conversations (embedded, or as {"ticket", "conversations"}), ticket lists, satisfaction ratings',
	detect: ({ sample }) => detectFreshdesk(sample),
	async *read(input, context) {
		let bare = 0;
		for await (const entry of readJsonItems(input, {
			listKeys: ['tickets', 'satisfaction_ratings']
		})) {
			if (!entry.ok) {
				yield reject(entry.locator, entry.error, entry.text);
				continue;
			}
			const result = readRecord(entry.value, entry.locator, () => entry.text);
			if (result.kind === 'conversation' && !result.draft.partial) {
				if (!result.draft.messages.some((message) => message.path !== 'ticket')) bare++;
			}
			yield result;
		}
		if (bare > 0) {
			context.warn(
				`${count(bare, 'ticket')} ${bare === 1 ? 'carries' : 'carry'} no conversations (ticket lists do not): only their descriptions were imported; ` +
					'export each ticket with include=conversations to bring the replies'
			);
		}
	}
};
