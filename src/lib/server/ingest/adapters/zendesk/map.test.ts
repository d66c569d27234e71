import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directoryOf } from '../../../../../../tests/helpers/zendesk';
import type { ConversationDraft } from '../../types';
import { assembleTicket, type Located, type TicketParts } from './map';
import { Audit, Comment, SatisfactionRating, Ticket, TicketEvent } from './schema';

const FIXTURES = join(process.cwd(), 'tests/fixtures/zendesk');

function fixture(path: string): Record<string, unknown[]> & Record<string, unknown> {
	return JSON.parse(readFileSync(join(FIXTURES, path), 'utf8'));
}

function parts(ticketId: string, extra: Partial<TicketParts> = {}): TicketParts {
	return { ticketId, audits: [], events: [], comments: [], ratings: [], ...extra };
}

function located<T>(
	values: unknown[],
	key: string,
	schema: { parse(v: unknown): T }
): Located<T>[] {
	return values.map((value, index) => ({ value: schema.parse(value), path: `${key}[${index}]` }));
}

function draftOf(result: ReturnType<typeof assembleTicket>): ConversationDraft {
	if (!result.ok) throw new Error(result.reason);
	return result.draft;
}

describe('Zendesk API tickets', () => {
	it('maps a single ticket with side-loaded users and groups (go-zendesk ticket_sideload.json)', () => {
		const file = fixture('go-zendesk/ticket_sideload.json');
		const ticket = { value: Ticket.parse(file.ticket), path: 'ticket[0]' };
		const directory = directoryOf(file.users as unknown[], [['360004077472', 'Support']]);
		expect(draftOf(assembleTicket(parts('4', { ticket }), directory))).toEqual({
			externalId: '4',
			channel: 'api',
			identities: [
				{ kind: 'external', value: 'zendesk:377922500012' },
				{ kind: 'email', value: 'nukosuke@lavabit.com' }
			],
			customerName: 'Yosuke Tamura',
			startedAt: '2019-06-06T10:02:04Z',
			updatedAt: '2019-06-06T10:02:04Z',
			status: 'new',
			tags: [],
			assignee: null,
			team: 'Support',
			csat: null,
			messages: [],
			partial: false,
			fields: { externalId: 'ticket.id', startedAt: 'created_at', channel: 'via.channel' }
		});
	});

	it('takes the requester email from an email ticket’s via.source (go-zendesk tickets.json)', () => {
		const file = fixture('go-zendesk/tickets.json');
		const [email] = located(file.tickets as unknown[], 'tickets', Ticket);
		const draft = draftOf(assembleTicket(parts('2', { ticket: email }), directoryOf()));
		expect(draft.identities).toEqual([
			{ kind: 'external', value: 'zendesk:377922500012' },
			{ kind: 'email', value: 'nukosuke@lavabit.com' }
		]);
		expect(draft).toMatchObject({
			channel: 'email',
			customerName: 'Yosuke Tamura',
			assignee: '377922500012',
			team: '360004077472',
			status: 'solved'
		});
	});

	it('maps embedded comments: roles from users, Answer Bot by its name for the rules, private notes', () => {
		const file = fixture('api-docs/tickets_with_comments.json');
		const [messaging] = located(file.tickets as unknown[], 'tickets', Ticket);
		const directory = directoryOf(file.users as unknown[], [['98738', 'Tier 1']]);
		const draft = draftOf(assembleTicket(parts('5001', { ticket: messaging }), directory));
		expect(draft).toMatchObject({
			channel: 'native_messaging',
			customerName: 'Lee Customer',
			assignee: 'Johnny Agent',
			team: 'Tier 1',
			status: 'solved',
			tags: ['shipping'],
			partial: false
		});
		expect(draft.identities).toEqual([
			{ kind: 'external', value: 'zendesk:5501' },
			{ kind: 'email', value: 'lee@example.com' },
			{ kind: 'phone', value: '+15551234567' }
		]);
		expect(
			draft.messages.map((m) => [m.externalId, m.role, m.authorName, m.isPublic, m.html])
		).toEqual([
			[50011, 'customer', 'Lee Customer', true, false],
			[50012, 'staff', 'Answer Bot', true, false],
			[50013, 'customer', 'Lee Customer', true, false],
			[50014, 'staff', 'Johnny Agent', true, false],
			[50015, 'staff', 'Johnny Agent', false, false]
		]);
		expect(draft.messages[0]).toMatchObject({
			path: 'tickets[0].comments[0]',
			at: '2024-03-05T10:00:00Z',
			text: 'Where is my parcel?',
			authorId: '5501'
		});
	});

	it('without users, the requester is the customer and everyone else staff', () => {
		const ticket = {
			path: 'line 1',
			value: Ticket.parse({
				id: 6001,
				requester_id: 7001,
				created_at: '2024-03-07T08:00:00Z',
				via: { channel: 'chat' },
				comments: [
					{ id: 1, author_id: 7001, body: 'hi', created_at: '2024-03-07T08:00:00Z' },
					{ id: 2, author_id: 8001, body: 'hello', created_at: '2024-03-07T08:01:00Z' }
				]
			})
		};
		const draft = draftOf(assembleTicket(parts('6001', { ticket }), directoryOf()));
		expect(draft.messages.map((m) => m.role)).toEqual(['customer', 'staff']);
	});

	it('rejects a ticket whose comment is malformed, naming the path', () => {
		const ticket = {
			path: 'tickets[2]',
			value: Ticket.parse({ id: 1, requester_id: 2, comments: [{ id: 1, body: 42 }] })
		};
		expect(assembleTicket(parts('1', { ticket }), directoryOf())).toEqual({
			ok: false,
			reason: 'tickets[2].comments[0].body: Invalid input: expected string, received number; got 42'
		});
	});

	it('reads the ticket’s satisfaction_rating, and refuses a score Zendesk does not write', () => {
		const file = fixture('api-docs/incremental_tickets_cursor.json');
		const [ticket] = located(file.tickets as unknown[], 'tickets', Ticket);
		expect(draftOf(assembleTicket(parts('35436', { ticket }), directoryOf())).csat).toEqual({
			offered: true,
			value: 'good',
			scale: 'good-bad',
			comment: 'Great support!',
			answeredAt: null
		});
		const odd = {
			path: 'tickets[0]',
			value: Ticket.parse({ id: 1, satisfaction_rating: { score: 'meh' } })
		};
		expect(assembleTicket(parts('1', { ticket: odd }), directoryOf())).toMatchObject({
			ok: false,
			reason:
				'tickets[0].satisfaction_rating.score: not a Zendesk satisfaction score: "meh" (good, bad, offered or unoffered)'
		});
	});
});

