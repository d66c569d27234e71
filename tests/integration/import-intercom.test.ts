import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/lib/server/db/client';
import { importFiles } from '../../src/lib/server/ingest/service';
import { dumpTables, testDb } from '../helpers/db';
import { scratchDir, writeFile } from '../helpers/files';

const API = join(import.meta.dirname, '../fixtures/intercom/api');
const WAREHOUSE = join(import.meta.dirname, '../fixtures/intercom/warehouse');

function fixture(name: string): Record<string, unknown> {
	return JSON.parse(readFileSync(join(API, name), 'utf8')) as Record<string, unknown>;
}

function conversationRow(db: DbHandle, externalId: string) {
	return db.sqlite
		.prepare(
			`SELECT channel, status, handler, message_count, assignee, team, tags, csat_offered,
			        csat_value, csat_scale, started_at, ended_at
			   FROM conversations WHERE external_id = ?`
		)
		.get(externalId) as Record<string, unknown> | undefined;
}

function count(db: DbHandle, table: string): number {
	return (db.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
}

describe('Intercom REST JSON, end to end on a real database', () => {
	it('imports every API example, recognising the same conversation across API versions', async () => {
		const db = testDb();
		const reports = await importFiles(db, [API]);
		// 47 files, one conversation or ticket each (list and search pages hold one item).
		expect(reports).toHaveLength(47);
		expect(reports.every((r) => r.status === 'done' && r.format === 'intercom')).toBe(true);
		const total = (key: keyof (typeof reports)[number]['counts']) =>
			reports.reduce((sum, r) => sum + r.counts[key], 0);
		// By hand: the 20 API 2.14 files hold 20 distinct ids (16 conversations, 4 tickets).
		// Of the 27 Unstable files, 5 bring new ids (ticket 494; 601, the QA-evaluation item;
		// 504, the email conversation; 204, linked to a ticket; 456, merged), 1 adds a part
		// to 503 (Fin's call summary), and 21 map to exactly what 2.14 brought.
		expect({
			read: total('recordsRead'),
			imported: total('recordsImported'),
			duplicate: total('recordsDuplicate'),
			rejected: total('recordsRejected'),
			created: total('conversationsCreated'),
			updated: total('conversationsUpdated'),
			messages: total('messagesImported')
		}).toEqual({
			read: 47,
			imported: 26,
			duplicate: 21,
			rejected: 0,
			created: 25,
			updated: 1,
			// 2.14: 23 sources and parts with a body; Unstable: 1 (503) + 2 (504) + 1 + 1.
			messages: 28
		});
		expect(count(db, 'conversations')).toBe(25);
		expect(count(db, 'messages')).toBe(28);
		// Contact external_id "70" and joe@bloggs.com tie 18 conversations to one customer;
		// 537, 494, 627, 631 and 633 each have their own; 601 and 1295 name no contact.
		expect(count(db, 'customers')).toBe(6);

		// Operator (Intercom's bot identity) replied first, then teammate Ciaran176 Lee.
		expect(conversationRow(db, '503')).toMatchObject({
			handler: 'hybrid',
			message_count: 3,
			status: 'closed',
			channel: 'chat',
			tags: '["Test tag"]',
			assignee: '991267715',
			team: '5017691'
		});
		// A lead's email, answered by Operator only.
		expect(conversationRow(db, '504')).toMatchObject({ handler: 'ai', channel: 'email' });
		expect(conversationRow(db, '524')).toMatchObject({ handler: 'human', message_count: 2 });
		// Fin as the admin "Operator" (from_ai_agent), rated 5 by the customer.
		expect(conversationRow(db, '1295')).toMatchObject({
			handler: 'ai',
			csat_offered: 1,
			csat_value: '5',
			csat_scale: '1-5',
			tags: '["intercom:ai_agent_participated","intercom:ai_resolution:assumed_resolution"]'
		});
		expect(conversationRow(db, '524')).toMatchObject({ csat_offered: 0, csat_value: null });
		expect(conversationRow(db, '611')).toMatchObject({
			handler: 'none',
			status: 'submitted',
			tags: '["intercom:ticket","intercom:ticket_category:customer"]'
		});
		expect(conversationRow(db, '542')).toMatchObject({ assignee: 'Ciaran223 Lee' });
		expect(
			db.sqlite
				.prepare(
					`SELECT m.key, m.role, m.role_origin, m.is_public FROM messages m
					   JOIN conversations c ON c.id = m.conversation_id WHERE c.external_id = '525'
					  ORDER BY m.created_at`
				)
				.all()
		).toEqual([
			{ key: 'id:source:403918350', role: 'agent', role_origin: 'rules', is_public: 1 },
			{ key: 'id:133', role: 'agent', role_origin: 'rules', is_public: 0 }
		]);

		const before = dumpTables(db);
		const again = await importFiles(db, [API]);
		expect(again.reduce((sum, r) => sum + r.counts.recordsDuplicate, 0)).toBe(47);
		expect(dumpTables(db)).toEqual(before);
	});

	it('merges a later fuller export: the list item first, then the conversation with its parts', async () => {
		const db = testDb();
		const dir = scratchDir();
		// What GET /conversations returns for conversation 503: the same object without parts.
		const { conversation_parts: _parts, ...item } = fixture('2.14-get-conversation.json');
		const page = writeFile(
			dir,
			'page-1.json',
			JSON.stringify({ type: 'conversation.list', pages: { page: 1 }, conversations: [item] })
		);
		const [first] = await importFiles(db, [page]);
		expect(first?.counts).toMatchObject({
			recordsRead: 1,
			conversationsCreated: 1,
			messagesImported: 1
		});
		expect(conversationRow(db, '503')).toMatchObject({ handler: 'human', message_count: 1 });

		const [fuller] = await importFiles(db, [join(API, '2.14-get-conversation.json')]);
		expect(fuller?.counts).toMatchObject({
			recordsRead: 1,
			recordsImported: 1,
			conversationsCreated: 0,
			conversationsUpdated: 1,
			messagesImported: 1
		});
		expect(conversationRow(db, '503')).toMatchObject({ handler: 'hybrid', message_count: 2 });

		// The list page again adds nothing and takes nothing away.
		const [stale] = await importFiles(db, [page]);
		expect(stale?.counts).toMatchObject({ recordsDuplicate: 1, conversationsUpdated: 0 });
		expect(conversationRow(db, '503')).toMatchObject({ handler: 'hybrid', message_count: 2 });
	});

	it('reads an export script’s array of pages and conversations, rejecting what is not one', async () => {
		const db = testDb();
		const file = writeFile(
			scratchDir(),
			'export.json',
			JSON.stringify([
				fixture('2.14-search-conversations.json'),
				fixture('2.14-reply-user.json'),
				// Intercom's 404 body and POST /conversations' reply, as a careless script saves them.
				{
					type: 'error.list',
					request_id: '8c288c4f-b699-4209-9de4-064398f02785',
					errors: [{ code: 'not_found', message: 'Resource Not Found' }]
				},
				{ type: 'user_message', id: '403918330', created_at: 1734537501, body: 'Hello there' },
				{ ...fixture('2.14-parts-close.json'), created_at: 'yesterday' },
				{
					...fixture('2.14-schema-conversation-assembled.json'),
					ai_agent: { source_type: 'fin_preview', resolution_state: null }
				}
			])
		);
		const [report] = await importFiles(db, [file]);
		expect(report?.format).toBe('intercom');
		expect(report?.counts).toMatchObject({
			recordsRead: 6,
			recordsImported: 2,
			recordsRejected: 4,
			conversationsCreated: 2,
			messagesImported: 3
		});
		expect(db.sqlite.prepare('SELECT locator, reason FROM rejects ORDER BY id').all()).toEqual([
			{ locator: '[2]', reason: 'type: "error.list" is not an Intercom conversation or ticket' },
			{ locator: '[3]', reason: 'type: "user_message" is not an Intercom conversation or ticket' },
			{
				locator: '[4] (conversation 531)',
				reason: "conversation.created_at: not a date: 'yesterday'"
			},
			{
				locator: '[5]',
				reason:
					"ai_agent.source_type: 'fin_preview' is a teammate previewing Fin, not a customer conversation"
			}
		]);
	});
});

describe('Intercom warehouse tables, end to end on a real database', () => {
	it('imports the table set as one source: latest versions, orphan parts rejected with a reason', async () => {
		const db = testDb();
		const reports = await importFiles(db, [WAREHOUSE]);
		expect(reports).toHaveLength(1);
		const [report] = reports;
		expect(report?.format).toBe('intercom-warehouse');
		expect(report?.detection).toBe('read together with 10 companion files');
		// By hand: conversation_history has 9 rows (3 versions of 156643300001311, 6 of
		// 156643300001372); conversation_part_history 9 rows, all of conversations 5, 11, 12,
		// 13 and 27, which the export does not hold: 5 partial records, each rejected.
		expect(report?.counts).toEqual({
			recordsRead: 18,
			recordsImported: 9,
			recordsDuplicate: 0,
			recordsRejected: 9,
			conversationsCreated: 2,
			conversationsUpdated: 0,
			messagesImported: 2
		});
		expect(report?.warnings).toEqual([
			'company_history_data.csv: 9 rows of company_history, which is not part of a conversation, not used',
			'contact_company_history_data.csv: 9 rows of contact_company_history, which is not part of a conversation, not used',
			'team_admin_data.csv: 4 rows of team_admin, which is not part of a conversation, not used',
			'conversation_tag_history: 9 rows name conversations not in conversation_history; not applied',
			'conversation_contact_history: 9 rows name conversations not in conversation_history; not applied'
		]);
		const rejects = db.sqlite.prepare('SELECT locator, reason FROM rejects ORDER BY id').all();
		// One partial record per conversation, in id order (as text).
		expect(rejects.map((r) => (r as { locator: string }).locator)).toEqual(
			['11', '12', '13', '27', '5'].map((id) => `conversation_part rows of conversation ${id}`)
		);
		expect(rejects[1]).toEqual({
			locator: 'conversation_part rows of conversation 12',
			reason:
				'updates conversation 12, which has not been imported: import the file that holds it, then this one again'
		});
		// The latest of six versions (2020-11-06 13:55:01, fourth in the file) is closed and
		// assigned; the last row in the file (2020-11-04 14:08:32) is still open.
		expect(conversationRow(db, '156643300001372')).toEqual({
			channel: 'chat',
			status: 'closed',
			handler: 'none',
			message_count: 1,
			assignee: 'auagZ02LBDUvzR4sWgQgTw==',
			team: null,
			tags: '[]',
			csat_offered: 0,
			csat_value: null,
			csat_scale: null,
			started_at: Date.UTC(2020, 10, 4, 3, 12, 3),
			ended_at: Date.UTC(2020, 10, 4, 3, 12, 3)
		});

		const before = dumpTables(db);
		const [again] = await importFiles(db, [WAREHOUSE]);
		expect(again?.counts).toMatchObject({
			recordsRead: 18,
			recordsDuplicate: 9,
			recordsRejected: 9,
			recordsImported: 0
		});
		expect(dumpTables(db)).toEqual(before);
	});

	it('merges a later part-table sync into a conversation an earlier import brought', async () => {
		const db = testDb();
		await importFiles(db, [WAREHOUSE]);
		// A later sync of conversation_part_history in the seed's columns: Fin answers the
		// customer of 156643300001372, a teammate takes over and closes it.
		const header =
			'id,updated_at,_fivetran_synced,assigned_to_id,assigned_to_type,author_id,author_type,conversation_id,conversation_updated_at,created_at,notified_at,part_type,body,_fivetran_start,_fivetran_end,_fivetran_active';
		const row = (
			id: string,
			author: string,
			type: string,
			at: string,
			part: string,
			body: string
		) =>
			`${id},${at},2020-11-07 00:00:00.000,,,${author},${type},156643300001372,${at},${at},${at},${part},${body},${at},${at},true`;
		const file = writeFile(
			scratchDir(),
			'conversation_part_history.csv',
			[
				header,
				row('7000000001', '91', 'bot', '2020-11-04 03:12:30', 'comment', '<p>Fin here</p>'),
				row(
					'7000000002',
					'4077639',
					'admin',
					'2020-11-04 11:41:22',
					'comment',
					'<p>Taking over</p>'
				),
				// An older version of the same part, later in the file: the newer one is kept.
				row('7000000002', '4077639', 'admin', '2020-11-04 11:40:00', 'comment', '<p>draft</p>'),
				row('7000000003', '4077639', 'admin', '2020-11-06 13:55:01', 'close', '')
			].join('\n') + '\n'
		);
		const [report] = await importFiles(db, [file]);
		expect(report?.format).toBe('intercom-warehouse');
		expect(report?.counts).toMatchObject({
			recordsRead: 4,
			recordsImported: 4,
			conversationsUpdated: 1,
			messagesImported: 2
		});
		expect(conversationRow(db, '156643300001372')).toMatchObject({
			handler: 'hybrid',
			message_count: 3
		});
		expect(
			db.sqlite.prepare(`SELECT body FROM messages WHERE key = 'id:7000000002'`).get()
		).toEqual({ body: 'Taking over' });
	});
});
