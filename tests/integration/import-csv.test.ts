import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/lib/server/db/client';
import { setSetting } from '../../src/lib/server/db/repos/settings';
import { parseMapping } from '../../src/lib/server/ingest/mapping';
import { importFiles } from '../../src/lib/server/ingest/service';
import type { ColumnMapping } from '../../src/lib/server/ingest/types';
import { dumpTables, testDb } from '../helpers/db';
import { scratchDir, writeFile } from '../helpers/files';

const FIXTURES = join(import.meta.dirname, '../fixtures/csv');
const fixture = (name: string) => join(FIXTURES, name);

function mappingFile(name: string): ColumnMapping {
	const parsed = parseMapping(readFileSync(fixture(name), 'utf8'));
	if (!parsed.ok) throw new Error(parsed.error);
	return parsed.mapping;
}

interface MessageRow {
	role: string;
	role_origin: string;
	author_name: string | null;
	at: string;
	body: string;
}

function messagesOf(db: DbHandle, externalId: string): MessageRow[] {
	return db.sqlite
		.prepare(
			`SELECT m.role, m.role_origin, m.author_name,
			        strftime('%Y-%m-%dT%H:%M:%SZ', m.created_at / 1000, 'unixepoch') AS at, m.body
			   FROM messages m JOIN conversations c ON c.id = m.conversation_id
			  WHERE c.external_id = ? ORDER BY m.created_at, m.id`
		)
		.all(externalId) as MessageRow[];
}

function conversation(db: DbHandle, externalId: string) {
	return db.sqlite
		.prepare(
			`SELECT handler, channel, status, tags, assignee, csat_value, csat_scale, message_count,
			        identities, customer_name,
			        strftime('%Y-%m-%dT%H:%M:%SZ', started_at / 1000, 'unixepoch') AS started,
			        strftime('%Y-%m-%dT%H:%M:%SZ', ended_at / 1000, 'unixepoch') AS ended
			   FROM conversations WHERE external_id = ?`
		)
		.get(externalId) as Record<string, unknown> | undefined;
}

function rejects(db: DbHandle) {
	return db.sqlite.prepare('SELECT locator, reason FROM rejects ORDER BY id').all() as Array<{
		locator: string;
		reason: string;
	}>;
}

