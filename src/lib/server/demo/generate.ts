import type { Channel } from '../../domain/conversation';
import { instantToWallTime, wallTimeToInstant } from '../../domain/time';
import {
	demoWeeks,
	regressionEffect,
	weekStart,
	type DemoConfig,
	type DemoSource,
	type DemoTopic
} from './config';
import { COMMON, NAMES } from './phrases/common';
import { TOPIC_PHRASES } from './phrases/topics';
import { Random } from './random';
import { writeScript, type Mood, type Outcome, type Script } from './script';

/**
 * The demo data set as canonical conversation records (docs/formats/canonical.md), one source at a
 * time as the generator walks through the weeks. Each first contact may lead to repeat
 * contacts by the same customer, often on another channel, more often when it failed.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const DAY_WEIGHTS = { 0: 1.15, 1: 1.1, 2: 1.05, 3: 1, 4: 0.95, 5: 0.55, 6: 0.5 };
const HOUR_WEIGHTS: Record<number, number> = {
	0: 0.2,
	1: 0.1,
	2: 0.05,
	3: 0.05,
	4: 0.05,
	5: 0.1,
	6: 0.3,
	7: 0.7,
	8: 1.1,
	9: 1.4,
	10: 1.5,
	11: 1.4,
	12: 1.3,
	13: 1.3,
	14: 1.2,
	15: 1.2,
	16: 1.1,
	17: 1,
	18: 1,
	19: 1.1,
	20: 1,
	21: 0.8,
	22: 0.6,
	23: 0.4
};
const MAX_FOLLOW_UPS = 3;

interface Customer {
	first: string;
	last: string;
	email: string;
	phone: string | null;
	userId: string;
	handle: string | null;
}

export interface DemoRecord {
	source: string;
	record: Record<string, unknown>;
	messages: number;
	/** What the generator decided, for tests and calibration (not part of the export). */
	truth: {
		week: number;
		aiFirst: boolean;
		handler: Script['handler'];
		topic: DemoTopic;
		/** How it ended for the customer (after a hand-over, the human's outcome). */
		outcome: Outcome;
		/** What the first handler achieved (for a hand-over: 'failed'). */
		firstOutcome: Outcome;
		mood: Mood;
		followUp: boolean;
		/** Week of the contact that started this chain of follow-ups (≤ 0: in the warm-up). */
		originWeek: number;
		/** The generator's customer: who this really is, whatever identities the record shows. */
		customer: number;
	};
}

function customerAt(seed: number, index: number): Customer {
	const rng = new Random(seed * 1_000_003 + index);
	const first = rng.pick(NAMES.first);
	const last = rng.pick(NAMES.last);
	const domain = rng.pick(['example.com', 'example.org', 'example.net', 'mail.example']);
	const plainLast = last
		.normalize('NFD')
		.replace(/[^A-Za-z]/g, '')
		.toLowerCase();
	return {
		first,
		last,
		email: `${first.toLowerCase()}.${plainLast}${index}@${domain}`,
		phone: rng.chance(0.65) ? `+44 7${String(100_000_000 + index).slice(-9)}` : null,
		userId: `usr_${((index * 2_654_435_761) >>> 0).toString(16)}`,
		handle: rng.chance(0.25) ? `@${first.toLowerCase()}_${index}` : null
	};
}

/** The identities a contact on this channel carries (voice only knows the phone number). */
function identities(rng: Random, customer: Customer, channel: Channel) {
	switch (channel) {
		case 'voice':
			return { phone: customer.phone };
		case 'messaging':
			return { phone: customer.phone, id: rng.chance(0.5) ? customer.userId : null };
		case 'social':
			return { handle: customer.handle, email: rng.chance(0.3) ? customer.email : null };
		case 'chat':
			return { id: customer.userId, email: rng.chance(0.75) ? customer.email : null };
		case 'web':
			return { email: customer.email, phone: rng.chance(0.4) ? customer.phone : null };
		default:
			return { email: customer.email };
	}
}

function usable(channel: Channel, customer: Customer): boolean {
	if (channel === 'voice' || channel === 'messaging') return customer.phone !== null;
	if (channel === 'social') return customer.handle !== null;
	return true;
}

