import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir, writeFile } from '../../../../../../tests/helpers/files';
import { detectFormat } from '../../detect';
import { ADAPTERS } from '../index';
import { detectZendeskJson } from './detect';
import { ticketIdFromFileName } from './read-json';
import { claimWarehouseGroups, detectWarehouseTable, tableOfName } from './tables';

const FIXTURES = join(process.cwd(), 'tests/fixtures/zendesk');

// First bytes of other tools' exports (the shared fixtures: freshdesk-cli, helpscout-api-php,
// fivetran/dbt_hubspot), which Zendesk's detection must leave alone.
const FRESHDESK_TICKET = JSON.stringify({
	id: 1,
	subject: 'Sample ticket with attachments and conversations',
	status: 2,
	source: 0,
	requester_id: 1000000001,
	responder_id: 1000000002,
	group_id: 1000000003,
	conversations: [{ id: 1, body_text: 'Hi', user_id: 1000000001, incoming: true, private: false }]
});
const HELPSCOUT_CONVERSATION = JSON.stringify({
	item: {
		id: 291938,
		type: 'email',
		customer: { id: 29418, email: 'vbear@mywork.com', type: 'customer' },
		threads: [
			{ id: 1, type: 'customer', body: 'Hello', createdBy: { id: 29418, type: 'customer' } }
		]
	}
});
const HUBSPOT_TICKET_DATA =
	'_fivetran_synced,id,is_deleted,property_closed_date,property_createdate,property_first_agent_reply_date,property_hs_pipeline,property_hs_pipeline_stage,property_hs_ticket_category,property_hs_ticket_priority,property_hubspot_owner_id,property_subject,property_content\n' +
	'2020-11-26 18:51:39,307034542,FALSE,2020-11-10 14:54:50,2021-02-16 20:31:05,2021-02-17 21:59:58,1626124,7970058,948482e3,,,dd273fbf,391aefc6\n';

function sampleOf(path: string): string {
	return readFileSync(path, 'utf8').slice(0, 64 * 1024);
}

function detected(path: string) {
	const fileName = path.split('/').pop() ?? path;
	const result = detectFormat(ADAPTERS, { fileName, sample: sampleOf(path) });
	return { format: result.adapter.name, confidence: result.confidence };
}

describe('detecting Zendesk exports from their first bytes', () => {
	it.each([
		['go-zendesk/ticket_sideload.json', 'Zendesk tickets'],
		['go-zendesk/tickets.json', 'Zendesk tickets'],
		['go-zendesk/ticket_comments.json', 'Zendesk ticket comments'],
		['go-zendesk/ticket_audits.json', 'Zendesk ticket audits'],
		['api-docs/incremental_tickets_cursor.json', 'Zendesk incremental ticket export page'],
		['api-docs/incremental_tickets_time.json', 'Zendesk incremental ticket export page'],
		['api-docs/ticket_events_comment_events.json', 'Zendesk incremental ticket events'],
		['api-docs/ticket_audits.json', 'Zendesk ticket audits'],
		['api-docs/satisfaction_ratings.json', 'Zendesk satisfaction ratings'],
		['api-docs/tickets_with_comments.json', 'Zendesk tickets'],
		['api-docs/tickets_with_comments.ndjson', 'NDJSON Zendesk tickets'],
		['api-docs/tickets_35436_comments.json', 'Zendesk ticket comments']
	])('%s is %s', (file, reason) => {
		const detection = detectZendeskJson(sampleOf(join(FIXTURES, file)));
		expect(detection.reason.startsWith(reason)).toBe(true);
		expect(detection.confidence).toBeGreaterThanOrEqual(0.9);
		expect(detected(join(FIXTURES, file)).format).toBe('zendesk');
	});

	it.each(['ticket_data.csv', 'ticket_comment_data.csv', 'ticket_chat_event_data.csv'])(
		'the warehouse table %s is zendesk-warehouse',
		(file) => {
			expect(detected(join(FIXTURES, 'fivetran_dbt_zendesk', file))).toEqual({
				format: 'zendesk-warehouse',
				confidence: 0.9
			});
		}
	);

	it('leaves other tools’ exports alone', () => {
		expect(detectZendeskJson(FRESHDESK_TICKET).confidence).toBe(0);
		expect(detectZendeskJson(HELPSCOUT_CONVERSATION).confidence).toBe(0);
		expect(detectWarehouseTable('ticket_data.csv', HUBSPOT_TICKET_DATA).confidence).toBe(0.2);
		// A Freshdesk ticket has requester_id too: Freshdesk's importer, not Zendesk's, reads it.
		expect(
			detectFormat(ADAPTERS, { fileName: 'ticket.json', sample: FRESHDESK_TICKET }).adapter.name
		).toBe('freshdesk');
	});
});

