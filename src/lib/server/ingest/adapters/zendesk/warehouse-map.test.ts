import { describe, expect, it } from 'vitest';
import { directoryOf } from '../../../../../../tests/helpers/zendesk';
import { mapWarehouseTicket, utcTimestamp, type LocatedRow } from './warehouse-map';

describe('Zendesk warehouse rows', () => {
	const row = (locator: string, values: Record<string, string>): LocatedRow => ({
		locator,
		row: values
	});
	const directory = directoryOf(
		[
			{
				id: 501,
				name: 'Ana Customer',
				email: 'ana@example.com',
				external_id: 'crm-501',
				role: 'end-user'
			},
			{ id: 301, name: 'Riley Agent', role: 'agent' }
		],
		[['401', 'Billing']]
	);
	const ticket = row('ticket_data.csv line 4', {
		id: '9001',
		created_at: '2024-03-05 09:00:00',
		requester_id: '501',
		assignee_id: '301',
		group_id: '401',
		status: 'solved',
		via_channel: 'native_messaging',
		via_source_from_address: ''
	});
	const chat = (
		index: number,
		actor: string,
		message: string,
		source: string,
		author = 'business'
	) =>
		row(`ticket_chat_event_data.csv line ${index + 2}`, {
			chat_id: 'CH-1',
			chat_index: String(index),
			actor_id: actor,
			created_at: `2024-03-05 09:0${index}:00.000000`,
			message,
			type: message === '' ? 'ChatJoin' : 'ChatMessage',
			original_message: source
				? JSON.stringify({
						author: { type: author, display_name: 'Company Bot' },
						source: { type: source }
					})
				: ''
		});

	it('joins comments and chat events: roles from original_message, actor ids and the user table', () => {
		const mapped = mapWarehouseTicket(
			{
				ticketId: '9001',
				ticket,
				comments: [
					row('ticket_comment_data.csv line 2', {
						id: '71',
						body: 'Note for the team',
						created: '2024-03-05 09:05:00',
						public: 'FALSE',
						user_id: '301'
					}),
					row('ticket_comment_data.csv line 3', {
						id: '72',
						body: 'gone',
						created: '2024-03-05 09:06:00',
						public: 'TRUE',
						user_id: '501',
						_fivetran_deleted: 'TRUE'
					})
				],
				chatEvents: [
					chat(0, '501', 'my order arrived broken', 'web', 'user'),
					chat(1, 'agent:302', 'Can you send a photo?', 'zd:answerBot'),
					chat(2, '__trigger', 'Routing to an agent', 'zd:answerBot'),
					chat(3, 'agent:301', 'Riley here', 'zd:agentWorkspace'),
					chat(4, '501', '', '')
				],
				tags: ['vip'],
				satisfaction: {
					score: row('ticket_field_history_data.csv line 4', {
						field_name: 'satisfaction_score',
						value: 'good',
						updated: '2024-03-06 08:00:00'
					}),
					comment: row('ticket_field_history_data.csv line 5', {
						field_name: 'satisfaction_comment',
						value: 'Quick fix'
					})
				}
			},
			directory,
			{ utc: true }
		);
		expect(mapped.skipped).toEqual({ chatEvents: 1, comments: 1 });
		if (!mapped.result.ok) throw new Error(mapped.result.reason);
		const draft = mapped.result.draft;
		expect(draft).toMatchObject({
			externalId: '9001',
			channel: 'native_messaging',
			startedAt: '2024-03-05 09:00:00Z',
			status: 'solved',
			tags: ['vip'],
			assignee: 'Riley Agent',
			team: 'Billing',
			customerName: 'Ana Customer',
			partial: false,
			csat: {
				offered: true,
				value: 'good',
				scale: 'good-bad',
				comment: 'Quick fix',
				answeredAt: '2024-03-06 08:00:00Z'
			}
		});
		expect(draft.identities).toEqual([
			{ kind: 'external', value: 'zendesk:501' },
			{ kind: 'email', value: 'ana@example.com' },
			{ kind: 'external', value: 'crm-501' }
		]);
		expect(draft.messages.map((m) => [m.externalId, m.role, m.authorId, m.isPublic])).toEqual([
			['71', 'staff', '301', false],
			['chat:CH-1:0', 'customer', '501', true],
			['chat:CH-1:1', 'ai', '302', true],
			['chat:CH-1:2', 'system', '__trigger', true],
			['chat:CH-1:3', 'staff', '301', true]
		]);
		expect(draft.messages[2]?.authorName).toBe('Company Bot');
		expect(draft.messages[4]?.authorName).toBe('Riley Agent');
	});

	it('comments of a ticket the ticket table lacks are a partial update, or refused when nobody can be told apart', () => {
		const comment = (userId: string) =>
			row('ticket_comment_data.csv line 6', {
				id: '79',
				body: 'Any update?',
				created: '2024-03-06 10:00:00',
				public: 'TRUE',
				user_id: userId,
				ticket_id: '9999'
			});
		const base = { ticketId: '9999', chatEvents: [], tags: [], satisfaction: {} };
		const known = mapWarehouseTicket({ ...base, comments: [comment('501')] }, directory, {
			utc: true
		});
		expect(known.result).toMatchObject({
			ok: true,
			draft: {
				partial: true,
				channel: undefined,
				startedAt: undefined,
				messages: [{ role: 'customer' }]
			}
		});
		const unknown = mapWarehouseTicket({ ...base, comments: [comment('4242')] }, directory, {
			utc: true
		});
		expect(unknown.result).toEqual({
			ok: false,
			reason:
				'ticket_comment_data.csv line 6: user_id 4242 is not in the user table and ticket 9999 is not in the ticket table: cannot tell the customer from agents'
		});
	});

	it('marks zone-less warehouse timestamps as UTC unless told otherwise', () => {
		expect(utcTimestamp('2020-02-19 01:54:52', true)).toBe('2020-02-19 01:54:52Z');
		expect(utcTimestamp('2023-12-12 11:20:28.994000', true)).toBe('2023-12-12 11:20:28.994000Z');
		expect(utcTimestamp('2020-02-19T01:54:52+02:00', true)).toBe('2020-02-19T01:54:52+02:00');
		expect(utcTimestamp('2020-02-19 01:54:52', false)).toBe('2020-02-19 01:54:52');
	});
});
