import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/lib/server/db/client';
import { importFiles } from '../../src/lib/server/ingest/service';
import { dumpTables, testDb } from '../helpers/db';
import { scratchDir, writeFile } from '../helpers/files';

/**
 * Every count below was worked out by hand from the fixture files (tests/fixtures/zendesk,
 * README there); the comments show the arithmetic.
 */

const FIXTURES = join(process.cwd(), 'tests/fixtures/zendesk');
const api = (file: string) => join(FIXTURES, 'api-docs', file);

interface Row {
	external_id: string;
	channel: string;
	identities: string;
	customer_id: number | null;
	customer_name: string | null;
	status: string | null;
	tags: string;
	assignee: string | null;
	team: string | null;
	csat_offered: number;
	csat_value: string | null;
	csat_scale: string | null;
	csat_comment: string | null;
	csat_answered_at: number | null;
	handler: string;
	message_count: number;
}

function conversation(db: DbHandle, externalId: string): Row {
	return db.sqlite
		.prepare('SELECT * FROM conversations WHERE external_id = ?')
		.get(externalId) as Row;
}

function messages(db: DbHandle, externalId: string) {
	return db.sqlite
		.prepare(
			`SELECT m.key, m.role, m.role_origin, m.author_name, m.is_public, m.body
			   FROM messages m JOIN conversations c ON c.id = m.conversation_id
			  WHERE c.external_id = ? ORDER BY m.created_at, m.id`
		)
		.all(externalId) as Array<{
		key: string;
		role: string;
		role_origin: string;
		author_name: string | null;
		is_public: number;
		body: string;
	}>;
}

function rejects(db: DbHandle, importId: number | null | undefined) {
	return db.sqlite
		.prepare('SELECT locator, reason FROM rejects WHERE import_id = ? ORDER BY id')
		.all(importId) as Array<{ locator: string; reason: string }>;
}

async function importOne(db: DbHandle, path: string, format?: string) {
	const reports = await importFiles(db, [path], { format });
	expect(reports).toHaveLength(1);
	const [report] = reports;
	if (!report) throw new Error('no report');
	expect(report.error).toBeNull();
	return report;
}

/** Imports a file, then the same file again: the second time must change nothing. */
async function importTwice(db: DbHandle, path: string) {
	const first = await importOne(db, path);
	const before = dumpTables(db);
	const second = await importOne(db, path);
	expect(second.counts, `${path} again`).toEqual({
		recordsRead: first.counts.recordsRead,
		recordsImported: 0,
		recordsDuplicate: first.counts.recordsImported + first.counts.recordsDuplicate,
		recordsRejected: first.counts.recordsRejected,
		conversationsCreated: 0,
		conversationsUpdated: 0,
		messagesImported: 0
	});
	expect(dumpTables(db)).toEqual(before);
	return first;
}

const at = (iso: string) => Date.parse(iso);

