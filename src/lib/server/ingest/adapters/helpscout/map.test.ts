import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileBotRules, DEFAULT_BOT_RULES } from '../../bot-rules';
import { normalizeConversation } from '../../normalize';
import type { ConversationDraft } from '../../types';
import { mapConversation, type Mapped } from './map';
import { Conversation } from './schema';

const FIXTURES = join(import.meta.dirname, '../../../../../../tests/fixtures/helpscout');

const bots = compileBotRules(DEFAULT_BOT_RULES.map((rule) => ({ ...rule, enabled: true })));

function draftOf(mapped: Mapped): ConversationDraft {
	if (!mapped.ok) throw new Error(mapped.reason);
	return mapped.draft;
}

function normalized(value: unknown) {
	const result = normalizeConversation(draftOf(mapConversation(Conversation.parse(value))), {
		tool: 'helpscout',
		timeZone: 'UTC',
		bots
	});
	if (!result.ok) throw new Error(result.reason);
	return result.conversation;
}

/**
 * A Mailbox API 2.0 conversation with embed=threads, in the fields and values of Help
 * Scout's documented examples (GET /v2/conversations/{id}, GET /v2/conversations/{id}/threads,
 * and the v3 threads example's `system_user`); no real 2.0 export is among the fixtures.
 */
function v2Conversation() {
	const vernon = { id: 29418, first: 'Vernon', last: 'Bear', email: 'vbear@mywork.com' };
	const robot = { id: 99, type: 'user', first: 'Mr', last: 'Robot', email: 'none@nowhere.com' };
	return {
		id: 123,
		number: 12,
		threads: 6,
		type: 'email',
		folderId: 11,
		status: 'closed',
		state: 'published',
		subject: 'Help',
		mailboxId: 13,
		assignee: robot,
		createdBy: { id: 29418, type: 'customer', email: 'vbear@mywork.com' },
		createdAt: '2012-03-15T22:46:22Z',
		closedAt: '2012-03-16T14:07:23Z',
		userUpdatedAt: '2012-03-16T14:07:23Z',
		source: { type: 'web', via: 'customer' },
		tags: [{ id: 9150, color: '#929499', tag: 'vip' }],
		primaryCustomer: vernon,
		_embedded: {
			// Help Scout lists threads newest first.
			threads: [
				{
					id: 1240,
					type: 'lineitem',
					status: 'closed',
					state: 'published',
					action: { type: 'manual-workflow', text: 'You ran the Close workflow' },
					createdBy: robot,
					createdAt: '2012-03-16T14:07:23Z'
				},
				{
					id: 1239,
					type: 'message',
					state: 'draft',
					body: 'Unsent draft',
					createdBy: robot,
					createdAt: '2012-03-16T14:06:00Z'
				},
				{
					id: 1238,
					type: 'message',
					state: 'published',
					body: '<p>Fixed &amp; deployed.</p>',
					source: { type: 'email', via: 'user' },
					createdBy: robot,
					createdAt: '2012-03-16T14:05:00Z'
				},
				{
					id: 1237,
					type: 'note',
					state: 'published',
					body: 'Escalating to engineering',
					createdBy: robot,
					createdAt: '2012-03-16T09:00:00Z'
				},
				{
					id: 1236,
					type: 'message',
					state: 'published',
					body: 'I can help with that. Which browser?',
					source: { type: 'api', via: 'user' },
					createdBy: { ...robot, id: 7, type: 'system_user', first: 'AI', last: 'Answers' },
					createdAt: '2012-03-15T22:47:00Z'
				},
				{
					id: 1234,
					type: 'customer',
					status: 'active',
					state: 'published',
					body: 'this is what i have to say: I love your service.',
					source: { type: 'email', via: 'customer' },
					customer: vernon,
					createdBy: { ...vernon, type: 'customer' },
					createdAt: '2012-03-15T22:46:22Z'
				}
			]
		}
	};
}