describe('Zendesk comments pages', () => {
	it('maps a page whose ticket is known as a partial update, html-only bodies as HTML', () => {
		const file = fixture('api-docs/tickets_35436_comments.json');
		const comments = located(file.comments as unknown[], 'comments', Comment);
		const draft = draftOf(
			assembleTicket(parts('35436', { comments }), directoryOf(file.users as unknown[]))
		);
		expect(draft.partial).toBe(true);
		expect(draft.startedAt).toBeUndefined();
		expect(draft.messages.map((m) => [m.externalId, m.role, m.html, m.text])).toEqual([
			[1001, 'customer', false, 'My printer is on fire! There is smoke everywhere.'],
			[
				1006,
				'customer',
				true,
				'<div class="zd-comment" dir="auto"><p dir="auto">Thanks, the technician fixed it &amp; the smoke is gone.</p></div>'
			]
		]);
	});

	it('cannot tell roles on a page without users (go-zendesk ticket_comments.json)', () => {
		const file = fixture('go-zendesk/ticket_comments.json');
		const comments = located(file.comments as unknown[], 'comments', Comment);
		expect(assembleTicket(parts('2', { comments }), directoryOf())).toEqual({
			ok: false,
			reason:
				'comments[0].author_id: cannot tell whether 377922500012 is the customer or an agent: the file has no user record for them and no requester for ticket 2 (export with include=users)'
		});
	});
});

