import { describe, expect, it } from 'vitest';
import {
	mapOrphanParts,
	mapWarehouseConversation,
	type Row,
	type WarehouseLookups
} from './warehouse-map';

describe('warehouse rows', () => {
	const lookups: WarehouseLookups = {
		admins: new Map([['4077639', { name: 'Ana', email: 'ana@example.com' }]]),
		teams: new Map([['123456', 'Customer support']]),
		zone: 'UTC'
	};
	// The latest version of conversation 156643300001372 in fivetran/dbt_intercom's seed.
	const row = {
		id: '156643300001372',
		updated_at: '2020-11-06 13:55:01',
		assignee_id: '4077639',
		assignee_type: 'admin',
		created_at: '2020-11-04 03:12:03',
		source_author_id: '5f7295ca37f0d717d37dfddb',
		source_author_type: 'user',
		source_delivered_as: 'customer_initiated',
		source_id: '672726475',
		source_type: 'conversation',
		state: 'closed',
		source_body: 'qkfzcFA4UoF9SvG054IVUw=='
	};
	const parts: Row[] = [
		{
			id: 'p1',
			conversation_id: row.id,
			author_id: '91',
			author_type: 'bot',
			created_at: '2020-11-04 03:12:10',
			part_type: 'comment',
			body: '<p>Fin here</p>'
		},
		{
			id: 'p2',
			conversation_id: row.id,
			author_id: '4077639',
			author_type: 'admin',
			created_at: '2020-11-04 11:41:22',
			part_type: 'note',
			body: 'internal'
		},
		{
			id: 'p3',
			conversation_id: row.id,
			author_id: '4077639',
			author_type: 'admin',
			created_at: '2020-11-06 13:55:01',
			part_type: 'close'
		}
	];

	it('joins a conversation with its parts, contact, tags and names, times read as UTC', () => {
		const draft = mapWarehouseConversation(
			{
				conversation: row,
				parts,
				tags: ['Support'],
				contactId: row.source_author_id,
				contact: {
					id: row.source_author_id,
					email: 'joe@example.com',
					external_id: 'u-1',
					name: 'Joe'
				}
			},
			lookups
		);
		expect(draft).toMatchObject({
			externalId: '156643300001372',
			channel: 'chat',
			status: 'closed',
			startedAt: Date.UTC(2020, 10, 4, 3, 12, 3),
			endedAt: Date.UTC(2020, 10, 6, 13, 55, 1),
			assignee: 'Ana',
			team: null,
			tags: ['Support'],
			customerName: 'Joe',
			csat: null
		});
		expect(draft.identities).toEqual([
			{ kind: 'external', value: 'intercom:5f7295ca37f0d717d37dfddb' },
			{ kind: 'external', value: 'u-1' },
			{ kind: 'email', value: 'joe@example.com' },
			{ kind: 'phone', value: undefined }
		]);
		expect(draft.messages.map((m) => [m.externalId, m.role, m.authorName, m.isPublic])).toEqual([
			['source:672726475', 'customer', 'Joe', undefined],
			['p1', 'ai', undefined, true],
			['p2', 'staff', 'Ana', false]
		]);
	});

	it('reads the rating columns: requested without a value is offered and unanswered', () => {
		const map = (extra: Record<string, string>) =>
			mapWarehouseConversation(
				{ conversation: { ...row, ...extra }, parts: [], tags: [], contactId: null, contact: null },
				lookups
			).csat;
		expect(map({})).toBeNull();
		expect(map({ conversation_rating_created_at: '2020-11-06 14:00:00' })).toEqual({
			offered: true,
			value: undefined,
			scale: '1-5',
			comment: undefined,
			answeredAt: null
		});
		expect(
			map({
				conversation_rating_created_at: '2020-11-06 14:00:00',
				conversation_rating_value: '2',
				conversation_rating_remark: 'slow'
			})
		).toEqual({
			offered: true,
			value: '2',
			scale: '1-5',
			comment: 'slow',
			answeredAt: Date.UTC(2020, 10, 6, 14)
		});
	});

	it('names a team assignee from the team table', () => {
		const draft = mapWarehouseConversation(
			{
				conversation: { ...row, assignee_type: 'team', assignee_id: '123456' },
				parts: [],
				tags: [],
				contactId: null,
				contact: null
			},
			lookups
		);
		expect([draft.assignee, draft.team]).toEqual([null, 'Customer support']);
	});

	it('parts of a conversation not in the export travel as a partial record', () => {
		const draft = mapOrphanParts('12', parts, lookups);
		expect(draft).toMatchObject({ externalId: '12', partial: true });
		expect(draft.messages).toHaveLength(2);
	});
});