describe('an API 1.0 conversation (helpscout-api-php’s beacon-chat fixture)', () => {
	it('maps the conversation and its one published thread', () => {
		const value = JSON.parse(
			readFileSync(join(FIXTURES, 'v1-beaconchat-conversation.json'), 'utf8')
		) as { item: unknown };
		const c = normalized(value.item);
		expect(c).toMatchObject({
			externalId: '291938',
			channel: 'email',
			status: 'active',
			tags: ['tag1', 'tag2'],
			customerName: 'Vernon Bear',
			assignee: 'Jack Sprout',
			team: 'My Mailbox',
			startedAt: Date.UTC(2012, 6, 23, 12, 34, 12),
			// Active: the last message ends it.
			endedAt: Date.UTC(2012, 6, 23, 12, 34, 12),
			csat: null
		});
		expect(c.identities).toEqual([
			{ kind: 'external', value: 'helpscout:29418' },
			{ kind: 'email', value: 'vbear@mywork.com' },
			{ kind: 'phone', value: '8005551212' }
		]);
		// The beacon-chat thread was written by Jack Sprout, a user: staff, a human by the rules.
		expect(
			c.messages.map((m) => [m.externalId, m.role, m.roleOrigin, m.authorName, m.text])
		).toEqual([
			['88171881', 'agent', 'rules', 'Jack Sprout', 'This is what I have to say. Thank you.']
		]);
	});
});

describe('a Mailbox API 2.0 conversation with embedded threads', () => {
	it('keeps published messages in time order, notes internal, events and drafts out', () => {
		const c = normalized(v2Conversation());
		expect(c.messages.map((m) => [m.externalId, m.role, m.roleOrigin, m.isPublic, m.at])).toEqual([
			['1234', 'customer', 'tool', true, Date.UTC(2012, 2, 15, 22, 46, 22)],
			// system_user: Help Scout's AI-powered user, on the tool's word.
			['1236', 'ai', 'tool', true, Date.UTC(2012, 2, 15, 22, 47)],
			['1237', 'agent', 'rules', false, Date.UTC(2012, 2, 16, 9, 0)],
			['1238', 'agent', 'rules', true, Date.UTC(2012, 2, 16, 14, 5)]
		]);
		expect(c.messages[3]?.text).toBe('Fixed & deployed.');
		expect(c).toMatchObject({
			externalId: '123',
			// An email conversation that came in through a form or Beacon (source.type web).
			channel: 'web',
			status: 'closed',
			tags: ['vip'],
			customerName: 'Vernon Bear',
			assignee: 'Mr Robot',
			team: '13',
			startedAt: Date.UTC(2012, 2, 15, 22, 46, 22),
			endedAt: Date.UTC(2012, 2, 16, 14, 7, 23)
		});
		expect(c.identities).toEqual([
			{ kind: 'external', value: 'helpscout:29418' },
			{ kind: 'email', value: 'vbear@mywork.com' }
		]);
	});

	it('takes a chat or phone conversation’s type as its channel', () => {
		expect(normalized({ ...v2Conversation(), type: 'chat' }).channel).toBe('chat');
		expect(normalized({ ...v2Conversation(), type: 'phone' }).channel).toBe('voice');
		expect(normalized({ ...v2Conversation(), source: { type: 'emailfwd' } }).channel).toBe('email');
	});

	it('names the thread and field that cannot be read', () => {
		const value = v2Conversation();
		value._embedded.threads[2] = { ...value._embedded.threads[2]!, createdAt: 'yesterday' };
		const draft = draftOf(mapConversation(Conversation.parse(value)));
		expect(normalizeConversation(draft, { tool: 'helpscout', timeZone: 'UTC', bots })).toEqual({
			ok: false,
			reason: "_embedded.threads[2].createdAt: not a date: 'yesterday'"
		});
		const badBody = { ...v2Conversation(), _embedded: { threads: [{ id: 1, body: 42 }] } };
		expect(mapConversation(Conversation.parse(badBody))).toEqual({
			ok: false,
			reason: expect.stringMatching(/^_embedded\.threads\[0\]\.body: .*got 42$/)
		});
	});
});
