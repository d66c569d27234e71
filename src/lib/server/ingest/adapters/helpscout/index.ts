import { count } from '../../../../plural';
import { describeIssue } from '../../issues';
import { readJsonItems, sniffJsonShape } from '../../readers/json-any';
import type { Adapter, AdapterItem, Detection } from '../../types';
import { mapConversation } from './map';
import { Conversation } from './schema';

/** Keys Help Scout's conversation objects carry (2.0, then 1.0). */
const V2_KEYS = ['"mailboxId"', '"primaryCustomer"', '"customerWaitingSince"', '"userUpdatedAt"'];
const V1_KEYS = ['"threadCount"', '"folderId"', '"isDraft"', '"modifiedAt"'];

export function detectHelpScout(sample: string): Detection {
	const shape = sniffJsonShape(sample);
	if (!shape) return { confidence: 0, reason: 'not JSON' };
	const createdBy = /"createdBy"\s*:/.test(sample);
	const v2 = V2_KEYS.filter((key) => sample.includes(key));
	const v1 = V1_KEYS.filter((key) => sample.includes(key));
	if (createdBy && v2.length >= 2) {
		return {
			confidence: 0.95,
			reason: `Help Scout conversations (createdBy, ${v2.slice(0, 2).join(', ')})`
		};
	}
	if (createdBy && v1.length >= 2) {
		return {
			confidence: 0.95,
			reason: `Help Scout API 1.0 conversations (createdBy, ${v1.slice(0, 2).join(', ')})`
		};
	}
	if (createdBy && /"source"\s*:\s*\{\s*"type"\s*:\s*"[a-z]+"\s*,\s*"via"\s*:/.test(sample)) {
		return { confidence: 0.8, reason: 'Help Scout threads (createdBy, source.via)' };
	}
	return { confidence: 0, reason: 'no Help Scout conversation fields' };
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function reject(locator: string, reason: string, raw: string): AdapterItem {
	return { kind: 'reject', locator, records: 1, reason, raw };
}

function readRecord(value: unknown, locator: string, raw: () => string): AdapterItem {
	if (!isObject(value)) return reject(locator, 'not a JSON object', raw());
	const parsed = Conversation.safeParse(value);
	if (!parsed.success) return reject(locator, describeIssue(parsed.error, value), raw());
	const mapped = mapConversation(parsed.data);
	if (!mapped.ok)
		return reject(`${locator} (conversation ${parsed.data.id})`, mapped.reason, raw());
	return {
		kind: 'conversation',
		locator: `${locator} (conversation ${parsed.data.id})`,
		records: 1,
		draft: mapped.draft,
		raw
	};
}

export const helpscoutAdapter: Adapter = {
	name: 'helpscout',
	tool: 'helpscout',
	label: 'Help Scout API JSON',
	description:
		'Help Scout Mailbox API JSON or NDJSON: conversations with embed=threads, list pages (_embedded.conversations), or API 1.0 item/items',
	detect: ({ sample }) => detectHelpScout(sample),
	async *read(input, context) {
		let bare = 0;
		// A conversation fetched without embed=threads, not one whose threads are all events.
		const counted = (result: AdapterItem, value: unknown) => {
			if (result.kind === 'conversation' && isObject(value)) {
				const embedded = isObject(value._embedded) ? value._embedded.threads : undefined;
				if (!Array.isArray(embedded) && !Array.isArray(value.threads)) bare++;
			}
			return result;
		};
		for await (const entry of readJsonItems(input, { listKeys: ['items', 'conversations'] })) {
			if (!entry.ok) {
				yield reject(entry.locator, entry.error, entry.text);
				continue;
			}
			const value = entry.value;
			// API 1.0's single conversation comes wrapped: {"item": {…}}.
			if (isObject(value) && isObject(value.item)) {
				const inner = value.item;
				yield counted(
					readRecord(inner, `${entry.locator}.item`, () => entry.text),
					inner
				);
				continue;
			}
			// A 2.0 list page nests its conversations under _embedded; a page holds at most 50.
			const embedded = isObject(value) && isObject(value._embedded) ? value._embedded : null;
			if (embedded && Array.isArray(embedded.conversations)) {
				for (const [index, conversation] of embedded.conversations.entries()) {
					yield counted(
						readRecord(conversation, `${entry.locator}._embedded.conversations[${index}]`, () =>
							JSON.stringify(conversation)
						),
						conversation
					);
				}
				continue;
			}
			yield counted(
				readRecord(value, entry.locator, () => entry.text),
				value
			);
		}
		if (bare > 0) {
			context.warn(
				`${count(bare, 'conversation')} ${bare === 1 ? 'carries' : 'carry'} no threads (list pages leave them out): fetch each with embed=threads to bring the messages`
			);
		}
	}
};
