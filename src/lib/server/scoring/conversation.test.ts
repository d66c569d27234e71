import { describe, expect, it } from 'vitest';
import { scoreConversation, type ScoringConversation, type ScoringMessage } from './conversation';
import { compileTaxonomy } from './topics';

// Sentiment is whatever the test says it is: each text ends with its score in brackets.
const sentiment = (text: string) => Number(/\[(-?[\d.]+)\]$/.exec(text)?.[1] ?? 0);
const topics = compileTaxonomy({
	topics: [
		{
			name: 'refunds',
			label: 'Refunds',
			keywords: ['refund', 'money back'],
			tags: ['refund_request']
		},
		{ name: 'delivery', label: 'Delivery', keywords: ['parcel', 'not arrived'], tags: [] }
	]
});
const context = { topics, sentiment };

const T0 = Date.UTC(2026, 2, 2, 9, 0, 0);
type Line = [role: ScoringMessage['role'], seconds: number, text: string, isPublic?: boolean];
function conversation(
	lines: Line[],
	extra: Partial<ScoringConversation> = {}
): ScoringConversation {
	return {
		startedAt: T0,
		endedAt: null,
		status: null,
		tags: [],
		csat: null,
		messages: lines.map(([role, seconds, text, isPublic]) => ({
			role,
			at: T0 + seconds * 1000,
			text,
			isPublic: isPublic ?? true,
			sentiment: null
		})),
		...extra
	};
}
const score = (lines: Line[], extra?: Partial<ScoringConversation>) =>
	scoreConversation(conversation(lines, extra), context);

describe('sentiment start, end, delta and minimum', () => {
	it('start is the first customer turn, end the last; a turn is the mean of its messages', () => {
		const { scores, sentiments } = score([
			['customer', 0, 'hi [0]'],
			['customer', 5, 'my parcel has not arrived [-0.4]'],
			['ai', 8, 'Sorry to hear that, let me check.'],
			['customer', 60, 'it is late again [-0.8]'],
			['agent', 90, 'internal: check carrier', false],
			['ai', 120, 'It arrives tomorrow.'],
			['customer', 150, 'great thanks [0.6]'],
			['customer', 155, 'bye [0.2]']
		]);
		expect(scores.sentimentStart).toBeCloseTo(-0.2, 12); // mean(0, -0.4)
		expect(scores.sentimentEnd).toBeCloseTo(0.4, 12); // mean(0.6, 0.2)
		expect(scores.sentimentDelta).toBeCloseTo(0.6, 12);
		expect(scores.sentimentMin).toBe(-0.8);
		expect(scores.customerMessages).toBe(5);
		expect(scores.customerTurns).toBe(3);
		expect(sentiments).toEqual([0, -0.4, null, -0.8, null, null, 0.6, 0.2]);
	});

	it('one turn: start = end, delta 0; no customer text: all null', () => {
		const one = score([
			['customer', 0, 'refund please [-0.3]'],
			['agent', 60, 'Done.']
		]).scores;
		expect([one.sentimentStart, one.sentimentEnd, one.sentimentDelta, one.sentimentMin]).toEqual([
			-0.3, -0.3, 0, -0.3
		]);
		const none = score([
			['agent', 0, 'We noticed an issue with your order.'],
			['customer', 60, '']
		]).scores;
		expect([
			none.sentimentStart,
			none.sentimentEnd,
			none.sentimentDelta,
			none.sentimentMin
		]).toEqual([null, null, null, null]);
		expect(none.customerMessages).toBe(1);
	});

	it('reuses a stored sentiment instead of scoring again', () => {
		const input = conversation([['customer', 0, 'text [0.9]']]);
		(input.messages[0] as ScoringMessage).sentiment = -0.5;
		expect(scoreConversation(input, context).scores.sentimentStart).toBe(-0.5);
	});
});

