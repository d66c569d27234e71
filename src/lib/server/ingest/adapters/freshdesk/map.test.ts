import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileBotRules, DEFAULT_BOT_RULES, type BotRule } from '../../bot-rules';
import { normalizeConversation } from '../../normalize';
import type { ConversationDraft } from '../../types';
import { mapRating, mapTicket, type Mapped } from './map';
import { SatisfactionRating, Ticket } from './schema';

const FIXTURES = join(import.meta.dirname, '../../../../../../tests/fixtures/freshdesk');

function fixture(name: string): Record<string, unknown> {
	return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
}

const defaults: BotRule[] = DEFAULT_BOT_RULES.map((rule) => ({ ...rule, enabled: true }));

function draftOf(mapped: Mapped): ConversationDraft {
	if (!mapped.ok) throw new Error(mapped.reason);
	return mapped.draft;
}

function normalized(draft: ConversationDraft, rules: BotRule[] = defaults) {
	const result = normalizeConversation(draft, {
		tool: 'freshdesk',
		timeZone: 'UTC',
		bots: compileBotRules(rules)
	});
	if (!result.ok) throw new Error(result.reason);
	return result.conversation;
}

/** GET /tickets/{id}?include=conversations: the ticket with its conversations inside. */
function embedded(value: Record<string, unknown>) {
	return draftOf(mapTicket(Ticket.parse(value)));
}

/** An export script's pairing: {"ticket": …, "conversations": […]}. */
function paired(value: Record<string, unknown>) {
	return draftOf(mapTicket(Ticket.parse(value.ticket), value.conversations as unknown[]));
}

describe('a ticket with its conversations embedded (freshdesk-cli)', () => {
	it('is the description and three conversations, the requester the customer', () => {
		const c = normalized(embedded(fixture('cli-ticket-with-conversations.json')));
		expect(c.externalId).toBe('1');
		expect(c.messages.map((m) => [m.externalId, m.role, m.roleOrigin, m.authorId, m.at])).toEqual([
			['ticket:1', 'customer', 'tool', '1000000001', Date.UTC(2024, 0, 15, 10, 30)],
			['2001', 'customer', 'tool', '1000000001', Date.UTC(2024, 0, 15, 11, 0)],
			// Agent 1000000002 has no name in the export: the rules find no bot, so a human.
			['2002', 'agent', 'rules', '1000000002', Date.UTC(2024, 0, 15, 11, 30)],
			['2003', 'agent', 'rules', '1000000002', Date.UTC(2024, 0, 16, 14, 0)]
		]);
		expect(c.messages[0]?.text).toBe('Initial ticket description with an issue');
		expect(c.messages[2]?.text).toBe(
			'Thank you for contacting support. We are investigating the issue.'
		);
		expect(c).toMatchObject({
			// Source 0 is not one of Freshdesk's ticket sources.
			channel: 'other',
			status: 'open',
			tags: ['support', 'attachment'],
			assignee: '1000000002',
			team: '1000000003',
			startedAt: Date.UTC(2024, 0, 15, 10, 30),
			endedAt: Date.UTC(2024, 0, 16, 14, 0),
			csat: null
		});
		// from_email holds a user id in this fixture, not an address: it is no identity.
		expect(c.identities).toEqual([{ kind: 'external', value: 'freshdesk:1000000001' }]);
	});

	it('reads a ticket list’s tickets as their descriptions alone, with the source as channel', () => {
		const list = JSON.parse(readFileSync(join(FIXTURES, 'cli-tickets-list.json'), 'utf8')) as Array<
			Record<string, unknown>
		>;
		const [portal, email] = list.map((ticket) => normalized(embedded(ticket)));
		expect(portal).toMatchObject({
			channel: 'web',
			status: 'open',
			tags: ['sample', 'test', 'api']
		});
		expect(portal?.messages.map((m) => [m.role, m.text])).toEqual([
			['customer', 'This is a sample ticket description in plain text']
		]);
		expect(email).toMatchObject({ externalId: '2', channel: 'email', tags: ['urgent', 'outage'] });
		expect(email?.startedAt).toBe(Date.UTC(2024, 0, 16, 8, 15));
	});
});