describe('Zendesk audits and ticket events', () => {
	it('builds a ticket from its audits: Create fields, Comment events, later Changes; notifications ignored', () => {
		const file = fixture('api-docs/ticket_audits.json');
		const audits = located(file.audits as unknown[], 'audits', Audit);
		const draft = draftOf(
			assembleTicket(parts('47', { audits }), directoryOf(file.users as unknown[]))
		);
		expect(draft).toMatchObject({
			externalId: '47',
			channel: 'native_messaging',
			startedAt: '2024-03-04T09:00:00Z',
			status: 'closed',
			tags: ['billing'],
			customerName: 'Lee Customer',
			partial: false
		});
		expect(draft.messages.map((m) => [m.externalId, m.role, m.authorName, m.at, m.html])).toEqual([
			[47001, 'customer', 'Lee Customer', '2024-03-04T09:00:00Z', false],
			[47002, 'staff', 'Answer Bot', '2024-03-04T09:00:05Z', true],
			[47003, 'customer', 'Lee Customer', '2024-03-04T09:01:00Z', false],
			[47004, 'staff', 'Answer Bot', '2024-03-04T09:01:02Z', false]
		]);
		expect(draft.messages[1]?.path).toBe('audits[1].events[0]');
	});

	it('reads ticket events with comment_events: field-as-key Create, Answer Bot via, private note', () => {
		const file = fixture('api-docs/ticket_events_comment_events.json');
		const events = located(file.ticket_events as unknown[], 'ticket_events', TicketEvent);
		const ticket35436 = events.filter((event) => String(event.value.ticket_id) === '35436');
		const draft = draftOf(assembleTicket(parts('35436', { events: ticket35436 }), directoryOf()));
		expect(draft).toMatchObject({
			channel: 'Web form',
			startedAt: '2009-07-20T22:55:29Z',
			status: 'open',
			partial: false,
			identities: [{ kind: 'external', value: 'zendesk:20978392' }]
		});
		expect(draft.messages.map((m) => [m.externalId, m.role, m.isPublic])).toEqual([
			[1001, 'customer', true],
			[1002, 'ai', true],
			[1003, 'customer', true],
			[1004, 'staff', true],
			[1005, 'staff', false]
		]);
	});

	it('a fragment without the ticket’s creation only updates (ticket 777)', () => {
		const file = fixture('api-docs/ticket_events_comment_events.json');
		const events = located(file.ticket_events as unknown[], 'ticket_events', TicketEvent).filter(
			(event) => String(event.value.ticket_id) === '777'
		);
		const draft = draftOf(assembleTicket(parts('777', { events }), directoryOf()));
		expect(draft).toMatchObject({ partial: true, status: 'solved', messages: [] });
		expect(draft.startedAt).toBeUndefined();
	});

	it('keeps one message per comment id when a ticket and its audits both carry it', () => {
		const ticket = {
			path: 'tickets[0]',
			value: Ticket.parse({
				id: 5,
				requester_id: 1,
				created_at: '2024-01-01T00:00:00Z',
				comments: [{ id: 77, author_id: 1, body: 'hi', created_at: '2024-01-01T00:00:00Z' }]
			})
		};
		const audits = located(
			[
				{
					ticket_id: 5,
					created_at: '2024-01-01T00:00:00Z',
					author_id: 1,
					events: [{ id: 77, type: 'Comment', body: 'hi', public: true }]
				}
			],
			'audits',
			Audit
		);
		const draft = draftOf(assembleTicket(parts('5', { ticket, audits }), directoryOf()));
		expect(draft.messages).toHaveLength(1);
	});
});

describe('Zendesk satisfaction ratings', () => {
	it('are a partial update carrying the latest rating of the ticket', () => {
		const file = fixture('api-docs/satisfaction_ratings.json');
		const ratings = located(
			file.satisfaction_ratings as unknown[],
			'satisfaction_ratings',
			SatisfactionRating
		);
		const of35436 = ratings.filter((r) => String(r.value.ticket_id) === '35436');
		expect(draftOf(assembleTicket(parts('35436', { ratings: of35436 }), directoryOf()))).toEqual({
			externalId: '35436',
			channel: undefined,
			identities: [{ kind: 'external', value: 'zendesk:20978392' }],
			customerName: undefined,
			startedAt: undefined,
			status: undefined,
			tags: undefined,
			assignee: null,
			team: null,
			csat: {
				offered: true,
				value: 'good',
				scale: 'good-bad',
				comment: 'Great support!',
				answeredAt: '2011-05-05T10:38:52Z'
			},
			messages: [],
			partial: true,
			fields: { externalId: 'ticket.id', startedAt: 'created_at', channel: 'via.channel' }
		});
		const of47 = ratings.filter((r) => String(r.value.ticket_id) === '47');
		expect(draftOf(assembleTicket(parts('47', { ratings: of47 }), directoryOf())).csat).toEqual({
			offered: false,
			value: null,
			scale: 'good-bad'
		});
	});
});
