import type { Channel } from '../../domain/conversation';
import type { DemoTopic } from './config';
import { COMMON } from './phrases/common';
import { TOPIC_PHRASES } from './phrases/topics';
import type { Random } from './random';

/**
 * One conversation's messages, written as it would unfold: who answers first, whether the
 * answer helps, what a failing AI does (repeats itself, hands over, is abandoned or told off)
 * and how the customer ends (thanks, a shrug, anger). Timing follows the channel: seconds
 * in chat, hours by email.
 */

export type Outcome = 'resolved' | 'partial' | 'failed';
export type Mood = 'calm' | 'neutral' | 'angry';

export interface ScriptMessage {
	role: 'customer' | 'ai' | 'agent';
	at: number;
	text: string;
	author: string;
}

export interface ScriptInput {
	channel: Channel;
	topic: DemoTopic;
	aiFirst: boolean;
	outcome: Outcome;
	mood: Mood;
	start: number;
	slots: Record<string, string>;
	customerName: string;
	botName: string;
	agentName: string;
	escalateOnFailure: number;
	/** The customer writes again about an earlier contact. */
	followUp: boolean;
}

export interface Script {
	messages: ScriptMessage[];
	handler: 'ai' | 'human' | 'hybrid';
	/** How it ended for the customer (after a hand-over, the human's outcome). */
	outcome: Outcome;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

type Style = 'chat' | 'email' | 'voice';

/** The share of a failing AI's hand-overs it makes at once, knowing it cannot help. */
const HANDED_OVER_AT_ONCE = 0.4;

function styleOf(channel: Channel): Style {
	if (channel === 'email' || channel === 'web') return 'email';
	if (channel === 'voice') return 'voice';
	return 'chat';
}

/**
 * A full stop a template put after text that already ends a sentence is dropped:
 * "{text}. Please read my message." with a question reads "…Spanish? Please read my message.".
 */
function withoutDoubledStop(text: string): string {
	return text.replace(/([.?!])\./g, '$1');
}

export function fill(template: string, slots: Record<string, string>): string {
	return template.replace(/\{(\w+)\}/g, (whole, key: string) => slots[key] ?? whole);
}

export function writeScript(rng: Random, input: ScriptInput): Script {
	const style = styleOf(input.channel);
	const phrases = TOPIC_PHRASES[input.topic];
	const slots = input.slots;
	const say = (template: string) => fill(template, slots);
	const messages: ScriptMessage[] = [];
	let clock = input.start;
	const slow = input.channel === 'messaging' || input.channel === 'social';

	const delay = (role: ScriptMessage['role'], first = false): number => {
		if (style === 'voice') return rng.int(4, 30) * SECOND;
		if (role === 'ai')
			return style === 'email' ? rng.int(40, 180) * SECOND : rng.int(2, 7) * SECOND;
		if (style === 'email') {
			return role === 'agent'
				? rng.logNormal(first ? 5 * HOUR : 2 * HOUR, 0.8)
				: rng.logNormal(3 * HOUR, 0.9);
		}
		if (role === 'agent') {
			return rng.logNormal(first ? (slow ? 25 : 4) * MINUTE : (slow ? 6 : 1) * MINUTE, 0.6);
		}
		return rng.logNormal(slow ? 3 * MINUTE : 40 * SECOND, 0.6);
	};

	const wrap = (role: ScriptMessage['role'], text: string): string => {
		if (style !== 'email') return text;
		if (role === 'customer')
			return `Hello,\n\n${text}\n\n${rng.pick(COMMON.emailSignOff)}\n${input.customerName}`;
		if (role === 'ai')
			return `Hi ${slots.customer},\n\n${text}\n\n${input.botName} (automated reply)`;
		return `Hi ${slots.customer},\n\n${text}\n\nBest regards,\n${input.agentName}`;
	};
	let agentSpoke = false;
	const post = (role: ScriptMessage['role'], text: string, first = false) => {
		if (messages.length > 0 || role !== 'customer') clock += delay(role, first);
		const author =
			role === 'customer' ? input.customerName : role === 'ai' ? input.botName : input.agentName;
		messages.push({ role, at: Math.round(clock), text: wrap(role, text), author });
		if (role === 'agent') agentSpoke = true;
	};
	const customer = (text: string) => post('customer', text);
	const ai = (text: string) => post('ai', text);
	const agent = (text: string) => post('agent', text, !agentSpoke);

	// The customer's opening.
	const opener = say(rng.pick(phrases.openers));
	const prefix = (
		input.followUp
			? say(rng.pick(COMMON.followUpPrefixes))
			: input.mood === 'angry'
				? rng.pick(COMMON.angryPrefixes)
				: input.mood === 'calm'
					? rng.pick(COMMON.calmPrefixes)
					: ''
	).trim();
	const opening = prefix ? `${prefix} ${opener}` : opener;
	// Two different details: one in an email's opening, the other when asked for more.
	const details = [...phrases.details];
	const detail = () => {
		const index = rng.int(0, details.length - 1);
		const [picked] = details.splice(index, 1);
		return say(picked ?? rng.pick(phrases.details));
	};
	// An agent asks a question once: a second one is another question, or a general one.
	const asked = new Set<string>();
	const ask = () => {
		const fresh = phrases.agentAsks.filter((question) => !asked.has(question));
		const question = rng.pick(fresh.length > 0 ? fresh : COMMON.agentAsksAgain);
		asked.add(question);
		return question;
	};
	const restate = () => withoutDoubledStop(say(fill(rng.pick(COMMON.restate), { text: opener })));
	const frustration = () => {
		const r = rng.next();
		const angry = input.mood === 'angry' ? 2 : 1;
		if (r < 0.08 * angry) return rng.pick(COMMON.profane);
		if (r < 0.18 * angry) return rng.pick(COMMON.shouting);
		if (r < 0.55) return restate();
		return rng.pick(COMMON.unhelpful);
	};

	if (style === 'voice') {
		agent(say(`Thank you for calling, this is ${input.agentName}, how can I help?`));
		customer(opening);
		agent(say(ask()));
		customer(detail());
		return humanEnding(rng, input, { say, customer, agent, frustration }, 'voice');
	}

	if (style === 'chat' && rng.chance(0.35)) customer(rng.pick(COMMON.greetings));
	customer(style === 'email' ? withoutDoubledStop(`${opening}. ${detail()}`) : opening);

	if (!input.aiFirst) {
		// Email replies carry their greeting in the wrapper; chat agents greet in the message.
		const hello = style === 'chat' ? say(rng.pick(COMMON.agentGreeting)) + ' ' : '';
		if (rng.chance(0.5)) {
			agent(hello + say(ask()));
			customer(detail());
		} else if (hello) agent(hello.trim());
		return humanEnding(rng, input, { say, customer, agent, frustration }, style);
	}

	// The AI answers first.
	const greeting = fill(rng.pick(COMMON.aiGreeting), { ...slots, bot: input.botName });
	const weak = say(rng.pick(phrases.aiWeak));
	ai(greeting + (input.outcome === 'failed' ? weak : say(rng.pick(phrases.aiAnswers))));

	if (input.outcome === 'resolved') {
		if (rng.chance(0.75)) {
			customer(rng.pick(COMMON.thanks));
			if (rng.chance(0.5)) ai(rng.pick(COMMON.aiClosing));
		}
		return { messages, handler: 'ai', outcome: 'resolved' };
	}
	if (input.outcome === 'partial') {
		// A further question, and the AI answers that question (not the first one again).
		const asked = rng.int(0, phrases.followUps.length - 1);
		customer(say(phrases.followUps[asked] as string));
		ai(say(phrases.followUpAnswers[asked] ?? rng.pick(phrases.aiAnswers)));
		if (rng.chance(0.5)) {
			customer(rng.pick(COMMON.neutralClose));
			if (rng.chance(0.4)) ai(rng.pick(COMMON.aiClosing));
		}
		return { messages, handler: 'ai', outcome: 'partial' };
	}

	// A failing AI. Some hand-overs are the AI knowing its limits: told more, it passes the
	// customer on before anyone is frustrated. Those are a share of the hand-overs, not extra
	// ones, so how often the AI hands over stays what the configuration says.
	if (rng.chance(input.escalateOnFailure * HANDED_OVER_AT_ONCE)) {
		customer(detail());
		ai(rng.pick(COMMON.aiKnowsItsLimits));
		agent(say(rng.pick(COMMON.agentIntro)));
		return {
			...humanEnding(rng, input, { say, customer, agent, frustration }, style, 0.75),
			handler: 'hybrid'
		};
	}
	const escalateAfterPushBack =
		(input.escalateOnFailure * (1 - HANDED_OVER_AT_ONCE)) /
		(1 - input.escalateOnFailure * HANDED_OVER_AT_ONCE);

	// Otherwise the customer pushes back, and the AI often says the same thing again.
	const rounds = rng.chance(0.4) ? 2 : 1;
	for (let round = 0; round < rounds; round++) {
		customer(frustration());
		ai(rng.chance(0.45) ? weak : say(rng.pick([...phrases.aiWeak, ...COMMON.aiApology])));
	}
	const r = rng.next();
	if (r < escalateAfterPushBack) {
		if (rng.chance(0.7)) customer(rng.pick(COMMON.askHuman));
		ai(rng.pick(COMMON.aiHandoff));
		if (rng.chance(0.55))
			customer(rng.chance(0.3) ? 'I already explained it to the bot.' : restate());
		agent(say(rng.pick(COMMON.agentIntro)));
		return {
			...humanEnding(rng, input, { say, customer, agent, frustration }, style, 0.75),
			handler: 'hybrid'
		};
	}
	if (r < escalateAfterPushBack + (1 - escalateAfterPushBack) / 2) {
		// Abandoned: the AI had the last word and the customer went quiet.
		return { messages, handler: 'ai', outcome: 'failed' };
	}
	customer(rng.pick(COMMON.angryClose));
	if (rng.chance(0.5)) ai(rng.pick(COMMON.aiApology));
	return { messages, handler: 'ai', outcome: 'failed' };

	function humanEnding(
		random: Random,
		script: ScriptInput,
		speak: {
			say: (template: string) => string;
			customer: (text: string) => void;
			agent: (text: string) => void;
			frustration: () => string;
		},
		how: Style,
		resolveChance?: number
	): Script {
		const topicPhrases = TOPIC_PHRASES[script.topic];
		const outcome: Outcome =
			resolveChance === undefined
				? script.outcome
				: random.chance(resolveChance)
					? 'resolved'
					: random.chance(0.5)
						? 'partial'
						: 'failed';
		if (outcome === 'resolved') {
			speak.agent(speak.say(random.pick(topicPhrases.agentAnswers)));
			if (random.chance(0.85)) speak.customer(random.pick(COMMON.thanks));
			if (random.chance(how === 'voice' ? 1 : 0.5)) speak.agent(random.pick(COMMON.agentClosing));
		} else if (outcome === 'partial') {
			speak.agent(speak.say(random.pick(topicPhrases.agentAnswers)));
			speak.customer(speak.say(random.pick(topicPhrases.followUps)));
			// Partly settled: the follow-up waits on someone else (not the first question again).
			speak.agent(random.pick(COMMON.agentChecking));
			if (random.chance(0.6)) speak.customer(random.pick(COMMON.neutralClose));
		} else {
			speak.agent(speak.say(ask()));
			speak.customer(speak.frustration());
			speak.agent(random.pick(COMMON.agentSorry));
			if (random.chance(0.6)) speak.customer(random.pick(COMMON.angryClose));
		}
		return { messages, handler: 'human', outcome };
	}
}
