import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileBotRules, DEFAULT_BOT_RULES } from '../../bot-rules';
import { normalizeConversation } from '../../normalize';
import type { ConversationDraft } from '../../types';
import { mapConversation, mapTicket } from './map';
import { Conversation, Ticket } from './schema';

const FIXTURES = join(import.meta.dirname, '../../../../../../tests/fixtures/intercom/api');

function fixture(name: string): unknown {
	return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));
}

function conversation(value: unknown): ConversationDraft {
	return mapConversation(Conversation.parse(value));
}

const bots = compileBotRules(DEFAULT_BOT_RULES.map((rule) => ({ ...rule, enabled: true })));

function normalized(draft: ConversationDraft) {
	const result = normalizeConversation(draft, { tool: 'intercom', timeZone: 'UTC', bots });
	if (!result.ok) throw new Error(result.reason);
	return result.conversation;
}

/** A user-reply conversation from API 2.14, edited per test into the shape under test. */
function replyUser(): Record<string, unknown> & {
	conversation_parts: { conversation_parts: unknown[] };
} {
	return fixture('2.14-reply-user.json') as ReturnType<typeof replyUser>;
}

const FIN = { type: 'bot', id: '278', name: 'Fin', email: 'operator+abcd1234@intercom.io' };
const ADMIN = {
	type: 'admin',
	id: '991267694',
	name: 'Ciaran212 Lee',
	email: 'admin212@email.com'
};

function part(id: string, author: object, body: string | null, at: number, type = 'comment') {
	return { type: 'conversation_part', id, part_type: type, body, created_at: at, author };
}

describe('a single conversation (GET /conversations/{id})', () => {
	it('maps the source and the parts with a body, and nothing else', () => {
		// 2.14 "conversation found": an admin-initiated source, Operator's comment, and three
		// body-less events (custom action started/finished, an attribute set by Fin).
		const draft = conversation(fixture('2.14-get-conversation.json'));
		expect(draft.externalId).toBe('503');
		expect(draft.channel).toBe('chat');
		expect(draft.status).toBe('closed');
		expect(draft.tags).toEqual(['Test tag']);
		expect(draft.assignee).toBe('991267715');
		expect(draft.team).toBe('5017691');
		expect(draft.csat).toBeNull();
		expect(draft.identities).toEqual([
			{ kind: 'external', value: 'intercom:6762f1261bb69f9f2193bba7' },
			{ kind: 'external', value: '70' },
			{ kind: 'email', value: undefined },
			{ kind: 'phone', value: undefined }
		]);
		expect(draft.messages.map((m) => [m.path, m.externalId, m.role, m.html, m.isPublic])).toEqual([
			['conversation', 'source:403918334', 'staff', true, undefined],
			// Operator writes from operator+…@intercom.io: Intercom's bot identity.
			['conversation_parts[0]', 1, 'ai', true, true]
		]);
	});

	it('reads HTML bodies as text and keeps the times Intercom wrote (epoch seconds)', () => {
		const c = normalized(conversation(fixture('2.14-reply-user.json')));
		expect(c.messages.map((m) => [m.role, m.text, m.at])).toEqual([
			['agent', 'this is the message body', 1734537559000],
			['customer', 'Thanks again :)', 1734537561000]
		]);
		expect(c.customerName).toBe('Joe Bloggs');
		expect(c.identities).toContainEqual({ kind: 'email', value: 'joe@bloggs.com' });
		expect(c.startedAt).toBe(1734537559000);
	});

	it('keeps a note as an internal message and drops a quick-reply part without a body', () => {
		const note = conversation(fixture('2.14-reply-admin-note.json'));
		expect(note.messages.map((m) => [m.externalId, m.isPublic])).toEqual([
			['source:403918350', undefined],
			['133', false]
		]);
		const quick = conversation(fixture('2.14-reply-admin-quick-reply.json'));
		expect(quick.messages).toHaveLength(1);
	});

	it('ends a closed conversation at its close part; open, snooze and assign parts are no messages', () => {
		const closed = conversation(fixture('2.14-parts-close.json'));
		expect(closed.endedAt).toBe(1734537584);
		expect(closed.messages.at(-1)?.text).toBe('<p>Goodbye :)</p>');
		for (const name of [
			'2.14-parts-open.json',
			'2.14-parts-snooze.json',
			'2.14-parts-assign.json'
		]) {
			const draft = conversation(fixture(name));
			expect(draft.messages.map((m) => m.path)).toEqual(['conversation']);
			expect(draft.endedAt).toBeUndefined();
		}
		expect(conversation(fixture('2.14-parts-snooze.json')).status).toBe('snoozed');
		// The assignee wrote the assignment part, so its name is known.
		expect(conversation(fixture('2.14-parts-assign.json')).assignee).toBe('Ciaran223 Lee');
	});

	it("reads Unstable's email conversation: a lead's email source is the customer's message", () => {
		const draft = conversation(fixture('unstable-get-email-conversation.json'));
		expect(draft.channel).toBe('email');
		expect(draft.messages[0]).toMatchObject({ path: 'conversation', role: 'customer' });
	});

	it("keeps Fin's call summary as an internal AI part", () => {
		const draft = conversation(fixture('unstable-get-conversation.json'));
		expect(draft.messages.at(-1)).toMatchObject({ externalId: 5, role: 'ai', isPublic: false });
	});

	it('keeps a conversation with neither source nor parts (a QA-evaluation item)', () => {
		const c = normalized(conversation(fixture('unstable-get-conversation-qa.json')));
		expect(c).toMatchObject({ externalId: '601', messages: [], channel: 'other', status: 'open' });
		expect(c.startedAt).toBe(1734537700000);
	});
});

