import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from '../../types';
import type { DateDecision } from './date-order';
import { conversationDraft, mapRow, type MappedRow } from './map';
import { CsvPlanError, makePlan, type CsvPlan } from './plan';

function plan(
	headers: string[],
	rows: string[][],
	options: { mapping?: ColumnMapping; dates?: DateDecision; warnings?: string[] } = {}
): CsvPlan {
	const partial = makePlan(headers, rows, {
		fileName: 'test.csv',
		timeZone: 'UTC',
		mapping: options.mapping,
		warn: (message) => options.warnings?.push(message)
	});
	return { ...partial, dates: options.dates ?? { status: 'not-needed', columns: 'test' } };
}

function mapped(p: CsvPlan, rows: string[][]): MappedRow[] {
	return rows.map((fields, i) => {
		const result = mapRow(fields, i + 2, fields.join(','), p);
		if (!result.ok) throw new Error(result.reason);
		return result.row;
	});
}

const HEADERS = ['ticket_id', 'created_at', 'sender', 'sender_name', 'body', 'internal'];
const ROWS = [
	['T1', '2026-03-02 09:00', 'customer', 'Ana', 'My card was declined', 'no'],
	['T1', '2026-03-02 09:01', 'bot', 'Ava', 'Let me check that for you', 'no'],
	['T1', '2026-03-02 09:05', 'agent', 'Sam', 'Card issuer blocked it, call them', 'no'],
	['T1', '2026-03-02 09:06', 'agent', 'Sam', 'escalated to payments team', 'yes']
];

describe('makePlan', () => {
	it('reads one message per row, with "agent" a human when bots are in the column', () => {
		const p = plan(HEADERS, ROWS);
		expect(p).toMatchObject({
			shape: 'messages',
			textColumn: 4,
			publicInverted: true,
			distinguishesBots: true,
			csatScale: null
		});
		expect(
			plan(
				HEADERS,
				ROWS.filter((row) => row[2] !== 'bot')
			).distinguishesBots
		).toBe(false);
	});

	it('reads a column of names under a role header as the author name', () => {
		const warnings: string[] = [];
		const p = plan(
			['conversation_id', 'timestamp', 'from', 'message'],
			[
				['C1', '2026-03-02 09:00', 'Ana Silva', 'Customer: hi, my parcel is late'],
				['C1', '2026-03-02 09:01', 'Sam Lee', 'Agent: sorry, checking now']
			],
			{ warnings }
		);
		expect(p.columns).toMatchObject({ authorName: 2 });
		expect(p.columns.role).toBeUndefined();
		// No role column: the prefixes in the cells say who speaks.
		expect(p.shape).toBe('transcript');
		expect(warnings[0]).toBe(
			"column from holds names, not roles ('Ana Silva', 'Sam Lee'): read as the author's name"
		);
	});

	it('refuses a file where nothing says who wrote each message', () => {
		expect(() =>
			plan(['conversation_id', 'timestamp', 'message'], [['C1', '2026-03-02', 'hello']])
		).toThrow(CsvPlanError);
		expect(() =>
			plan(['conversation_id', 'timestamp', 'message'], [['C1', '2026-03-02', 'hello']])
		).toThrow(
			/Nothing says who wrote each message: no role column .* do not start with speaker prefixes/
		);
	});

	it('refuses a mapping file that names a column the file lacks', () => {
		expect(() => plan(HEADERS, ROWS, { mapping: { columns: { text: 'Message' } } })).toThrow(
			/the mapping file names column "Message" for text, and the file has none/
		);
	});

	it('takes a 0-10 scale from the column when values above 5 appear', () => {
		const p = plan(
			['chat_id', 'started_at', 'transcript', 'score'],
			[
				['1', '2026-03-02 09:00', 'Customer: hi', '9'],
				['2', '2026-03-02 09:00', 'Customer: hi', '3']
			]
		);
		expect(p.csatScale).toBe('0-10');
		expect(
			plan(
				['chat_id', 'started_at', 'transcript', 'score'],
				[['1', '2026-03-02', 'Customer: x', '9']],
				{
					mapping: { columns: {}, csatScale: '1-10' }
				}
			).csatScale
		).toBe('1-10');
	});
});

