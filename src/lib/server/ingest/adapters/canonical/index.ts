import type { Adapter } from '../../types';
import { readJsonItems, sniffJsonShape, unreadableItem } from '../../readers/json-any';
import { describeIssue } from '../../issues';
import { CanonicalConversation, mapCanonical } from './map';

/** "line 4 (id c17)" when the rejected record still has a readable id to search for. */
function withId(locator: string, value: unknown): string {
	const id =
		typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
	return typeof id === 'string' || typeof id === 'number' ? `${locator} (id ${id})` : locator;
}

export const canonicalAdapter: Adapter = {
	name: 'canonical',
	tool: 'canonical',
	label: 'Parity NDJSON / JSON',
	description: "Parity's own JSON or NDJSON, one conversation per object (docs/formats.md)",
	detect({ sample }) {
		const shape = sniffJsonShape(sample);
		if (!shape) return { confidence: 0, reason: 'not JSON' };
		const head = sample.slice(0, 4096);
		const hasMessages = /"messages"\s*:\s*\[/.test(head);
		const hasRole = /"role"\s*:\s*"(customer|ai|agent|system|staff)"/.test(head);
		const hasCreatedAt = /"created_at"\s*:/.test(head);
		if (hasMessages && hasRole && hasCreatedAt) {
			return {
				confidence: 0.9,
				reason: `${shape === 'ndjson' ? 'NDJSON' : 'JSON'} with messages[].role and created_at`
			};
		}
		// Conversations whose `messages` are all empty (docs/formats/canonical.md allows it)
		// have no role or created_at to show; an id beside an empty list is the format's own shape.
		const emptyMessages = /"messages"\s*:\s*\[\s*\]/.test(head);
		if (emptyMessages && /"id"\s*:/.test(head)) {
			return {
				confidence: 0.7,
				reason: `${shape === 'ndjson' ? 'NDJSON' : 'JSON'} with id and empty messages[]`
			};
		}
		return { confidence: hasMessages ? 0.3 : 0, reason: 'JSON without canonical message fields' };
	},
	async *read(input) {
		for await (const item of readJsonItems(input, { listKeys: ['conversations'] })) {
			if (!item.ok) {
				yield unreadableItem(item);
				continue;
			}
			const parsed = CanonicalConversation.safeParse(item.value);
			if (!parsed.success) {
				yield {
					kind: 'reject',
					locator: withId(item.locator, item.value),
					records: 1,
					reason: describeIssue(parsed.error, item.value),
					raw: item.text
				};
				continue;
			}
			yield {
				kind: 'conversation',
				locator: `${item.locator} (id ${parsed.data.id})`,
				records: 1,
				draft: mapCanonical(parsed.data),
				raw: () => item.text
			};
		}
	}
};