describe('authors', () => {
	it('Fin then a teammate: the bot is AI on the tool’s word, the admin is left to the rules', () => {
		const record = replyUser();
		record.conversation_parts.conversation_parts = [
			part(
				'201',
				{ type: 'user', id: '6762f1571bb69f9f2193bbbb', name: 'Joe Bloggs' },
				'<p>Hi</p>',
				1734537560
			),
			part('202', FIN, '<p>I can help with that.</p>', 1734537561),
			part(
				'203',
				{ type: 'user', id: '6762f1571bb69f9f2193bbbb' },
				'<p>A human please</p>',
				1734537562
			),
			part('204', ADMIN, '<p>Here now.</p>', 1734537563)
		];
		const c = normalized(conversation(record));
		expect(c.messages.slice(1).map((m) => [m.role, m.roleOrigin])).toEqual([
			['customer', 'tool'],
			['ai', 'tool'],
			['customer', 'tool'],
			['agent', 'rules']
		]);
	});

	it('an admin sending for the AI agent (from_ai_agent) is AI; an admin named like a bot is caught by the rules', () => {
		const record = replyUser();
		record.conversation_parts.conversation_parts = [
			part(
				'301',
				{ ...ADMIN, id: '1', name: 'Support', from_ai_agent: true },
				'<p>a</p>',
				1734537560
			),
			part('302', { ...ADMIN, id: '2', name: 'Answer Bot' }, '<p>b</p>', 1734537561),
			part('303', { type: 'team', id: '3', name: 'Billing' }, '<p>c</p>', 1734537562),
			part('304', { type: 'lead', id: '4' }, '<p>d</p>', 1734537563)
		];
		const c = normalized(conversation(record));
		expect(c.messages.slice(1).map((m) => [m.role, m.roleOrigin])).toEqual([
			['ai', 'tool'],
			['ai', 'rules'],
			['agent', 'rules'],
			['customer', 'tool']
		]);
	});

	it('an outbound sent by automation opens the conversation as no one’s reply', () => {
		const record = replyUser();
		(record.source as Record<string, unknown>).delivered_as = 'automated';
		expect(conversation(record).messages[0]?.role).toBe('system');
	});

	it('a conversation the bot started (operator_initiated) opens with the AI, whoever it is sent as', () => {
		const record = replyUser();
		(record.source as Record<string, unknown>).delivered_as = 'operator_initiated';
		expect(conversation(record).messages.map((m) => m.role)).toEqual(['ai', 'customer']);
	});
});

describe('CSAT and the AI agent', () => {
	it('reads conversation_rating on the 1-5 scale and Fin’s involvement as tags', () => {
		// Assembled from API 2.14's schema examples: the only payload with a rating and ai_agent.
		const draft = conversation(fixture('2.14-schema-conversation-assembled.json'));
		expect(draft.csat).toEqual({
			offered: true,
			value: 5,
			scale: '1-5',
			comment: '',
			answeredAt: 1671028894
		});
		expect(draft.tags).toEqual([
			'intercom:ai_agent_participated',
			'intercom:ai_resolution:assumed_resolution'
		]);
		expect(draft.messages.map((m) => m.role)).toEqual(['ai', 'ai']);
	});

	it('a rating object without a rating is a survey offered and not answered', () => {
		const record = fixture('2.14-schema-conversation-assembled.json') as Record<string, unknown>;
		record.conversation_rating = { rating: null, remark: null, created_at: 1671028894 };
		const c = normalized(conversation(record));
		expect(c.csat).toEqual({
			offered: true,
			value: null,
			scale: '1-5',
			comment: null,
			answeredAt: null
		});
	});

	it("uses Fin's rating when no teammate rating exists, and no survey means csat null", () => {
		const record = fixture('2.14-schema-conversation-assembled.json') as Record<string, unknown>;
		record.conversation_rating = null;
		expect(conversation(record).csat).toEqual({
			offered: true,
			value: 4,
			scale: '1-5',
			comment: 'Very helpful!'
		});
		expect(conversation(fixture('2.14-reply-user.json')).csat).toBeNull();
	});
});

describe('list items and tickets', () => {
	it('a list item carries only its source: that is what is imported', () => {
		const page = fixture('2.14-list-conversations.json') as { conversations: unknown[] };
		const draft = conversation(page.conversations[0]);
		expect(draft.externalId).toBe('471');
		expect(draft.messages.map((m) => m.path)).toEqual(['conversation']);
	});

	it('maps a ticket: its comments, state category and type category', () => {
		const draft = mapTicket(Ticket.parse(fixture('2.14-convert-to-ticket.json')));
		expect(draft).toMatchObject({
			externalId: '611',
			status: 'submitted',
			tags: ['intercom:ticket', 'intercom:ticket_category:customer'],
			assignee: null,
			team: null
		});
		expect(draft.messages.map((m) => [m.externalId, m.role])).toEqual([['151', 'customer']]);
		// Unstable writes the state as a plain string.
		expect(mapTicket(Ticket.parse(fixture('unstable-change-ticket-type.json'))).status).toBe(
			'submitted'
		);
	});
});
