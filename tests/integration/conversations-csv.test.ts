import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConversationQuery } from '../../src/lib/domain/conversation-filters';
import type { DbHandle } from '../../src/lib/server/db/client';
import { setSetting } from '../../src/lib/server/db/repos/settings';
import { listConversations } from '../../src/lib/server/dashboard/conversations';
import {
	CONVERSATION_CSV_COLUMNS,
	conversationsCsvLines,
	conversationsCsvName
} from '../../src/lib/server/dashboard/conversations-csv';
import { importFiles } from '../../src/lib/server/ingest/service';
import { testDb } from '../helpers/db';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

/**
 * The transcript list's download: every conversation the filters match (not one page), the
 * facts of each as the list shows them, read back with a CSV parser.
 */

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 2, 9); // Monday 2 March 2026, 09:00 UTC (10:00 in Berlin)
const iso = (instant: number) => new Date(instant).toISOString();
const ORIGIN = 'https://parity.example.com';

// An export's ids are data: one that a spreadsheet would run as a formula.
const idOf = (n: number) => (n === 2 ? '=HYPERLINK("http://evil.example")' : `c${n}`);

function conversation(n: number) {
	const start = T0 + n * HOUR;
	const ai = n % 3 === 0;
	return {
		id: idOf(n),
		channel: n % 2 ? 'email' : 'chat',
		status: 'closed',
		customer: { email: `customer${n}@example.com`, name: `Customer ${n}` },
		csat: n === 1 ? { scale: '1-5', offered: true, score: 2 } : undefined,
		messages: [
			{
				role: 'customer',
				created_at: iso(start),
				text: n === 4 ? 'This is useless, I want to speak to a human.' : 'Where is my refund?'
			},
			{ role: ai ? 'ai' : 'agent', created_at: iso(start + 90_000), text: 'Let me check.' }
		]
	};
}

let db: DbHandle;

beforeAll(async () => {
	db = testDb();
	setSetting(db, 'org.timeZone', 'Europe/Berlin');
	const records = Array.from({ length: 12 }, (_, i) => conversation(i + 1));
	const [report] = await importFiles(db, [writeFile(scratchDir(), 'week.ndjson', ndjson(records))]);
	expect(report?.status).toBe('done');
}, 60_000);

function download(query: string, pageSize?: number) {
	const { filters } = parseConversationQuery(new URLSearchParams(query));
	const text = [...conversationsCsvLines(db, filters, ORIGIN, pageSize)].join('');
	expect(text.startsWith('\uFEFF')).toBe(true);
	const rows = parse(text.slice(1), { columns: true }) as Record<string, string>[];
	return { rows, filters, text };
}

describe('the transcript list as CSV', () => {
	it('holds every match, newest first, across pages, with the list’s count', () => {
		const { rows, filters } = download('week=2026-W10', 5);
		expect(rows).toHaveLength(12);
		expect(rows.map((row) => (row.external_id ?? '').replace(/^'/, ''))).toEqual(
			Array.from({ length: 12 }, (_, i) => idOf(12 - i))
		);
		expect(rows.length).toBe(listConversations(db, filters).count);
		expect(Object.keys(rows[0]!)).toEqual([...CONVERSATION_CSV_COLUMNS]);
	});

	it('writes one conversation’s facts as the list shows them, in the organisation’s zone', () => {
		const { rows } = download('week=2026-W10');
		const first = rows.find((row) => row.external_id === 'c1')!;
		expect(first).toMatchObject({
			link: `${ORIGIN}/conversations/${first.conversation}`,
			started_local: '2026-03-02 11:00',
			started_utc: '2026-03-02T10:00:00.000Z',
			week: '2026-W10',
			channel: 'Email',
			handled_by: 'Human',
			messages: '2',
			csat: 'not satisfied',
			csat_score_1_5: '2',
			first_response_seconds: '90',
			came_back: 'no'
		});
		expect(rows.find((row) => row.external_id === 'c3')!.handled_by).toBe('AI');
		expect(rows.find((row) => row.external_id === 'c4')!.signals).toBe(
			'Asked for a human; “This is useless”'
		);
	});

	it('keeps to the filters, and a file name says which', () => {
		const { rows, filters } = download('week=2026-W10&handler=ai&channel=chat');
		// AI: c3, c6, c9, c12; chat: even numbers
		expect(rows.map((row) => row.external_id)).toEqual(['c12', 'c6']);
		expect(conversationsCsvName(filters)).toBe('conversations-2026-w10-ai-chat.csv');
		expect(download('subset=frustrated').rows.map((row) => row.external_id)).toEqual(['c4']);
	});

	it('carries no customer name, address or text, and defuses formulas from imported data', () => {
		const { text, rows } = download('');
		expect(text).not.toMatch(/customer\d+@example\.com|Customer \d|refund/);
		// Written with a leading apostrophe: shown as text, never evaluated.
		expect(rows.map((row) => row.external_id)).toContain(`'${idOf(2)}`);
		expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
	});

	it('is the header alone when nothing matches', () => {
		expect(download('source=nowhere').rows).toEqual([]);
		expect(download('q=%22no+such+words%22').rows).toEqual([]);
	});
});
