import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import {
	conversationQuery,
	parseConversationQuery
} from '../../src/lib/domain/conversation-filters';
import type { DbHandle } from '../../src/lib/server/db/client';
import { listConversations } from '../../src/lib/server/dashboard/conversations';
import { conversationsCsvLines } from '../../src/lib/server/dashboard/conversations-csv';
import { importFiles } from '../../src/lib/server/ingest/service';
import { testDb } from '../helpers/db';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

/**
 * The list in a worst-first order: slowest first reply, longest resolution, angriest ending,
 * those without the value last, newest first among equals; the count is the filter's, not
 * the page's; the CSV download follows the same order.
 */

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 2, 2, 9); // Monday 2 March 2026
const iso = (instant: number) => new Date(instant).toISOString();
const ANGRY = 'This is terrible and awful, I am furious about this horrible service.';
const HAPPY = 'Thank you so much, that is great and very helpful!';

/** id, start (minutes after T0), reply after (minutes; null: none), who replies, last words. */
const CASES: Array<[string, number, number | null, 'agent' | 'ai', string]> = [
	['o1', 0, 10, 'agent', HAPPY],
	['o2', 60, 120, 'agent', ANGRY],
	['o3', 120, null, 'agent', 'Hello? Anyone there about my card?'],
	['o4', 180, 30, 'ai', 'Where is my parcel?'],
	['o5', 240, 0.1, 'ai', HAPPY]
];

let db: DbHandle;

beforeAll(async () => {
	db = testDb();
	const records = CASES.map(([id, start, replyAfter, replier, text]) => {
		const at = T0 + start * MINUTE;
		return {
			id,
			channel: 'chat',
			status: replyAfter === null ? 'open' : 'closed',
			customer: { email: `${id}@example.com` },
			messages: [
				{ role: 'customer', created_at: iso(at), text },
				...(replyAfter === null
					? []
					: [{ role: replier, created_at: iso(at + replyAfter * MINUTE), text: 'Sorted for you.' }])
			]
		};
	});
	// o6: the agent wrote first and the customer never did: no first response, no sentiment.
	records.push({
		id: 'o6',
		channel: 'chat',
		status: 'open',
		customer: { email: 'o6@example.com' },
		messages: [{ role: 'agent', created_at: iso(T0 + 300 * MINUTE), text: 'Your card is ready.' }]
	});
	const [report] = await importFiles(db, [writeFile(scratchDir(), 'o.ndjson', ndjson(records))]);
	expect(report?.status).toBe('done');
}, 60_000);

function listed(query: string) {
	const { filters, position } = parseConversationQuery(new URLSearchParams(query));
	const list = listConversations(db, filters, position);
	return { ids: list.rows.map((row) => row.externalId), list, filters };
}

describe('the list in a worst-first order', () => {
	it('reads and writes the order in the address, and it is no filter', () => {
		const { filters } = listed('order=first-response&week=2026-W10');
		expect(filters.order).toBe('first-response');
		expect(conversationQuery(filters)).toBe('?week=2026-W10&order=first-response');
		expect(parseConversationQuery(new URLSearchParams('order=fastest')).ignored).toEqual([
			'order=fastest'
		]);
	});

	it('puts the slowest first reply first and those nobody waited on last', () => {
		const { ids, list } = listed('order=first-response');
		// replies after 120, 30, 10 and 0.1 minutes; o6 (agent first), o3 (never answered)
		expect(ids).toEqual(['o2', 'o4', 'o1', 'o5', 'o6', 'o3']);
		expect(list.count).toBe(6);
		expect(list.older).toBeNull();
		expect(listed('').ids).toEqual(['o6', 'o5', 'o4', 'o3', 'o2', 'o1']);
	});

	it('puts the angriest ending first and a conversation with no customer words last', () => {
		const { ids, list } = listed('order=end-sentiment');
		expect(ids[0]).toBe('o2');
		expect(ids.at(-1)).toBe('o6');
		const ends = list.rows.slice(0, -1).map((row) => row.sentiment.end!);
		expect(ends).toEqual([...ends].sort((a, b) => a - b));
	});

	it('puts the open conversations last by resolution time', () => {
		const { ids } = listed('order=resolution');
		expect(ids.slice(-2).sort()).toEqual(['o3', 'o6']);
	});

	it('keeps to the filters, whichever index finds them', () => {
		expect(listed('order=first-response&handler=ai').ids).toEqual(['o4', 'o5']);
		expect(listed('order=first-response&q=card').ids).toEqual(['o6', 'o3']);
		expect(listed('order=first-response&signal=escalated').ids).toEqual([]);
	});

	it('downloads every match in the same order', () => {
		const { filters } = parseConversationQuery(new URLSearchParams('order=first-response'));
		const text = [...conversationsCsvLines(db, filters, 'https://p.example', 4)].join('');
		const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[];
		expect(rows.map((row) => row.external_id)).toEqual(['o2', 'o4', 'o1', 'o5', 'o6', 'o3']);
		expect(rows.map((row) => row.first_response_seconds)).toEqual([
			'7200',
			'1800',
			'600',
			'6',
			'',
			''
		]);
	});
});