function slotsFor(
	rng: Random,
	customer: Customer,
	start: number,
	zone: string
): Record<string, string> {
	const date = (offsetDays: number) => {
		const wall = instantToWallTime(start + offsetDays * DAY, zone);
		return `${wall.day} ${MONTHS[wall.month - 1]}`;
	};
	const money = (min: number, max: number) =>
		`€${(rng.int(min * 100, max * 100) / 100).toFixed(2)}`;
	return {
		customer: customer.first,
		order: String(rng.int(100_000, 999_999)),
		amount: money(9, 480),
		amount2: money(5, 60),
		card: String(rng.int(1000, 9999)),
		date: date(-rng.int(1, 12)),
		date2: date(rng.int(2, 6)),
		month: MONTHS[instantToWallTime(start, zone).month - 1] as string,
		merchant: rng.pick(NAMES.merchants),
		days: String(rng.int(3, 21)),
		plan: rng.pick(NAMES.plans),
		device: rng.pick(NAMES.devices),
		code: String(rng.int(100, 999)),
		postcode: `${rng.pick(['N1', 'SW4', 'E2', 'M14', 'B5'])} ${rng.int(1, 9)}${rng.pick(['AB', 'XY', 'QT', 'LD'])}`,
		weekday: rng.pick(WEEKDAYS)
	};
}

function csatFor(rng: Random, config: DemoConfig, source: DemoSource, script: Script, end: number) {
	if (!rng.chance(source.csatOffered)) return null;
	const factor = script.outcome === 'failed' ? 1.3 : script.outcome === 'partial' ? 0.9 : 1;
	if (!rng.chance(config.csatResponse[script.handler] * factor)) {
		return { offered: true, score: null, scale: source.csatScale };
	}
	let score: string;
	if (source.csatScale === 'good-bad') {
		const good = { resolved: 0.9, partial: 0.55, failed: 0.12 }[script.outcome];
		score = rng.chance(good) ? 'good' : 'bad';
	} else {
		const weights = {
			resolved: { 5: 0.55, 4: 0.3, 3: 0.1, 2: 0.03, 1: 0.02 },
			partial: { 5: 0.15, 4: 0.3, 3: 0.3, 2: 0.15, 1: 0.1 },
			failed: { 5: 0.03, 4: 0.07, 3: 0.15, 2: 0.3, 1: 0.45 }
		}[script.outcome];
		score = String(rng.weighted(weights));
	}
	const happy = score === 'good' || Number(score) >= 4;
	return {
		offered: true,
		score,
		scale: source.csatScale,
		comment: rng.chance(0.25) ? rng.pick(COMMON.surveyComments[happy ? 'good' : 'bad']) : null,
		answered_at: new Date(end + rng.int(5, 180) * MINUTE).toISOString()
	};
}

