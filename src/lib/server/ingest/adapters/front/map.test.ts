import { describe, expect, it } from 'vitest';
import { frontConversation, frontObjects } from '../../../../../../tests/helpers/front';
import { compileBotRules, DEFAULT_BOT_RULES } from '../../bot-rules';
import { normalizeConversation } from '../../normalize';
import { mapConversation } from './map';
import { Conversation } from './schema';

const bots = compileBotRules(DEFAULT_BOT_RULES.map((rule) => ({ ...rule, enabled: true })));

function normalized(value: unknown) {
	const mapped = mapConversation(Conversation.parse(value));
	if (!mapped.ok) throw new Error(mapped.reason);
	const result = normalizeConversation(mapped.draft, { tool: 'front', timeZone: 'UTC', bots });
	if (!result.ok) throw new Error(result.reason);
	return result.conversation;
}

function reason(value: unknown): string {
	const mapped = mapConversation(Conversation.parse(value));
	if (!mapped.ok) return mapped.reason;
	const result = normalizeConversation(mapped.draft, { tool: 'front', timeZone: 'UTC', bots });
	return result.ok ? 'accepted' : result.reason;
}

/** The spec's message body as the normaliser reads its HTML: paragraphs as lines, no link. */
const BODY =
	"Hi there,\nI wanted to let you know that I'm suggesting an update to Dunder Mifflin's Pranking Policy to provide non-humorous employees greater control over their well-being in the office.";

describe('mapConversation on the spec’s conversation, messages and comment', () => {
	const conversation = normalized(frontConversation());

	it('reads the conversation: id, channel, customer, status, tags, assignee, span', () => {
		expect(conversation).toMatchObject({
			tool: 'front',
			externalId: 'cnv_yo1kg5q',
			// The messages are of type email.
			channel: 'email',
			// The recipient's contact link (…/contacts/crd_2njtoem) and handle; the inbound
			// message's sender is the same handle, counted once.
			identities: [
				{ kind: 'external', value: 'front:crd_2njtoem' },
				{ kind: 'email', value: 'purpleboss@limitlesspaper.com' }
			],
			customerName: 'Phyllis Lapin-Vance',
			// status_category wins over status (`assigned`) where ticketing gives one.
			status: 'resolved',
			tags: ['Warehouse task'],
			assignee: 'Michael Scott',
			team: null,
			csat: null,
			// created_at 1701292649.333 (epoch seconds, milliseconds as decimals); the last
			// message, 1701292900.25, ends it.
			startedAt: Date.UTC(2023, 10, 29, 21, 17, 29, 333),
			endedAt: Date.UTC(2023, 10, 29, 21, 21, 40, 250)
		});
	});

	it('leaves the draft out, and gives each message its role, time and visibility', () => {
		// Four messages, one a shared draft (msg_1q15qmtq), plus one comment: four kept.
		expect(conversation.messages).toEqual([
			{
				externalId: 'msg_inbound',
				role: 'customer',
				roleOrigin: 'tool',
				authorId: null,
				authorName: null,
				at: Date.UTC(2023, 10, 29, 21, 17, 29, 333),
				text: BODY,
				isPublic: true
			},
			{
				externalId: 'msg_bot',
				// A teammate of type API is a bot on Front's word.
				role: 'ai',
				roleOrigin: 'tool',
				authorId: 'tea_bot1',
				authorName: 'Paper Assistant',
				at: Date.UTC(2023, 10, 29, 21, 18, 20, 500),
				text: BODY,
				isPublic: true
			},
			{
				externalId: 'comment:com_1ywg3f2',
				role: 'agent',
				roleOrigin: 'rules',
				authorId: 'tea_6r55a',
				authorName: 'Michael Scott',
				at: Date.UTC(2023, 10, 29, 21, 20, 0, 125),
				text: "Sometimes I'll start a sentence and I don't even know where it's going. I just hope I find it along the way.",
				// A comment is an internal note.
				isPublic: false
			},
			{
				externalId: 'msg_agent',
				// A teammate of type user is a person unless a bot rule says otherwise.
				role: 'agent',
				roleOrigin: 'rules',
				authorId: 'tea_6r55a',
				authorName: 'Michael Scott',
				at: Date.UTC(2023, 10, 29, 21, 21, 40, 250),
				text: BODY,
				isPublic: true
			}
		]);
	});
});