describe('CSV import, one message per row', () => {
	it('imports a help-desk export: counts, bodies, handlers, merged fragments, rejects', async () => {
		const db = testDb();
		const [report] = await importFiles(db, [fixture('helpdesk-messages.csv')]);
		expect(report).toMatchObject({ status: 'done', format: 'csv', encoding: 'utf-8' });
		// 22 rows: 2 rejected (lines 16, 17); 20 in 7 runs of rows: T-1004 comes twice.
		expect(report?.counts).toEqual({
			recordsRead: 22,
			recordsImported: 20,
			recordsDuplicate: 0,
			recordsRejected: 2,
			conversationsCreated: 6,
			conversationsUpdated: 1,
			messagesImported: 20
		});
		expect(report?.warnings).toEqual([
			"dates in column Created At read day-first (the whole file decided it, e.g. '13/03/2026 08:30')"
		]);
		expect(rejects(db)).toEqual([
			{
				locator: 'line 16',
				reason: '12 cells where the header has 11 (a delimiter or quote out of place?)'
			},
			{ locator: 'line 17', reason: "Created At: not a date: '31/02/2026 16:45'" }
		]);

		const handlers = db.sqlite
			.prepare('SELECT external_id, handler FROM conversations ORDER BY external_id')
			.all();
		expect(handlers).toEqual([
			{ external_id: 'T-1001', handler: 'ai' },
			{ external_id: 'T-1002', handler: 'hybrid' },
			{ external_id: 'T-1003', handler: 'human' },
			{ external_id: 'T-1004', handler: 'hybrid' },
			{ external_id: 'T-1005', handler: 'human' },
			{ external_id: 'T-1006', handler: 'ai' }
		]);

		// The quoted cell keeps its line break, its commas and its doubled quotes.
		expect(messagesOf(db, 'T-1003')).toEqual([
			{
				role: 'customer',
				role_origin: 'tool',
				author_name: 'Léa Dubois',
				at: '2026-03-13T08:30:00Z',
				body: 'Bonjour,\nI can\'t log in since the update. The app says "session expired" every time.'
			},
			{
				role: 'agent',
				role_origin: 'tool',
				author_name: 'Tom Baker',
				at: '2026-03-13T10:05:00Z',
				body: 'Hi Léa, sorry for the trouble. Please update to version 4.2.1, which fixes the session bug. Let me know if it persists.'
			}
		]);

		// T-1004's rows came in two runs (lines 13-14, then 19-20): one conversation.
		expect(messagesOf(db, 'T-1004').map((m) => [m.role, m.at])).toEqual([
			['customer', '2026-03-16T11:00:00Z'],
			['ai', '2026-03-16T11:00:00Z'],
			['customer', '2026-03-16T11:04:00Z'],
			['agent', '2026-03-16T11:20:00Z']
		]);
		expect(conversation(db, 'T-1004')).toMatchObject({
			handler: 'hybrid',
			message_count: 4,
			started: '2026-03-16T11:00:00Z',
			ended: '2026-03-16T11:20:00Z',
			csat_value: '2',
			csat_scale: '1-5',
			status: 'solved'
		});
		// The two rejected rows of T-1005 are left out; its other two rows make it.
		expect(messagesOf(db, 'T-1005').map((m) => m.body)).toEqual([
			"The invoice PDF won't download.",
			"I've emailed you the invoice as an attachment."
		]);
		expect(conversation(db, 'T-1001')).toMatchObject({
			channel: 'chat',
			tags: '["billing","refund"]',
			csat_value: '5',
			identities: '["email:hannah.becker@example.com"]',
			assignee: null
		});
		expect(conversation(db, 'T-1003')).toMatchObject({
			channel: 'email',
			csat_value: null,
			status: 'open',
			assignee: 'Tom Baker'
		});
	});

	it('changes nothing when the same file is imported again', async () => {
		const db = testDb();
		await importFiles(db, [fixture('helpdesk-messages.csv')]);
		const before = dumpTables(db);
		const [again] = await importFiles(db, [fixture('helpdesk-messages.csv')]);
		expect(again?.counts).toEqual({
			recordsRead: 22,
			recordsImported: 0,
			recordsDuplicate: 20,
			recordsRejected: 2,
			conversationsCreated: 0,
			conversationsUpdated: 0,
			messagesImported: 0
		});
		expect(dumpTables(db)).toEqual(before);
	});

	it('reads an unusual header through a mapping file, and explains what is missing without one', async () => {
		const db = testDb();
		const [failed] = await importFiles(db, [fixture('odd-headers.csv')]);
		expect(failed?.status).toBe('failed');
		expect(failed?.error).toContain(
			'odd-headers.csv: cannot tell which columns hold the conversations. Headers found: "Case Ref", "Who", "Name", "When", "Said".'
		);
		expect(failed?.error).toContain(
			'Missing: conversation id (e.g. ticket_id, conversation_id, case_id, chat_id); message text or transcript'
		);
		expect(failed?.error).toMatch(
			/--mapping map\.json, for example: \{"columns":\{"conversationId":/
		);
		expect(db.sqlite.prepare('SELECT COUNT(*) AS n FROM conversations').get()).toEqual({ n: 0 });

		const [report] = await importFiles(db, [fixture('odd-headers.csv')], {
			mapping: mappingFile('odd-headers.mapping.json')
		});
		expect(report?.counts).toMatchObject({
			recordsRead: 6,
			recordsImported: 6,
			conversationsCreated: 2
		});
		// Zone-less times are Oslo wall times (UTC+1 in March); "Robot" is the mapping's bot.
		expect(messagesOf(db, 'K-77').map((m) => [m.role, m.role_origin, m.author_name, m.at])).toEqual(
			[
				['customer', 'tool', 'Ingrid Olsen', '2026-03-10T13:00:00Z'],
				['ai', 'tool', 'Helper', '2026-03-10T13:00:00Z'],
				['customer', 'tool', 'Ingrid Olsen', '2026-03-10T13:01:00Z'],
				['agent', 'tool', 'Nils Berg', '2026-03-10T13:30:00Z']
			]
		);
		expect(conversation(db, 'K-77')?.handler).toBe('hybrid');
		expect(conversation(db, 'K-78')?.handler).toBe('ai');
	});
});

describe('CSV import, one conversation per row', () => {
	it('splits transcripts on speaker prefixes, with their times', async () => {
		const db = testDb();
		const [report] = await importFiles(db, [fixture('chat-transcripts.csv')]);
		expect(report?.counts).toEqual({
			recordsRead: 5,
			recordsImported: 4,
			recordsDuplicate: 0,
			recordsRejected: 1,
			conversationsCreated: 4,
			conversationsUpdated: 0,
			messagesImported: 18
		});
		expect(rejects(db)).toEqual([
			{
				locator: 'line 22',
				reason:
					'Transcript: no speaker lines (expected lines like "Customer: …", "[10:02] Agent: …" or "2026-03-01 10:02:11 - Maria Lopez: …")'
			}
		]);

		const c501 = messagesOf(db, 'C-501');
		expect(c501.map((m) => [m.role, m.author_name, m.at])).toEqual([
			['customer', null, '2026-03-05T10:02:00Z'],
			['ai', null, '2026-03-05T10:02:00Z'],
			['customer', null, '2026-03-05T10:03:00Z'],
			['ai', null, '2026-03-05T10:03:00Z'],
			['agent', 'Daniel', '2026-03-05T10:05:00Z'],
			['customer', null, '2026-03-05T10:06:00Z']
		]);
		// A line without a prefix continues the message before it.
		expect(c501[4]?.body).toBe(
			"Hi Emma, I checked the code: it expired yesterday. I've applied a 20% discount to your cart manually.\nOrder total is now €64.00."
		);
		expect(conversation(db, 'C-501')).toMatchObject({
			handler: 'hybrid',
			channel: 'chat',
			csat_value: '5',
			customer_name: 'Emma Schmidt',
			started: '2026-03-05T10:01:47Z',
			ended: '2026-03-05T10:06:00Z'
		});

		// Full dates in the prefixes; the customer is known by name, the agent by the rules.
		expect(messagesOf(db, 'C-502')).toEqual([
			{
				role: 'system',
				role_origin: 'tool',
				author_name: null,
				at: '2026-03-05T23:58:10Z',
				body: 'Chat started: 2026-03-05 23:58 UTC'
			},
			{
				role: 'customer',
				role_origin: 'tool',
				author_name: 'Oliver Grant',
				at: '2026-03-05T23:58:30Z',
				body: 'Is the store open on Sunday?'
			},
			{
				role: 'agent',
				role_origin: 'rules',
				author_name: 'Maria Lopez',
				at: '2026-03-05T23:59:02Z',
				body: 'Hi Oliver! Yes, Sunday 10:00–16:00.'
			},
			{
				role: 'customer',
				role_origin: 'tool',
				author_name: 'Oliver Grant',
				at: '2026-03-06T00:00:15Z',
				body: 'Great, thanks.'
			}
		]);
		expect(conversation(db, 'C-502')?.handler).toBe('human');

		// 12-hour clocks past midnight move to the next day.
		expect(messagesOf(db, 'C-503').map((m) => [m.role, m.at])).toEqual([
			['customer', '2026-03-06T23:55:40Z'],
			['ai', '2026-03-06T23:56:02Z'],
			['customer', '2026-03-06T23:58:30Z'],
			['ai', '2026-03-07T00:01:05Z']
		]);
		expect(conversation(db, 'C-503')).toMatchObject({ handler: 'ai', channel: 'messaging' });

		// No times at all: every turn at the row's start, in order; "Note:" stays text.
		const c504 = messagesOf(db, 'C-504');
		expect(c504.map((m) => [m.role, m.at])).toEqual([
			['customer', '2026-03-07T09:00:00Z'],
			['agent', '2026-03-07T09:00:00Z'],
			['customer', '2026-03-07T09:00:00Z'],
			['agent', '2026-03-07T09:00:00Z']
		]);
		expect(c504[3]?.body).toBe(
			"Done. Your next invoice will use the new address.\nNote: invoices already issued can't be changed."
		);
		expect(conversation(db, 'C-504')).toMatchObject({ handler: 'human', channel: 'email' });

		const [again] = await importFiles(db, [fixture('chat-transcripts.csv')]);
		expect(again?.counts).toMatchObject({ recordsDuplicate: 4, recordsRejected: 1 });
	});
});

describe('CSV dates decided from the whole column', () => {
	it('rejects dates that read both ways, saying how to fix it, and reads them with dateOrder', async () => {
		const db = testDb();
		const [report] = await importFiles(db, [fixture('ambiguous-dates.csv')]);
		// A-3's dates (03/03) read the same both ways; A-1's and A-2's do not.
		expect(report?.counts).toMatchObject({ recordsImported: 2, recordsRejected: 4 });
		expect(rejects(db)[0]).toEqual({
			locator: 'line 2',
			reason:
				"timestamp: ambiguous date '01/03/2026 10:00': no date in column timestamp has a day above 12, so day-first and month-first both fit; " +
				'set "dateOrder": "dmy" (day first) or "mdy" (month first) in a mapping file (--mapping map.json)'
		});

		const [fixed] = await importFiles(db, [fixture('ambiguous-dates.csv')], {
			mapping: mappingFile('ambiguous-dates.mapping.json')
		});
		expect(fixed?.counts).toMatchObject({ recordsImported: 4, recordsDuplicate: 2 });
		expect(messagesOf(db, 'A-1')[0]?.at).toBe('2026-01-03T10:00:00Z');
		expect(messagesOf(db, 'A-2')[0]?.at).toBe('2026-05-03T16:20:00Z');
	});

	it('reads the whole file when the first rows cannot decide', async () => {
		const db = testDb();
		// 2,000 rows dated 01/02/2026 (day or month first?) fill more than the 64 KB sample;
		// only the last row, 13/02/2026, says day-first.
		const rows = ['ticket_id,created_at,role,body'];
		for (let i = 0; i < 2000; i++) {
			rows.push(`T${i},01/02/2026 10:00,customer,Hello there — my order has not arrived yet ${i}`);
		}
		rows.push('T-last,13/02/2026 10:00,customer,Last one');
		const file = writeFile(scratchDir(), 'long.csv', rows.join('\n') + '\n');
		expect(readFileSync(file).length).toBeGreaterThan(64 * 1024);
		const [report] = await importFiles(db, [file]);
		expect(report?.counts).toMatchObject({ recordsImported: 2001, recordsRejected: 0 });
		expect(messagesOf(db, 'T0')[0]?.at).toBe('2026-02-01T10:00:00Z');
		expect(messagesOf(db, 'T-last')[0]?.at).toBe('2026-02-13T10:00:00Z');
	});

	it('reads zone-less times in the import zone setting', async () => {
		const db = testDb();
		setSetting(db, 'import.timeZone', 'America/New_York');
		await importFiles(db, [fixture('chat-transcripts.csv')]);
		expect(conversation(db, 'C-501')?.started).toBe('2026-03-05T15:01:47Z');
		expect(messagesOf(db, 'C-501')[0]?.at).toBe('2026-03-05T15:02:00Z');
	});
});

describe('CSV import keeps fragments of one conversation together', () => {
	it('merges a conversation longer than one fragment', async () => {
		const db = testDb();
		const rows = ['conversation_id,timestamp,sender,message'];
		for (let i = 0; i < 2500; i++) {
			const at = new Date(Date.UTC(2026, 2, 2, 9) + i * 1000).toISOString();
			rows.push(`long,${at},${i % 2 ? 'agent' : 'customer'},message ${i}`);
		}
		const file = writeFile(scratchDir(), 'long-conversation.csv', rows.join('\n'));
		const [report] = await importFiles(db, [file]);
		expect(report?.counts).toMatchObject({
			recordsImported: 2500,
			conversationsCreated: 1,
			conversationsUpdated: 1,
			messagesImported: 2500
		});
		expect(conversation(db, 'long')).toMatchObject({ message_count: 2500, handler: 'human' });
	});
});

describe('CSV encodings, delimiters, line ends and gzip', () => {
	const header = 'ticket_id,created_at,sender,message';
	const first = 'E-1,2026-03-02T09:00:00Z,customer,Café “Le Petit” charged me €12.50 twice';
	const second =
		'E-1,2026-03-02T09:01:00Z,agent,Désolé! I’ve refunded the €12.50 — it’s on its way.';
	const bodies = [
		'Café “Le Petit” charged me €12.50 twice',
		'Désolé! I’ve refunded the €12.50 — it’s on its way.'
	];
	const text = [header, first, second].join('\n') + '\n';
	const utf8 = (value: string) => Buffer.from(value, 'utf8');
	const cp1252 = (value: string) => iconv.encode(value, 'windows-1252');

	const mixed = (lines: Buffer[]) => Buffer.concat(lines);
	const cases: Array<[string, string, Buffer, string]> = [
		['UTF-8 with BOM', 'bom.csv', utf8('\uFEFF' + text), 'utf-8-bom'],
		['UTF-16 LE with BOM', 'utf16le.csv', iconv.encode('\uFEFF' + text, 'utf-16le'), 'utf-16le'],
		['UTF-16 BE with BOM', 'utf16be.csv', iconv.encode('\uFEFF' + text, 'utf-16be'), 'utf-16be'],
		['Windows-1252', 'cp1252.csv', cp1252(text), 'windows-1252'],
		[
			'UTF-8 lines, then a Windows-1252 line',
			'mixed.csv',
			mixed([utf8(`${header}\n${first}\n`), cp1252(`${second}\n`)]),
			'utf-8+windows-1252'
		],
		[
			'a Windows-1252 line, then a UTF-8 line',
			'mixed-1252-first.csv',
			mixed([utf8(`${header}\n`), cp1252(`${first}\n`), utf8(`${second}\n`)]),
			'utf-8+windows-1252'
		],
		['CRLF line ends', 'crlf.csv', utf8(text.replace(/\n/g, '\r\n')), 'utf-8']
	];

	it.each(cases)('%s', async (name, fileName, bytes, encoding) => {
		// The 1252 bytes are what makes these files hard: they are not UTF-8.
		if (name.includes('1252')) expect(isUtf8(bytes)).toBe(false);
		const db = testDb();
		const [report] = await importFiles(db, [writeFile(scratchDir(), fileName, bytes)]);
		expect(report).toMatchObject({ status: 'done', format: 'csv', encoding });
		expect(report?.counts).toMatchObject({ recordsImported: 2, recordsRejected: 0 });
		expect(messagesOf(db, 'E-1').map((m) => [m.role, m.body])).toEqual([
			['customer', bodies[0]],
			['agent', bodies[1]]
		]);
	});

	it('a semicolon-delimited file with decimal commas (European Excel)', async () => {
		const db = testDb();
		const content = [
			'Ticket ID;Created At;Sender;Message;Amount',
			'S-1;13/03/2026 10:00;Customer;"Ich wurde doppelt belastet; bitte erstatten";12,50',
			'S-1;13/03/2026 10:05;Agent;Erstattet: 12,50 € – sorry!;12,50'
		].join('\r\n');
		const [report] = await importFiles(db, [writeFile(scratchDir(), 'excel.csv', content)]);
		expect(report?.counts).toMatchObject({ recordsImported: 2, recordsRejected: 0 });
		expect(report?.warnings).toEqual([
			'columns not read (no field of Parity\'s): "Amount"',
			"dates in column Created At read day-first (the whole file decided it, e.g. '13/03/2026 10:00')"
		]);
		expect(messagesOf(db, 'S-1')).toEqual([
			{
				role: 'customer',
				role_origin: 'tool',
				author_name: null,
				at: '2026-03-13T10:00:00Z',
				body: 'Ich wurde doppelt belastet; bitte erstatten'
			},
			{
				role: 'agent',
				role_origin: 'rules',
				author_name: null,
				at: '2026-03-13T10:05:00Z',
				body: 'Erstattet: 12,50 € – sorry!'
			}
		]);
	});

	it('a gzip-compressed CSV (.csv.gz), with a multi-line cell written with CRLF', async () => {
		const db = testDb();
		const content = [
			header,
			'G-1,2026-03-02T09:00:00Z,customer,"Two lines:\r\nsecond line é"',
			'G-1,2026-03-02T09:02:00Z,bot,Thanks — noted.'
		].join('\r\n');
		const file = writeFile(scratchDir(), 'export.csv.gz', content, { gzip: true });
		const [report] = await importFiles(db, [file]);
		expect(report).toMatchObject({ status: 'done', format: 'csv' });
		expect(messagesOf(db, 'G-1').map((m) => [m.role, m.body])).toEqual([
			['customer', 'Two lines:\nsecond line é'],
			['ai', 'Thanks — noted.']
		]);
		expect(conversation(db, 'G-1')?.handler).toBe('ai');
	});
});
