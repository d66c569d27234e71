import { readJsonItems, sniffJsonShape, unreadableItem } from '../../readers/json-any';
import type { Adapter, AdapterItem } from '../../types';
import { describeIssue } from '../../issues';
import { mapConversation, mapTicket } from './map';
import { Conversation, Ticket } from './schema';
import { isPreview } from './vocabulary';

export { intercomWarehouseAdapter } from './warehouse';

/** Keys only Intercom's conversation and ticket objects carry. */
const MARKERS = [
	'"conversation_parts"',
	'"conversation_part"',
	'"delivered_as"',
	'"conversation_rating"',
	'"ai_agent_participated"',
	'"admin_assignee_id"',
	'"team_assignee_id"',
	'"ticket_parts"',
	'"contact.list"',
	'"waiting_since"'
];
const TYPE = /"type"\s*:\s*"(conversation|conversation\.list|ticket|ticket\.list)"/;

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function reject(locator: string, reason: string, raw: string): AdapterItem {
	return { kind: 'reject', locator, records: 1, reason, raw };
}

/** One conversation or ticket object, or the reason it is not one. */
function readRecord(value: unknown, locator: string, text: () => string): AdapterItem {
	if (!isObject(value)) return reject(locator, 'not a JSON object', text());
	const type = value.type;
	const schema =
		type === 'ticket'
			? Ticket
			: type === 'conversation' || type === undefined
				? Conversation
				: null;
	if (schema === null) {
		return reject(
			locator,
			`type: ${JSON.stringify(type)} is not an Intercom conversation or ticket`,
			text()
		);
	}
	const parsed = schema.safeParse(value);
	if (!parsed.success) return reject(locator, describeIssue(parsed.error, value), text());
	const record = parsed.data;
	if (record.type !== 'ticket' && isPreview(record.ai_agent?.source_type)) {
		return reject(
			locator,
			`ai_agent.source_type: '${record.ai_agent?.source_type}' is a teammate previewing Fin, not a customer conversation`,
			text()
		);
	}
	return {
		kind: 'conversation',
		locator: `${locator} (${record.type === 'ticket' ? 'ticket' : 'conversation'} ${record.id})`,
		records: 1,
		draft: record.type === 'ticket' ? mapTicket(record) : mapConversation(record as Conversation),
		raw: text
	};
}

export const intercomAdapter: Adapter = {
	name: 'intercom',
	tool: 'intercom',
	label: 'Intercom API JSON',
	description:
		'Intercom REST API JSON: a conversation, list or search pages (conversation.list), tickets, or an array or NDJSON of them',
	detect({ sample }) {
		const shape = sniffJsonShape(sample);
		if (!shape) return { confidence: 0, reason: 'not JSON' };
		const found = MARKERS.filter((marker) => sample.includes(marker));
		const typed = TYPE.exec(sample);
		if (typed && found.length >= 2) {
			return {
				confidence: 0.95,
				reason: `JSON with "type": "${typed[1]}" and ${found.slice(0, 3).join(', ')}`
			};
		}
		if (found.length >= 3) {
			return {
				confidence: 0.85,
				reason: `JSON with Intercom keys ${found.slice(0, 3).join(', ')}`
			};
		}
		return {
			confidence: typed ? 0.4 : 0,
			reason: typed ? `"type": "${typed[1]}" but no Intercom keys` : 'no Intercom keys'
		};
	},
	async *read(input) {
		for await (const item of readJsonItems(input, { listKeys: ['conversations', 'tickets'] })) {
			if (!item.ok) {
				yield unreadableItem(item);
				continue;
			}
			const value = item.value;
			// An export script that saved whole list pages in an array: each page holds at most
			// a page of records, so it is expanded in memory.
			if (isObject(value) && (value.type === 'conversation.list' || value.type === 'ticket.list')) {
				const key = value.type === 'ticket.list' ? 'tickets' : 'conversations';
				const list = value[key];
				if (!Array.isArray(list)) {
					yield reject(item.locator, `${key}: missing in a ${value.type} page`, item.text);
					continue;
				}
				for (const [index, entry] of list.entries()) {
					yield readRecord(entry, `${item.locator}.${key}[${index}]`, () => JSON.stringify(entry));
				}
				continue;
			}
			yield readRecord(value, item.locator, () => item.text);
		}
	}
};
