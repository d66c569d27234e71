import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/server/ingest/service';
import { dumpTables, testDb } from '../helpers/db';
import { conversation, messages, rejects, ZENDESK_FIXTURES as FIXTURES } from '../helpers/zendesk';

/**
 * Every count below was worked out by hand from the fixture files (tests/fixtures/zendesk,
 * README there); the comments show the arithmetic.
 */

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
			// The 10 tickets of the ticket table: the seed's comments and chats belong to others.
			'10 tickets have no comment or chat rows here: imported without messages, so they count in no measure read from the text. Sync ticket_comment with the tickets to bring them',
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