describe('a ticket paired with its conversations (chatwoot)', () => {
	it('puts out-of-order parts in time order and keeps the private note internal', () => {
		const c = normalized(paired(fixture('chatwoot-ticket-with-conversations.json')));
		expect(c.messages.map((m) => [m.externalId, m.role, m.isPublic, m.at])).toEqual([
			['ticket:2001', 'customer', true, Date.UTC(2024, 0, 2, 10, 0)],
			['3001', 'agent', true, Date.UTC(2024, 0, 3, 8, 0)],
			['3002', 'agent', false, Date.UTC(2024, 0, 3, 9, 0)],
			['3003', 'customer', true, Date.UTC(2024, 0, 4, 12, 30)]
		]);
		expect(c.messages[0]?.text).toBe('The checkout button is not responding.');
		expect(c).toMatchObject({
			channel: 'email',
			status: 'resolved',
			tags: ['checkout'],
			customerName: 'Customer Example',
			assignee: '501',
			team: '42',
			startedAt: Date.UTC(2024, 0, 2, 10, 0),
			// Resolved, but without include=stats Freshdesk does not say when: the last message.
			endedAt: Date.UTC(2024, 0, 4, 12, 30)
		});
		expect(c.identities).toEqual([
			{ kind: 'external', value: 'freshdesk:1001' },
			{ kind: 'external', value: 'customer-1001' },
			{ kind: 'email', value: 'customer@example.com' },
			{ kind: 'phone', value: '+15551234567' }
		]);
	});

	it('reads a web chat from its conversations: the system greeting, no repeated description', () => {
		const c = normalized(paired(fixture('chatwoot-web-chat-ticket.json')));
		expect(c.channel).toBe('chat');
		expect(c.messages.map((m) => [m.externalId, m.role])).toEqual([
			['3101', 'system'],
			['3102', 'customer'],
			['3103', 'customer'],
			['3104', 'agent'],
			['3105', 'customer'],
			['3106', 'agent']
		]);
		expect(c.messages[2]?.text).toBe('The display reads 82°C instead of 93°C.');
		expect(c).toMatchObject({
			status: 'open',
			tags: [],
			customerName: null,
			startedAt: Date.UTC(2026, 6, 31, 8, 0),
			endedAt: Date.UTC(2026, 6, 31, 8, 10)
		});
		expect(c.identities).toEqual([{ kind: 'external', value: 'freshdesk:1101' }]);
	});
});

describe('roles the tool does not mark', () => {
	it('lets a bot rule on the author id make Freddy’s replies the AI’s', () => {
		const rules: BotRule[] = [
			...defaults,
			{ kind: 'author_id', pattern: '510', tool: 'freshdesk', enabled: true }
		];
		const c = normalized(paired(fixture('chatwoot-web-chat-ticket.json')), rules);
		expect(
			c.messages.filter((m) => m.role === 'ai').map((m) => [m.externalId, m.roleOrigin])
		).toEqual([
			['3104', 'rules'],
			['3106', 'rules']
		]);
	});

	it('gives an outbound email’s description to the agent who sent it', () => {
		const ticket = fixture('cli-tickets-list.json') as unknown as Array<Record<string, unknown>>;
		const c = normalized(embedded({ ...ticket[1], source: 10 }));
		expect(c.channel).toBe('email');
		expect(c.messages.map((m) => [m.role, m.authorId])).toEqual([['agent', '1000000002']]);
	});
});

describe('satisfaction ratings', () => {
	const rating = (code: unknown) =>
		mapRating(
			SatisfactionRating.parse({
				id: 9001,
				survey_id: 3,
				user_id: 1001,
				ticket_id: 2001,
				feedback: 'Took two days',
				ratings: { default_question: code },
				created_at: '2024-01-05T09:00:00Z'
			})
		);

	it('puts Freshdesk’s -103..103 answers on a 1–7 scale and updates the rated ticket', () => {
		const c = normalized(draftOf(rating(-103)));
		expect(c).toMatchObject({ externalId: '2001', partial: true, messages: [] });
		expect(c.csat).toEqual({
			offered: true,
			value: '1',
			scale: '1-7',
			comment: 'Took two days',
			answeredAt: Date.UTC(2024, 0, 5, 9, 0)
		});
		expect(normalized(draftOf(rating(100))).csat?.value).toBe('4');
		expect(normalized(draftOf(rating('103'))).csat?.value).toBe('7');
	});

	it('rejects an answer that is not a Freshdesk code, naming the field', () => {
		expect(rating(5)).toEqual({
			ok: false,
			reason: 'ratings.default_question: not a Freshdesk survey answer: 5 (-103 to 103)'
		});
	});
});

describe('malformed records', () => {
	it('names the conversation and field that cannot be read', () => {
		const value = fixture('chatwoot-ticket-with-conversations.json');
		const conversations = value.conversations as Array<Record<string, unknown>>;
		const badDate = [conversations[0], { ...conversations[1], created_at: 'yesterday' }];
		const result = normalizeConversation(draftOf(mapTicket(Ticket.parse(value.ticket), badDate)), {
			tool: 'freshdesk',
			timeZone: 'UTC',
			bots: compileBotRules(defaults)
		});
		expect(result).toEqual({
			ok: false,
			reason: "conversations[1].created_at: not a date: 'yesterday'"
		});
		expect(
			mapTicket(Ticket.parse(value.ticket), [{ ...conversations[0], user_id: { id: 1 } }])
		).toEqual({
			ok: false,
			reason: expect.stringMatching(/^conversations\[0\]\.user_id: /)
		});
	});
});