describe('frustration signals over a conversation', () => {
	it('repeated question: the customer restates it after a reply, not in the same turn', () => {
		const repeated = score([
			['customer', 0, 'Where is my refund for order 1234? [0]'],
			['ai', 5, 'Refunds take 5 to 10 working days to arrive.'],
			['customer', 60, 'where is my refund for order 1234?? [0]']
		]).scores;
		expect(repeated.repeatedQuestion).toBe(true);
		expect(repeated.frustrated).toBe(true);
		const doubleSent = score([
			['customer', 0, 'Where is my refund for order 1234? [0]'],
			['customer', 1, 'Where is my refund for order 1234? [0]'],
			['ai', 5, 'Refunds take 5 to 10 working days to arrive.']
		]).scores;
		expect(doubleSent.repeatedQuestion).toBe(false);
		const short = score([
			['customer', 0, 'ok thanks'],
			['ai', 5, 'Anything else?'],
			['customer', 6, 'ok thanks']
		]).scores;
		expect(short.repeatedQuestion).toBe(false);
	});

	it('AI loop: near-identical AI replies to different customer turns', () => {
		const looped = score([
			['customer', 0, 'My card payment keeps failing at checkout'],
			['ai', 2, 'I can help with that. Could you tell me your order number please?'],
			['customer', 30, 'I told you, there is no order, the payment fails'],
			['ai', 32, 'I can help with that! Could you tell me your order number, please?']
		]).scores;
		expect(looped.aiLoop).toBe(true);
		expect(looped.uselessPhrase).toBe(false);
		expect(looped.frustrated).toBe(true);
		const varied = score([
			['customer', 0, 'My card payment keeps failing at checkout'],
			['ai', 2, 'I can help with that. Could you tell me your order number please?'],
			['customer', 30, 'It is 55512'],
			['ai', 32, 'Thanks. That order was paid on 3 March; the second attempt was blocked.']
		]).scores;
		expect(varied.aiLoop).toBe(false);
		expect(varied.frustrated).toBe(false);
	});

	it('flags each text signal from customer messages only', () => {
		const s = score([
			['customer', 0, 'THIS IS THE THIRD TIME I ASK'],
			['ai', 1, 'What the hell, this is useless, let me get a human'],
			['customer', 2, 'this is bullshit, you are useless. Let me talk to a real person']
		]).scores;
		expect([s.shouting, s.profanity, s.uselessPhrase, s.askedForHuman]).toEqual([
			true,
			true,
			true,
			true
		]);
		const aiOnly = score([
			['customer', 0, 'hello'],
			['ai', 1, 'What the hell, THIS IS USELESS, let me get a human']
		]).scores;
		expect(aiOnly.frustrated).toBe(false);
	});
});

describe('escalation and repeating after the handoff', () => {
	const handoff: Line[] = [
		['customer', 0, 'I was charged twice for my subscription this month'],
		['ai', 3, 'Charges can take a few days to settle.'],
		['customer', 40, 'I want to speak to a human'],
		['ai', 42, 'Connecting you to a member of our team.']
	];

	it('AI then human is an escalation; restating the problem to the human is counted', () => {
		const s = score([
			...handoff,
			['customer', 100, 'Hi, I was charged twice for my subscription this month'],
			['agent', 300, 'Hi, I am Sam. I see the double charge and refunded it.']
		]).scores;
		expect(s.handler).toBe('hybrid');
		expect([s.escalationEligible, s.escalated, s.repeatedAfterHandoff]).toEqual([true, true, true]);
	});

	it('a customer who says they are repeating themselves is counted too', () => {
		const s = score([
			...handoff,
			['agent', 300, 'Hi, I am Sam, how can I help?'],
			['customer', 320, 'I already explained it to the bot']
		]).scores;
		expect(s.repeatedAfterHandoff).toBe(true);
	});

	it('a human who picks up the thread without a restatement: escalated, not repeated', () => {
		const s = score([
			...handoff,
			['agent', 300, 'Hi, I am Sam. I see the double charge and refunded it.'],
			['customer', 320, 'Thank you!']
		]).scores;
		expect([s.escalated, s.repeatedAfterHandoff]).toEqual([true, false]);
	});

	it('AI alone is eligible, not escalated; a human first is not eligible', () => {
		const ai = score([
			['customer', 0, 'hi'],
			['ai', 1, 'hello']
		]).scores;
		expect([ai.handler, ai.escalationEligible, ai.escalated]).toEqual(['ai', true, false]);
		const human = score([
			['customer', 0, 'hi'],
			['agent', 1, 'hello'],
			['ai', 2, 'Suggested article: …']
		]).scores;
		expect([human.handler, human.escalationEligible]).toEqual(['human', false]);
	});
});

