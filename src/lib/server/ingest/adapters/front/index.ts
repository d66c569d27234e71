import { count } from '../../../../plural';
import { describeIssue } from '../../issues';
import { readJsonItems, sniffJsonShape } from '../../readers/json-any';
import type { Adapter, AdapterItem, Detection } from '../../types';
import { mapConversation } from './map';
import { Conversation } from './schema';

/** Keys of Front's conversation object that no other importer's records carry together. */
const CONVERSATION_KEYS = [
	'"status_category"',
	'"waiting_since"',
	'"scheduled_reminders"',
	'"ticket_ids"',
	'"recipient"'
];
/** Keys of Front's message object. */
const MESSAGE_KEYS = ['"message_uid"', '"draft_mode"', '"blurb"', '"recipients"'];

function found(sample: string, keys: readonly string[]): string[] {
	return keys.filter((key) => sample.includes(key));
}

export function detectFront(sample: string): Detection {
	if (!sniffJsonShape(sample)) return { confidence: 0, reason: 'not JSON' };
	const conversationKeys = found(sample, CONVERSATION_KEYS);
	const messageKeys = found(sample, MESSAGE_KEYS);
	const inbound = /"is_inbound"\s*:/.test(sample);
	// Front's resource links name its API host, and its ids their kind (cnv_, msg_, tea_).
	const frontIds = /api\.frontapp\.com|"cnv_[0-9a-z]+"/.test(sample);
	if (inbound && messageKeys.length >= 2 && (conversationKeys.length >= 2 || frontIds)) {
		return {
			confidence: 0.95,
			reason: `Front conversations with messages (is_inbound, ${messageKeys.slice(0, 2).join(', ')})`
		};
	}
	if (frontIds && conversationKeys.length >= 3) {
		return {
			confidence: 0.9,
			reason: `Front conversations (${conversationKeys.slice(0, 3).join(', ')})`
		};
	}
	return { confidence: 0, reason: 'no Front conversation or message fields' };
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function reject(locator: string, reason: string, raw: string): AdapterItem {
	return { kind: 'reject', locator, records: 1, reason, raw };
}

/**
 * `{"conversation": …, "messages": …, "comments": …, "contact": …}`, as an export script
 * writes GET /conversations/{id} beside its messages, as one conversation.
 */
function unpaired(value: Record<string, unknown>): { record: unknown; prefix: string } {
	if (!isObject(value.conversation)) return { record: value, prefix: '' };
	const record: Record<string, unknown> = { ...value.conversation };
	for (const key of ['messages', 'comments', 'contact']) {
		if (value[key] !== undefined) record[key] = value[key];
	}
	return { record, prefix: 'conversation.' };
}

function readRecord(value: unknown, locator: string, raw: () => string): AdapterItem {
	if (!isObject(value)) return reject(locator, 'not a JSON object', raw());
	if ('is_inbound' in value && !('messages' in value)) {
		return reject(
			locator,
			'a message without its conversation: export each conversation with its messages embedded, or pair them as {"conversation", "messages"}',
			raw()
		);
	}
	const { record, prefix } = unpaired(value);
	const parsed = Conversation.safeParse(record);
	if (!parsed.success) {
		const reason = describeIssue(parsed.error, record);
		const embedded = /^(messages|comments|contact)\b/.test(reason);
		return reject(locator, `${embedded ? '' : prefix}${reason}`, raw());
	}
	const where = `${locator} (conversation ${parsed.data.id})`;
	const mapped = mapConversation(parsed.data);
	if (!mapped.ok) return reject(where, mapped.reason, raw());
	return { kind: 'conversation', locator: where, records: 1, draft: mapped.draft, raw };
}

export const frontAdapter: Adapter = {
	name: 'front',
	tool: 'front',
	label: 'Front API JSON',
	description:
		'Front Core API JSON or NDJSON: conversations with their messages (and comments) embedded or as {"conversation", "messages"}, list pages (_results)',
	detect: ({ sample }) => detectFront(sample),
	async *read(input, context) {
		let bare = 0;
		for await (const entry of readJsonItems(input, { listKeys: ['_results', 'conversations'] })) {
			if (!entry.ok) {
				yield reject(entry.locator, entry.error, entry.text);
				continue;
			}
			const result = readRecord(entry.value, entry.locator, () => entry.text);
			// A conversation fetched alone (a GET /conversations page), not one of drafts only.
			const value = entry.value;
			if (result.kind === 'conversation' && isObject(value) && value.messages == null) bare++;
			yield result;
		}
		if (bare > 0) {
			context.warn(
				`${count(bare, 'conversation')} ${bare === 1 ? 'carries' : 'carry'} no messages (GET /conversations leaves them out): embed each conversation's messages to bring them`
			);
		}
	}
};