describe('Zendesk warehouse tables (Fivetran seeds of fivetran/dbt_zendesk)', () => {
	it('imports the real seed folder as one source and accounts for every conversation row', async () => {
		const db = testDb();
		const folder = join(FIXTURES, 'fivetran_dbt_zendesk');
		const [report, ...others] = await importFiles(db, [folder]);
		expect(others).toHaveLength(0);
		expect(report?.format).toBe('zendesk-warehouse');
		expect(report?.detection).toBe('read together with 12 companion files');
		// Rows: 10 tickets + 20 comments + 12 chat events = 42. Only the 10 tickets stand:
		// - the comments belong to tickets 1077, 7636, 7367 (6), 13628 (2), 13095 (4),
		//   13057 (4), 14352, none in ticket_data.csv, written by users not in user_data.csv:
		//   7 groups, 20 rows rejected (no telling customer from agent);
		// - 7 chats link (latest ticket_chat row) to tickets 44, 45, 47, 49, 50, 52, 53, none
		//   imported: 10 rows of partial updates the store rejects; 2 chats have no link: 2 rows.
		expect(report?.counts).toEqual({
			recordsRead: 42,
			recordsImported: 10,
			recordsDuplicate: 0,
			recordsRejected: 32,
			conversationsCreated: 10,
			conversationsUpdated: 0,
			messagesImported: 0
		});
		expect(report?.warnings).toEqual([
			'audit_log_data.csv: a Zendesk table Parity does not use; not read',
			'organization_data.csv: a Zendesk table Parity does not use; not read',
			'sla_policy_metric_history_data.csv: a Zendesk table Parity does not use; not read',
			'ticket_form_history_data.csv: a Zendesk table Parity does not use; not read',
			'ticket_sla_policy_data.csv: a Zendesk table Parity does not use; not read',
			// ChatMessage without text (chat …helloZt4E #3, __system), join, transfer, email change
			'5 chat events are not messages (joins, transfers, form changes, empty messages): read, not turned into messages',
			// ticket_tag_data.csv tags tickets 123, 455, 789, 1011, 1012
			'5 tickets have tags or satisfaction fields but no ticket, comment or chat rows here: not used'
		]);
		const reasons = rejects(db, report?.importId).map((r) => r.reason);
		expect(reasons).toHaveLength(16);
		expect(reasons.filter((r) => r.includes('cannot tell the customer from agents'))).toHaveLength(
			7
		);
		expect(reasons.filter((r) => r.includes('no ticket_chat row links this chat'))).toHaveLength(2);
		expect(reasons.filter((r) => r.startsWith('updates conversation '))).toHaveLength(7);

		// Ticket 11071: requester 2222 (Earnest End User) and assignee 1111 (Arthur Agent) are
		// in user_data.csv; no other ticket's people are, and no ticket's group is.
		expect(conversation(db, '11071')).toMatchObject({
			channel: 'email',
			identities: JSON.stringify(['external:zendesk:2222', 'email:example@email.com']),
			customer_name: 'Earnest End User',
			status: 'closed',
			assignee: 'Arthur Agent',
			team: '360006965034',
			handler: 'none',
			message_count: 0
		});
		expect(conversation(db, '1595')).toMatchObject({ channel: 'web', status: 'deleted' });

		const before = dumpTables(db);
		const [again] = await importFiles(db, [folder]);
		expect(again?.counts).toMatchObject({
			recordsRead: 42,
			recordsImported: 0,
			recordsDuplicate: 10,
			recordsRejected: 32,
			conversationsCreated: 0,
			conversationsUpdated: 0
		});
		expect(dumpTables(db)).toEqual(before);
	});

	it('joins tickets, comments, chats, users, groups, tags and CSAT, keeping the latest version of each row', async () => {
		const db = testDb();
		const folder = join(FIXTURES, 'warehouse');
		const [report] = await importFiles(db, [folder]);
		expect(report?.format).toBe('zendesk-warehouse');
		// Rows: tickets 4 (9001 twice) + comments 5 (72 twice) + chat events 6 = 15.
		// 9001: 2 ticket rows + 5 CH-1 events = 7; 9002: 1 + 4 comment rows = 5 → 12 imported.
		// Rejected: 9003 (deleted), comment of 9999 (not imported), CH-X event (no link) = 3.
		// Messages: 9001 four chat messages (the transfer is not one) + 9002 three comments = 7.
		expect(report?.counts).toEqual({
			recordsRead: 15,
			recordsImported: 12,
			recordsDuplicate: 0,
			recordsRejected: 3,
			conversationsCreated: 2,
			conversationsUpdated: 0,
			messagesImported: 7
		});
		expect(rejects(db, report?.importId).map((r) => r.reason)).toEqual([
			'updates conversation 9999, which has not been imported: import the file that holds it, then this one again',
			'chat_id CH-X: no ticket_chat row links this chat to a ticket',
			'_fivetran_deleted: true (the ticket was deleted in Zendesk)'
		]);

		// Answer Bot (zd:answerBot) answered first, then agent Riley (zd:agentWorkspace).
		expect(conversation(db, '9001')).toMatchObject({
			channel: 'messaging',
			identities: JSON.stringify([
				'external:zendesk:501',
				'email:ana@example.com',
				'phone:+15550100100',
				'external:crm-501'
			]),
			customer_name: 'Ana Customer',
			status: 'solved',
			tags: JSON.stringify(['vip']),
			assignee: 'Riley Agent',
			team: 'Billing',
			handler: 'hybrid',
			message_count: 4
		});
		expect(messages(db, '9001').map((m) => [m.key, m.role, m.role_origin])).toEqual([
			['id:chat:CH-1:0', 'customer', 'tool'],
			['id:chat:CH-1:1', 'ai', 'tool'],
			['id:chat:CH-1:2', 'customer', 'tool'],
			['id:chat:CH-1:4', 'agent', 'rules']
		]);
		expect(conversation(db, '9002')).toMatchObject({
			channel: 'email',
			identities: JSON.stringify(['external:zendesk:502', 'email:kim@example.com']),
			tags: JSON.stringify(['billing']),
			handler: 'human',
			csat_offered: 1,
			csat_value: 'good',
			csat_scale: 'good-bad',
			csat_comment: 'Quick fix, thanks',
			csat_answered_at: at('2024-03-06T08:00:00Z')
		});
		expect(messages(db, '9002').map((m) => [m.key, m.role, m.is_public, m.body])).toEqual([
			['id:71', 'customer', 1, 'My invoice shows the wrong VAT number.'],
			['id:72', 'agent', 1, 'Corrected: a new invoice is on its way, sorry for the trouble.'],
			['id:73', 'agent', 0, 'VAT fix done in the billing system.']
		]);

		const before = dumpTables(db);
		const [again] = await importFiles(db, [folder]);
		expect(again?.counts).toMatchObject({
			recordsRead: 15,
			recordsImported: 0,
			recordsDuplicate: 12,
			recordsRejected: 3
		});
		expect(dumpTables(db)).toEqual(before);
	});
});