/** Every demo conversation, in generation order (weeks in order, repeats after their cause). */
export function* demoRecords(config: DemoConfig): Generator<DemoRecord> {
	const rng = new Random(config.seed);
	const weeks = demoWeeks(config);
	const dataStart = weekStart(config, 0);
	const dataEnd = weekStart(config, weeks.length - 1) + 7 * DAY;
	const warmup = Math.max(0, Math.round(config.warmupWeeks));
	const totalContacts = config.contactsPerWeek * config.scale * (config.weeks + warmup);
	// Large enough that unrelated contacts of one customer rarely fall within a week.
	const poolSize = Math.max(50, Math.round(totalContacts * 1.2));
	const customers = new Map<number, Customer>();
	const customer = (index: number) => {
		let found = customers.get(index);
		if (!found) customers.set(index, (found = customerAt(config.seed, index)));
		return found;
	};
	const sourceShares = Object.fromEntries(config.sources.map((s, i) => [i, s.share]));
	const counters = config.sources.map(() => 0);

	function* contact(
		sourceIndex: number,
		channel: Channel,
		customerIndex: number,
		topic: DemoTopic,
		start: number,
		depth: number,
		/** Week of the first contact of the chain (≤ 0 in the warm-up). */
		origin: number | null = null
	): Generator<DemoRecord> {
		const source = config.sources[sourceIndex] as DemoSource;
		const person = customer(customerIndex);
		const week = Math.floor((start - dataStart) / (7 * DAY)) + 1;
		const chainWeek = origin ?? week;
		const aiFirst = rng.chance(source.aiFirst[channel] ?? 0);
		const base = config.failure[aiFirst ? 'ai' : 'human'][topic];
		const effect = regressionEffect(
			config,
			{ handler: aiFirst ? 'ai' : 'human', channel, topic, source: source.name },
			week
		);
		const failure = Math.min(0.95, base + effect + (depth > 0 ? 0.05 : 0));
		const outcome: Outcome = rng.chance(failure)
			? 'failed'
			: rng.chance(config.partial)
				? 'partial'
				: 'resolved';
		const mood: Mood = rng.chance(depth > 0 ? 0.45 : 0.2)
			? 'angry'
			: rng.chance(0.25)
				? 'calm'
				: 'neutral';
		const agentName = rng.pick(NAMES.agents);
		const script = writeScript(rng, {
			channel,
			topic,
			aiFirst,
			outcome,
			mood,
			start,
			slots: {
				...slotsFor(rng, person, start, config.zone),
				agent: agentName,
				bot: source.botName
			},
			customerName: `${person.first} ${person.last}`,
			botName: source.botName,
			agentName,
			escalateOnFailure: config.escalateOnFailure,
			followUp: depth > 0
		});
		const last = script.messages.at(-1)?.at ?? start;
		const ended = source.ids === 'chat' ? last + rng.int(5, 30) * MINUTE : null;
		const number = ++counters[sourceIndex]!;
		const id = source.ids === 'ticket' ? String(40_000 + number) : String(215_400_000_000 + number);
		const recent = dataEnd - last < 2 * DAY;
		// Warm-up contacts are lived through (they bring customers back) but not written.
		const written = start >= dataStart;
		const record: Record<string, unknown> = !written
			? {}
			: {
					id,
					channel,
					started_at: new Date(start).toISOString(),
					ended_at: ended === null ? null : new Date(ended).toISOString(),
					status:
						source.ids === 'chat' ? 'closed' : recent && rng.chance(0.3) ? 'pending' : 'solved',
					tags: rng.chance(source.tagged) ? [rng.pick(TOPIC_PHRASES[topic].tags)] : [],
					assignee: script.handler === 'ai' ? null : agentName,
					team: script.handler === 'ai' ? null : rng.pick(['Tier 1', 'Tier 2', 'Payments team']),
					customer: { ...identities(rng, person, channel), name: `${person.first} ${person.last}` },
					csat: csatFor(rng, config, source, script, ended ?? last),
					messages: script.messages.map((message, index) => ({
						id: `${id}-${index + 1}`,
						role: message.role,
						author_name: message.author,
						created_at: new Date(message.at).toISOString(),
						text: message.text
					}))
				};
		if (written)
			yield {
				source: source.name,
				record,
				messages: script.messages.length,
				truth: {
					week,
					aiFirst,
					handler: script.handler,
					topic,
					outcome: script.outcome,
					firstOutcome: outcome,
					mood,
					followUp: depth > 0,
					originWeek: chainWeek,
					customer: customerIndex
				}
			};

		// A contact that did not settle it brings the customer back, often elsewhere.
		if (depth >= MAX_FOLLOW_UPS || !rng.chance(config.repeatAfter[script.outcome])) return;
		const next = (ended ?? last) + HOUR + rng.exponential(1.6 * DAY);
		if (next >= dataEnd) return;
		let nextSource = sourceIndex;
		let nextChannel = channel;
		if (rng.chance(0.5)) {
			nextSource = Number(rng.weighted(sourceShares));
			nextChannel = rng.weighted(config.sources[nextSource]!.channels as Record<Channel, number>);
		}
		if (!usable(nextChannel, person)) nextChannel = nextSource === sourceIndex ? channel : 'email';
		if (!usable(nextChannel, person)) return;
		const nextTopic = rng.chance(0.9) ? topic : rng.weighted(config.topicMix);
		yield* contact(nextSource, nextChannel, customerIndex, nextTopic, next, depth + 1, chainWeek);
	}

	for (let w = -warmup; w < weeks.length; w++) {
		const monday = weekStart(config, w);
		const count = Math.round(
			config.contactsPerWeek * config.scale * (0.95 + 0.1 * rng.next()) * (1 + 0.01 * w)
		);
		for (let i = 0; i < count; i++) {
			const day = Number(rng.weighted(DAY_WEIGHTS));
			const wall = instantToWallTime(monday + day * DAY + 12 * HOUR, config.zone);
			const start = wallTimeToInstant(
				{
					year: wall.year,
					month: wall.month,
					day: wall.day,
					hour: Number(rng.weighted(HOUR_WEIGHTS)),
					minute: rng.int(0, 59),
					second: rng.int(0, 59)
				},
				config.zone
			);
			const sourceIndex = Number(rng.weighted(sourceShares));
			const source = config.sources[sourceIndex] as DemoSource;
			const customerIndex = rng.int(0, poolSize - 1);
			let channel = rng.weighted(source.channels as Record<Channel, number>);
			if (!usable(channel, customer(customerIndex))) {
				channel = source.ids === 'chat' ? 'chat' : 'email';
			}
			yield* contact(sourceIndex, channel, customerIndex, rng.weighted(config.topicMix), start, 0);
		}
	}
}