describe('mapConversation, the rest of Front’s vocabulary', () => {
	const o = frontObjects();
	const message = { ...o.MessageResponse, draft_mode: null };
	const withMessages = (...messages: object[]) => ({ ...o.ConversationResponse, messages });

	it('names the channel from the first message’s type, in the normaliser’s words', () => {
		const channel = (type: string) =>
			normalized(
				withMessages(
					{ ...message, type: 'internal', created_at: 1701292600 },
					{ ...message, type, created_at: 1701292700 },
					{ ...message, type: 'email', created_at: 1701292800 }
				)
			).channel;
		expect(
			[
				'email',
				'sms',
				'whatsapp',
				'yalo_wha',
				'front_chat',
				'intercom',
				'facebook',
				'tweet',
				'tweet_dm',
				'googleplay',
				'call',
				'phone-call',
				'custom'
			].map((type) => [type, channel(type)])
		).toEqual([
			['email', 'email'],
			['sms', 'messaging'],
			['whatsapp', 'messaging'],
			['yalo_wha', 'messaging'],
			['front_chat', 'chat'],
			['intercom', 'chat'],
			['facebook', 'social'],
			['tweet', 'social'],
			['tweet_dm', 'messaging'],
			['googleplay', 'social'],
			['call', 'voice'],
			['phone-call', 'voice'],
			['custom', 'other']
		]);
	});

	it('tells bots, people, the CSAT bot and authorless sends apart; internal messages are notes', () => {
		const by = (type: string | null, extra: object = {}) => ({
			...message,
			author: type === null ? null : { ...o.TeammateResponse, type, ...extra }
		});
		const roles = normalized(
			withMessages(
				{ ...by('rule'), id: 'm1', created_at: 1701292601 },
				{ ...by('macro'), id: 'm2', created_at: 1701292602 },
				{ ...by('integration'), id: 'm3', created_at: 1701292603 },
				{ ...by('visitor'), id: 'm4', created_at: 1701292604 },
				// A person's seat named like a bot: the bot rules decide, as for every tool.
				{
					...by('user', { first_name: 'Support', last_name: 'Bot' }),
					id: 'm5',
					created_at: 1701292605
				},
				{ ...by(null), id: 'm6', created_at: 1701292606 },
				{ ...by('CSAT'), id: 'm7', created_at: 1701292607 },
				{ ...by('user'), id: 'm8', type: 'internal', created_at: 1701292608 }
			)
		).messages.map((m) => [m.externalId, m.role, m.roleOrigin, m.isPublic]);
		expect(roles).toEqual([
			['m1', 'ai', 'tool', true],
			['m2', 'ai', 'tool', true],
			['m3', 'ai', 'tool', true],
			['m4', 'agent', 'rules', true],
			['m5', 'ai', 'rules', true],
			['m6', 'system', 'tool', true],
			['m7', 'system', 'tool', true],
			['m8', 'agent', 'rules', false]
		]);
	});

	it('reads the customer from an embedded contact, the recipient and inbound senders', () => {
		const conversation = normalized({
			...o.ConversationResponse,
			recipient: { ...o.RecipientResponse, handle: '+1 (570) 555-0134', role: 'from' },
			messages: {
				_results: [
					{
						...message,
						type: 'sms',
						is_inbound: true,
						author: null,
						recipients: [{ ...o.RecipientResponse, handle: '@DwightK', role: 'from' }]
					}
				]
			},
			contact: o.ContactResponse
		});
		expect(conversation.channel).toBe('messaging');
		expect(conversation.customerName).toBe('Dwight Schrute');
		expect(conversation.identities).toEqual([
			{ kind: 'external', value: 'front:crd_3cgz4ge' },
			{ kind: 'email', value: 'dwight@limitlesspaper.com' },
			{ kind: 'phone', value: '+15705550134' },
			{ kind: 'handle', value: 'dwightk' }
		]);
	});

	it('rejects a bad message or comment, naming the field and the value', () => {
		const conversation = frontConversation();
		const messages = conversation.messages as object[];
		expect(
			reason({
				...conversation,
				messages: [...messages.slice(0, 3), { ...messages[3], created_at: 'yesterday' }]
			})
		).toBe("messages[3].created_at: not a date: 'yesterday'");
		expect(
			reason({ ...conversation, messages: { _results: [{ ...message, is_inbound: 'yes' }] } })
		).toBe(
			"messages._results[0].is_inbound: Invalid input: expected boolean, received string; got 'yes'"
		);
		expect(reason({ ...conversation, comments: [{ ...o.CommentResponse, posted_at: null }] })).toBe(
			'comments[0].posted_at: missing'
		);
	});
});