describe('mapRow', () => {
	const p = plan(HEADERS, ROWS);
	const reason = (fields: string[]) => {
		const result = mapRow(fields, 7, fields.join(','), p);
		return result.ok ? null : result.reason;
	};

	it('turns a row into one message, reading the internal column inverted', () => {
		const result = mapRow(ROWS[3] as string[], 5, 'raw', p);
		expect(result).toEqual({
			ok: true,
			row: {
				conversationId: 'T1',
				line: 5,
				raw: 'raw',
				fields: ROWS[3],
				messages: [
					{
						path: 'line 5',
						externalId: undefined,
						role: 'agent',
						authorId: undefined,
						authorName: 'Sam',
						at: '2026-03-02 09:06',
						text: 'escalated to payments team',
						isPublic: false,
						fields: { at: 'created_at', text: 'body', externalId: 'messageId' }
					}
				]
			}
		});
	});

	it('rejects a row with a reason naming the column and value', () => {
		expect(reason(['', '2026-03-02 09:00', 'customer', 'Ana', 'hi', 'no'])).toBe(
			'ticket_id: missing'
		);
		expect(reason(['T1', '31/02/2026 09:00', 'customer', 'Ana', 'hi', 'no'])).toBe(
			"created_at: not a date: '31/02/2026 09:00'"
		);
		expect(reason(['T1', '2026-03-02 09:00', 'manager', 'Ana', 'hi', 'no'])).toMatch(
			/^sender: unknown role 'manager' \(Parity knows customer\/user.*roleValues\)$/
		);
		expect(reason(['T1', '2026-03-02 09:00', 'customer', 'Ana', 'hi', 'maybe'])).toBe(
			"internal: not yes or no: 'maybe'"
		);
		expect(reason(['T1', '2026-03-02 09:00', 'customer', 'Ana', 'hi, there', 'no', 'x'])).toBe(
			'7 cells where the header has 6 (a delimiter or quote out of place?)'
		);
		// A trailing delimiter is not a shifted row.
		expect(reason(['T1', '2026-03-02 09:00', 'customer', 'Ana', 'hi', 'no', ''])).toBeNull();
	});

	it('says how to fix a date the column left ambiguous', () => {
		const ambiguous = plan(HEADERS, ROWS, {
			dates: { status: 'ambiguous', count: 4, columns: 'column created_at' }
		});
		const result = mapRow(
			['T1', '01/03/2026 09:00', 'customer', 'Ana', 'hi', 'no'],
			3,
			'',
			ambiguous
		);
		expect(result).toEqual({
			ok: false,
			reason:
				"created_at: ambiguous date '01/03/2026 09:00': no date in column created_at has a day above 12, so day-first and month-first both fit; " +
				'set "dateOrder": "dmy" (day first) or "mdy" (month first) in a mapping file (--mapping map.json)'
		});
		const decided = plan(HEADERS, ROWS, {
			dates: { status: 'decided', order: 'dmy', example: '13/03/2026', columns: 'x' }
		});
		expect(
			mapRow(['T1', '01/03/2026 09:00', 'customer', 'Ana', 'hi', 'no'], 3, '', decided).ok
		).toBe(true);
	});

	it('reads a transcript row, matching the customer by name', () => {
		const transcripts = plan(
			['chat_id', 'started_at', 'customer_name', 'transcript'],
			[['1', '2026-03-02 09:00', 'Ana Silva', 'Customer: x']]
		);
		const result = mapRow(
			[
				'C9',
				'2026-03-02 09:00',
				'Ana Silva',
				'[09:01] Ana: hello\n[09:02] Sam Lee: hi Ana\n[09:03] Ana Silva: bye'
			],
			4,
			'',
			transcripts
		);
		expect(
			result.ok &&
				result.row.messages.map((m) => [
					m.role,
					m.authorName,
					new Date(m.at as number).toISOString()
				])
		).toEqual([
			['customer', 'Ana', '2026-03-02T09:01:00.000Z'],
			['staff', 'Sam Lee', '2026-03-02T09:02:00.000Z'],
			['customer', 'Ana Silva', '2026-03-02T09:03:00.000Z']
		]);
		expect(mapRow(['C9', 'soon', 'Ana', 'Customer: hi'], 4, '', transcripts)).toEqual({
			ok: false,
			reason: "started_at: not a date: 'soon'"
		});
		expect(mapRow(['C9', '2026-03-02', 'Ana', '  '], 4, '', transcripts)).toEqual({
			ok: false,
			reason: 'transcript: empty'
		});
	});
});

describe('conversationDraft', () => {
	it('takes conversation values from the last row that has them, and every tag', () => {
		const headers = [
			'ticket_id',
			'created_at',
			'role',
			'body',
			'status',
			'tags',
			'csat',
			'customer_email',
			'channel'
		];
		const rows = [
			[
				'T7',
				'2026-03-02 09:00',
				'customer',
				'hi',
				'open',
				'["billing","vip"]',
				'',
				'a@x.io',
				'Chat'
			],
			['T7', '2026-03-02 09:01', 'agent', 'hello', 'solved', 'billing, refund', '4', 'A@x.io', '']
		];
		const p = plan(headers, rows);
		const draft = conversationDraft(mapped(p, rows), p);
		expect(draft).toMatchObject({
			externalId: 'T7',
			channel: 'Chat',
			status: 'solved',
			tags: 'billing,vip,billing, refund',
			csat: { offered: true, value: '4', scale: null, comment: undefined },
			identities: [
				{ kind: 'email', value: 'a@x.io' },
				{ kind: 'email', value: 'A@x.io' }
			],
			startedAt: undefined,
			fields: { externalId: 'ticket_id', startedAt: 'startedAt', channel: 'channel', tags: 'tags' }
		});
		expect(draft.messages.map((m) => m.text)).toEqual(['hi', 'hello']);
	});
});