describe('silent endings and abandonment', () => {
	it('a settled one-shot answer is a silent end but not an abandonment', () => {
		const s = score([
			['customer', 0, 'What are your opening hours? [0]'],
			['ai', 2, 'We are open 9 to 5, Monday to Friday.']
		]).scores;
		expect([s.silentEnd, s.abandoned]).toEqual([true, false]);
		expect(s.resolutionSeconds).toBe(2);
	});

	it('silence after the customer came back, or was negative, is an abandonment and never a resolution', () => {
		const cameBack = score([
			['customer', 0, 'My refund has not arrived [-0.2]'],
			['ai', 2, 'Refunds take 5 to 10 working days.'],
			['customer', 30, 'It has been 3 weeks [-0.3]'],
			['ai', 32, 'Refunds take 5 to 10 working days.']
		]).scores;
		expect([cameBack.silentEnd, cameBack.abandoned, cameBack.resolutionSeconds]).toEqual([
			true,
			true,
			null
		]);
		const negative = score([
			['customer', 0, 'My refund is late, this is awful [-0.6]'],
			['ai', 2, 'Refunds take 5 to 10 working days.']
		]).scores;
		expect(negative.abandoned).toBe(true);
	});

	it('thanks, then the AI’s courtesy reply, then silence: done, not abandoned', () => {
		const thanked = score([
			['customer', 0, 'My refund has not arrived [-0.2]'],
			['ai', 2, 'It was sent today, you will see it tomorrow.'],
			['customer', 30, 'Great, thanks! [0.6]'],
			['ai', 32, 'Glad I could help!']
		]).scores;
		expect([thanked.silentEnd, thanked.abandoned]).toEqual([true, false]);
		const acknowledged = score([
			['customer', 0, 'My refund has not arrived [-0.2]'],
			['ai', 2, 'It was sent today, you will see it tomorrow.'],
			['customer', 30, 'ok [0]'],
			['ai', 32, 'Anything else?']
		]).scores;
		expect(acknowledged.abandoned).toBe(true);
		const sarcastic = score([
			['customer', 0, 'My refund has not arrived [-0.2]'],
			['ai', 2, 'Refunds take 5 to 10 working days.'],
			['customer', 30, 'great, thanks, this is useless [0.3]'],
			['ai', 32, 'Anything else?']
		]).scores;
		expect(sarcastic.abandoned).toBe(true);
	});

	it('a satisfied survey answer, a customer who answered, or a human reply: not abandoned', () => {
		const rated = score(
			[
				['customer', 0, 'My refund has not arrived [-0.2]'],
				['ai', 2, 'It was sent today.'],
				['customer', 30, 'Which account? [0]'],
				['ai', 32, 'The card you paid with.']
			],
			{ csat: { offered: true, value: '5', scale: '1-5' } }
		).scores;
		expect([rated.silentEnd, rated.abandoned]).toEqual([true, false]);
		const answered = score([
			['customer', 0, 'refund? [-0.2]'],
			['ai', 2, 'It was sent today.'],
			['customer', 30, 'ok [0]']
		]).scores;
		expect(answered.silentEnd).toBe(false);
		const human = score([
			['customer', 0, 'refund? [-0.2]'],
			['agent', 2, 'It was sent today.']
		]).scores;
		expect([human.silentEnd, human.abandoned]).toEqual([false, false]);
	});
});

describe('times, CSAT and topic', () => {
	it('first response from the first customer message; resolution on closed conversations only', () => {
		const s = score(
			[
				['agent', 0, 'We noticed a failed payment.'],
				['customer', 600, 'oh?'],
				['agent', 720, 'Please update your card.']
			],
			{ status: 'solved', endedAt: T0 + 3_600_000 }
		).scores;
		expect(s.firstResponseSeconds).toBe(120);
		expect(s.resolutionSeconds).toBe(3600);
		expect(s.contactEndAt).toBe(T0 + 3_600_000);
		const open = score(
			[
				['customer', 0, 'hi'],
				['agent', 30, 'hello']
			],
			{ status: 'pending' }
		).scores;
		expect([open.firstResponseSeconds, open.resolutionSeconds, open.contactEndAt]).toEqual([
			30,
			null,
			T0 + 30_000
		]);
		const unanswered = score([['customer', 0, 'hello?']]).scores;
		expect([
			unanswered.handler,
			unanswered.firstResponseSeconds,
			unanswered.resolutionSeconds
		]).toEqual(['none', null, null]);
	});

	it('CSAT: offered and answered, offered and unanswered, not offered', () => {
		const lines: Line[] = [
			['customer', 0, 'hi'],
			['agent', 1, 'hello']
		];
		const answered = score(lines, { csat: { offered: true, value: '9', scale: '0-10' } }).scores;
		expect([answered.csatOffered, answered.csatScore, answered.csatTop2]).toEqual([
			true,
			4.6,
			true
		]);
		const unanswered = score(lines, { csat: { offered: true, value: null, scale: '1-5' } }).scores;
		expect([unanswered.csatOffered, unanswered.csatScore, unanswered.csatTop2]).toEqual([
			true,
			null,
			false
		]);
		const notOffered = score(lines).scores;
		expect([notOffered.csatOffered, notOffered.csatScore]).toEqual([false, null]);
	});

	it('topic from a tag first, else from what the customer wrote first, else other', () => {
		const lines: Line[] = [
			['customer', 0, 'My parcel has not arrived'],
			['agent', 1, 'Sorry! Do you want your money back?']
		];
		expect(score(lines, { tags: ['VIP', 'Refund_Request'] }).scores).toMatchObject({
			topic: 'refunds',
			topicOrigin: 'tag'
		});
		expect(score(lines).scores).toMatchObject({ topic: 'delivery', topicOrigin: 'keywords' });
		expect(score([['customer', 0, 'Hello there']]).scores).toMatchObject({
			topic: 'other',
			topicOrigin: 'none'
		});
	});
});