describe('Zendesk API JSON', () => {
	it('ratings before their tickets are rejected; tickets, events, comments and audits build the conversations; ratings after update CSAT; each file again changes nothing', async () => {
		const db = testDb();

		const early = await importTwice(db, api('satisfaction_ratings.json'));
		// 5 ratings of 4 tickets, none imported yet.
		expect(early.counts).toMatchObject({ recordsRead: 5, recordsImported: 0, recordsRejected: 5 });
		expect(rejects(db, early.importId)).toEqual([
			{
				locator: 'ticket 47 (satisfaction_ratings[3])',
				reason:
					'updates conversation 47, which has not been imported: import the file that holds it, then this one again'
			},
			{
				locator: 'ticket 35436 (satisfaction_ratings[0], satisfaction_ratings[1])',
				reason:
					'updates conversation 35436, which has not been imported: import the file that holds it, then this one again'
			},
			{
				locator: 'ticket 35437 (satisfaction_ratings[2])',
				reason:
					'updates conversation 35437, which has not been imported: import the file that holds it, then this one again'
			},
			{
				locator: 'ticket 99999 (satisfaction_ratings[4])',
				reason:
					'updates conversation 99999, which has not been imported: import the file that holds it, then this one again'
			}
		]);
		expect(db.sqlite.prepare('SELECT COUNT(*) AS n FROM conversations').get()).toEqual({ n: 0 });

		// Time-based incremental page: 35436 twice (an older version, then the current one), 35437.
		const tickets = await importTwice(db, api('incremental_tickets_time.json'));
		expect(tickets.counts).toEqual({
			recordsRead: 3,
			recordsImported: 3,
			recordsDuplicate: 0,
			recordsRejected: 0,
			conversationsCreated: 2,
			conversationsUpdated: 0,
			messagesImported: 0
		});
		expect(conversation(db, '35436')).toMatchObject({
			channel: 'web',
			identities: JSON.stringify([
				'external:zendesk:20978392',
				'email:pat@example.com',
				'external:cust-0042'
			]),
			customer_name: 'Pat Requester',
			status: 'open',
			tags: JSON.stringify(['enterprise', 'other_tag']),
			assignee: 'Johnny Agent',
			team: '98738',
			csat_value: 'good',
			csat_comment: 'Great support!',
			csat_answered_at: null,
			handler: 'none'
		});
		expect(conversation(db, '35437')).toMatchObject({
			channel: 'email',
			identities: JSON.stringify([
				'external:zendesk:5501',
				'email:lee@example.com',
				'phone:+15551234567'
			]),
			csat_offered: 1,
			csat_value: null
		});

		// Ticket events with comment_events: 5 events of 35436 (5 comments), 1 of ticket 777
		// (a status change without the ticket's creation: a partial update of nothing).
		const events = await importTwice(db, api('ticket_events_comment_events.json'));
		expect(events.counts).toEqual({
			recordsRead: 6,
			recordsImported: 5,
			recordsDuplicate: 0,
			recordsRejected: 1,
			conversationsCreated: 0,
			conversationsUpdated: 1,
			messagesImported: 5
		});
		// Customer, then Answer Bot (answer_bot_for_web_widget), customer, agent, a private note.
		expect(conversation(db, '35436')).toMatchObject({
			handler: 'hybrid',
			message_count: 5,
			csat_value: 'good',
			status: 'open'
		});
		expect(messages(db, '35436').map((m) => [m.key, m.role, m.is_public])).toEqual([
			['id:1001', 'customer', 1],
			['id:1002', 'ai', 1],
			['id:1003', 'customer', 1],
			['id:1004', 'agent', 1],
			['id:1005', 'agent', 0]
		]);

		// A comments page named after its ticket: comment 1001 again, now with its author's
		// name (the page side-loads users; the events did not), and 1006 new: 2 messages.
		const page = await importTwice(db, api('tickets_35436_comments.json'));
		expect(page.counts).toMatchObject({
			recordsRead: 2,
			recordsImported: 2,
			conversationsUpdated: 1,
			messagesImported: 2
		});
		expect(messages(db, '35436').at(-1)).toMatchObject({
			key: 'id:1006',
			role: 'customer',
			body: 'Thanks, the technician fixed it & the smoke is gone.'
		});

		// Audits of messaging ticket 47: 5 audits, 4 Comment events, all replies by "Answer Bot".
		const audits = await importTwice(db, api('ticket_audits.json'));
		expect(audits.counts).toMatchObject({
			recordsRead: 5,
			recordsImported: 5,
			conversationsCreated: 1,
			messagesImported: 4
		});
		expect(conversation(db, '47')).toMatchObject({
			channel: 'messaging',
			status: 'closed',
			tags: JSON.stringify(['billing']),
			handler: 'ai',
			csat_scale: null
		});
		expect(messages(db, '47')[1]).toMatchObject({
			role: 'ai',
			role_origin: 'rules',
			author_name: 'Answer Bot',
			body: 'I can help with billing. Can you share the invoice number?'
		});

		// Ratings again: 35436 (2 ratings; the latest, good, adds its answer time), 35437
		// (offered → bad), 47 (unoffered) update; 99999 is still unknown.
		const late = await importTwice(db, api('satisfaction_ratings.json'));
		expect(late.counts).toEqual({
			recordsRead: 5,
			recordsImported: 4,
			recordsDuplicate: 0,
			recordsRejected: 1,
			conversationsCreated: 0,
			conversationsUpdated: 3,
			messagesImported: 0
		});
		expect(conversation(db, '35436')).toMatchObject({
			csat_value: 'good',
			csat_answered_at: at('2011-05-05T10:38:52Z'),
			status: 'open',
			channel: 'web',
			message_count: 6
		});
		expect(conversation(db, '35437')).toMatchObject({
			csat_offered: 1,
			csat_value: 'bad',
			csat_scale: 'good-bad',
			csat_comment: 'Took a week to answer.',
			csat_answered_at: at('2011-05-06T08:30:00Z')
		});
		expect(conversation(db, '47')).toMatchObject({
			csat_offered: 0,
			csat_value: null,
			csat_scale: 'good-bad'
		});

		// The ticket page again, after the ratings: its rating (good, no time) keeps the
		// answer time the ratings export gave.
		const snapshot = await importOne(db, api('incremental_tickets_time.json'));
		expect(snapshot.counts).toMatchObject({ recordsImported: 0, recordsDuplicate: 3 });
		expect(conversation(db, '35436').csat_answered_at).toBe(at('2011-05-05T10:38:52Z'));
	});

	it('reads tickets with embedded comments: Answer Bot then an agent is hybrid, Answer Bot alone ai', async () => {
		const db = testDb();
		const report = await importTwice(db, api('tickets_with_comments.json'));
		expect(report.format).toBe('zendesk');
		// 5001: 5 comments, 5002: 2, 5003: 2.
		expect(report.counts).toEqual({
			recordsRead: 3,
			recordsImported: 3,
			recordsDuplicate: 0,
			recordsRejected: 0,
			conversationsCreated: 3,
			conversationsUpdated: 0,
			messagesImported: 9
		});
		const parcel = conversation(db, '5001');
		expect(parcel).toMatchObject({
			channel: 'messaging',
			handler: 'hybrid',
			team: 'Tier 1',
			assignee: 'Johnny Agent'
		});
		expect(messages(db, '5001').map((m) => [m.role, m.author_name, m.is_public])).toEqual([
			['customer', 'Lee Customer', 1],
			['ai', 'Answer Bot', 1],
			['customer', 'Lee Customer', 1],
			['agent', 'Johnny Agent', 1],
			['agent', 'Johnny Agent', 0]
		]);
		// No user record for 5502: the email sender says who it is.
		expect(conversation(db, '5002')).toMatchObject({
			channel: 'email',
			handler: 'human',
			identities: JSON.stringify(['external:zendesk:5502', 'email:dana@example.com']),
			customer_name: 'Dana Emailer'
		});
		const password = conversation(db, '5003');
		expect(password).toMatchObject({ channel: 'web', handler: 'ai', csat_value: 'good' });
		// One requester, one customer across both tickets.
		expect(password.customer_id).toBe(parcel.customer_id);
	});

	it('a comments page beside a lone ticket belongs to it', async () => {
		const db = testDb();
		const file = writeFile(
			scratchDir(),
			'export.json',
			JSON.stringify({
				ticket: {
					id: 12,
					requester_id: 1,
					submitter_id: 1,
					created_at: '2024-05-01T10:00:00Z',
					via: { channel: 'email' }
				},
				comments: [
					{
						id: 121,
						author_id: 1,
						body: 'Hello?',
						public: true,
						created_at: '2024-05-01T10:00:00Z'
					},
					{ id: 122, author_id: 2, body: 'Hi!', public: true, created_at: '2024-05-01T10:05:00Z' }
				],
				users: [
					{ id: 1, name: 'Cat', role: 'end-user' },
					{ id: 2, name: 'Dev', role: 'agent' }
				]
			})
		);
		const report = await importTwice(db, file);
		// One ticket and its two comments: 3 records, one conversation.
		expect(report.counts).toMatchObject({
			recordsRead: 3,
			recordsImported: 3,
			conversationsCreated: 1,
			messagesImported: 2
		});
		expect(conversation(db, '12')).toMatchObject({ channel: 'email', handler: 'human' });
	});

	it('reads NDJSON tickets without users, and rejects a cut-off line', async () => {
		const db = testDb();
		const report = await importTwice(db, api('tickets_with_comments.ndjson'));
		expect(report.counts).toMatchObject({
			recordsRead: 3,
			recordsImported: 2,
			recordsRejected: 1,
			conversationsCreated: 2,
			messagesImported: 4
		});
		expect(rejects(db, report.importId)[0]?.locator).toBe('line 3');
		expect(conversation(db, '6001')).toMatchObject({ channel: 'chat', handler: 'human' });
		expect(conversation(db, '6002')).toMatchObject({
			channel: 'voice',
			identities: JSON.stringify(['external:zendesk:7002', 'phone:+442079460958'])
		});
	});

	it('reads real API responses (go-zendesk), rejecting what cannot be placed', async () => {
		const db = testDb();
		const reports = await importFiles(db, [join(FIXTURES, 'go-zendesk')]);
		expect(
			reports.map((r) => [
				r.fileName,
				r.format,
				r.counts.recordsRead,
				r.counts.recordsImported,
				r.counts.recordsRejected
			])
		).toEqual([
			['ticket_audits.json', 'zendesk', 1, 0, 1],
			['ticket_comments.json', 'zendesk', 2, 0, 2],
			['ticket_sideload.json', 'zendesk', 1, 1, 0],
			['tickets.json', 'zendesk', 2, 2, 0]
		]);
		expect(rejects(db, reports[0]?.importId)[0]?.reason).toBe(
			'audits[0].events[0].author_id: cannot tell whether 5246746 is the customer or an agent: the file has no user record for them and no requester for ticket 666 (export with include=users)'
		);
		expect(rejects(db, reports[1]?.importId)[0]).toMatchObject({
			locator: 'comments (2)',
			reason: expect.stringMatching(/^comments page without its ticket/)
		});
		expect(conversation(db, '4')).toMatchObject({
			channel: 'web',
			status: 'new',
			team: 'Support',
			customer_name: 'Yosuke Tamura',
			identities: JSON.stringify(['external:zendesk:377922500012', 'email:nukosuke@lavabit.com'])
		});
		// Tickets 2, 3 and 4 share their requester: one customer.
		const customers = db.sqlite
			.prepare('SELECT COUNT(DISTINCT customer_id) AS n FROM conversations')
			.get();
		expect(customers).toEqual({ n: 1 });

		const before = dumpTables(db);
		const again = await importFiles(db, [join(FIXTURES, 'go-zendesk')]);
		expect(again.map((r) => [r.counts.recordsDuplicate, r.counts.recordsRejected])).toEqual([
			[0, 1],
			[0, 2],
			[1, 0],
			[2, 0]
		]);
		expect(dumpTables(db)).toEqual(before);
	});
});