describe('claiming a warehouse table set', () => {
	it('names: Fivetran tables, dbt seed names, an optional zendesk_ prefix, gzip', () => {
		expect(tableOfName('ticket_data.csv')).toBe('ticket');
		expect(tableOfName('/x/TICKET_COMMENT.csv.gz')).toBe('comment');
		expect(tableOfName('zendesk_user.csv')).toBe('user');
		expect(tableOfName('ticket_chat_event_data.csv')).toBe('chat_event');
		expect(tableOfName('audit_log_data.csv')).toBe('ignored');
		expect(tableOfName('ticket_data.json')).toBeNull();
		expect(tableOfName('conversation_part_history_data.csv')).toBeNull();
	});

	it('claims the Zendesk folder with the ticket table first, and not HubSpot’s ticket_data.csv', () => {
		const zendesk = join(FIXTURES, 'fivetran_dbt_zendesk');
		const hubspot = scratchDir();
		const files = [
			writeFile(hubspot, 'ticket_data.csv', HUBSPOT_TICKET_DATA),
			writeFile(hubspot, 'owner_data.csv', 'owner_id,email\n1,a@example.com\n'),
			...readdirSync(zendesk)
				.sort()
				.map((name) => join(zendesk, name)),
			join(FIXTURES, 'README.md')
		];
		const groups = claimWarehouseGroups(files.map((path) => ({ path, name: path })));
		expect(groups).toHaveLength(1);
		const [group] = groups;
		expect(group?.[0]).toBe(join(zendesk, 'ticket_data.csv'));
		expect(group?.map((path) => path.split('/').pop()).sort()).toEqual(readdirSync(zendesk).sort());
	});

	it('claims uploads by their names, reading their headers from their temporary paths', () => {
		const zendesk = join(FIXTURES, 'fivetran_dbt_zendesk');
		const uploads = scratchDir();
		const files = ['ticket_data.csv', 'user_data.csv', 'audit_log_data.csv'].map((name, i) => ({
			path: writeFile(uploads, `upload-${i}`, readFileSync(join(zendesk, name))),
			name
		}));
		expect(claimWarehouseGroups(files)).toEqual([files.map((file) => file.path)]);
		// The header decides with the name: a users table named as a ticket table is no export.
		const misnamed = { path: files[1]?.path ?? '', name: 'ticket_data.csv' };
		expect(claimWarehouseGroups([misnamed])).toEqual([]);
	});

	it('claims a comments table alone, its ticket table being in an earlier import', () => {
		const comments = join(FIXTURES, 'warehouse', 'ticket_comment_data.csv');
		expect(claimWarehouseGroups([{ path: comments, name: comments }])).toEqual([[comments]]);
	});
});

describe('the ticket id of a comments page, from its file name', () => {
	it.each([
		['tickets_35436_comments.json', '35436'],
		['ticket-47.json', '47'],
		['Ticket 12 comments page 2.json', '12'],
		['ticket_comments.json', null],
		['page-2.json', null],
		['tickets_1_and_tickets_2.json', null]
	])('%s → %s', (name, id) => {
		expect(ticketIdFromFileName(name)).toBe(id);
	});
});
