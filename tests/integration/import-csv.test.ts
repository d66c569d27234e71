import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/server/ingest/service';
import { conversation, fixture, mappingFile, messagesOf, rejects } from '../helpers/csv-import';
import { dumpTables, testDb } from '../helpers/db';

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
