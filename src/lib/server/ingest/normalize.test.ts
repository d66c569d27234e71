import { describe, expect, it } from 'vitest';
import { compileBotRules, DEFAULT_BOT_RULES } from './bot-rules';
import {
	htmlToText,
	normalizeChannel,
	normalizeConversation,
	normalizeIdentity
} from './normalize';
import type { ConversationDraft } from './types';

const bots = compileBotRules(DEFAULT_BOT_RULES.map((rule) => ({ ...rule, enabled: true })));
const options = { tool: 'test', timeZone: 'UTC', bots };

describe('the shared normaliser', () => {
	it('maps tool channel words to Parity channels', () => {
		expect(normalizeChannel('native_messaging')).toBe('messaging');
		expect(normalizeChannel('Live Chat')).toBe('chat');
		expect(normalizeChannel('web_form')).toBe('web');
		expect(normalizeChannel('WhatsApp')).toBe('messaging');
		expect(normalizeChannel('voice')).toBe('voice');
		expect(normalizeChannel('carrier pigeon')).toBe('other');
		expect(normalizeChannel(42)).toBe('other');
	});

	it('normalises identities so the same person matches across tools', () => {
		expect(normalizeIdentity('email', ' Ann.Lee@Example.COM ')).toBe('ann.lee@example.com');
		expect(normalizeIdentity('email', 'not an email')).toBeNull();
		expect(normalizeIdentity('phone', '+44 (20) 7946-0000')).toBe('+442079460000');
		expect(normalizeIdentity('phone', '0044 20 7946 0000')).toBe('+442079460000');
		expect(normalizeIdentity('phone', '12-34')).toBeNull();
		expect(normalizeIdentity('handle', '@AnnLee')).toBe('annlee');
		expect(normalizeIdentity('external', 12345)).toBe('12345');
	});

	it('turns tool HTML into text without losing line breaks or entities', () => {
		expect(
			htmlToText(
				'<p>Hello&nbsp;Ann,</p><p>Your refund of &euro;20 &amp; more<br/>is on its way.</p>'
			)
		).toBe('Hello Ann,\nYour refund of &euro;20 & more\nis on its way.');
		expect(htmlToText('<script>alert(1)</script>Hi &#x1F600; &#39;x&#39;')).toBe("Hi 😀 'x'");
	});

	it('lets the bot rules decide for authors the tool does not classify, and sorts messages by time', () => {
		const draft: ConversationDraft = {
			externalId: 77,
			channel: 'chat',
			identities: [
				{ kind: 'email', value: 'A@B.co' },
				{ kind: 'phone', value: 'n/a' }
			],
			messages: [
				{
					path: 'parts[2]',
					role: 'staff',
					authorName: 'Dana (Support)',
					at: '2026-03-02T09:02:00Z',
					text: 'Dana here'
				},
				{ path: 'parts[0]', role: 'customer', at: '2026-03-02T09:00:00Z', text: 'help' },
				{
					path: 'parts[1]',
					role: 'staff',
					authorName: 'Answer Bot',
					at: '2026-03-02T09:01:00Z',
					text: 'Try this article'
				}
			]
		};
		const result = normalizeConversation(draft, options);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const c = result.conversation;
		expect(c.externalId).toBe('77');
		expect(c.messages.map((m) => [m.role, m.roleOrigin, m.text])).toEqual([
			['customer', 'tool', 'help'],
			['ai', 'rules', 'Try this article'],
			['agent', 'rules', 'Dana here']
		]);
		expect(c.identities).toEqual([{ kind: 'email', value: 'a@b.co' }]);
		expect(c.startedAt).toBe(Date.parse('2026-03-02T09:00:00Z'));
		expect(c.endedAt).toBe(Date.parse('2026-03-02T09:02:00Z'));
	});

	it('names the field, the path and the value when a record cannot be read', () => {
		const draft: ConversationDraft = {
			externalId: 'x',
			messages: [
				{ path: 'comments[0]', role: 'customer', at: '2026-03-02T09:00:00Z', text: 'ok' },
				{
					path: 'comments[3]',
					role: 'agent',
					at: '31/02/2026',
					text: 'bad',
					fields: { at: 'created_at' }
				}
			]
		};
		expect(normalizeConversation(draft, { ...options })).toEqual({
			ok: false,
			reason: "comments[3].created_at: not a date: '31/02/2026'"
		});
		expect(normalizeConversation({ externalId: '', messages: [] }, options)).toEqual({
			ok: false,
			reason: 'id: missing'
		});
		expect(normalizeConversation({ externalId: 'y', messages: [] }, options)).toEqual({
			ok: false,
			reason: 'started_at: missing (and no message has a date)'
		});
	});

	it('keeps an offered-but-unanswered survey apart from one never offered', () => {
		const base: ConversationDraft = {
			externalId: 'z',
			startedAt: '2026-03-02T09:00:00Z',
			messages: []
		};
		const offered = normalizeConversation(
			{ ...base, csat: { offered: true, value: null } },
			options
		);
		const answered = normalizeConversation(
			{ ...base, csat: { offered: false, value: 'good' } },
			options
		);
		const none = normalizeConversation(base, options);
		expect(offered.ok && offered.conversation.csat).toMatchObject({ offered: true, value: null });
		expect(answered.ok && answered.conversation.csat).toMatchObject({
			offered: true,
			value: 'good',
			scale: 'good-bad'
		});
		expect(none.ok && none.conversation.csat).toBeNull();
	});
});
