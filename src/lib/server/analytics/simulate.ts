import type { Channel } from '../../domain/conversation';
import type { RollupCell } from '../../domain/rollup';
import { addWeeks } from '../../domain/time';
import { makeCell } from './cells';

/**
 * A synthetic support operation with known truth, for testing and evaluating detection
 * (bench/eval-detection.ts). Conversations are drawn one by one per week × handler × channel ×
 * topic and summed into rollup cells exactly as the real rollups sum scored conversations, so
 * the detector sees the same kind of input. Injected changes are returned with the data:
 * `SyntheticDataSet` is the interface another generator (the demo data) can fill to be
 * evaluated the same way.
 */

export type InjectableMeasure =
	| 'csatPct'
	| 'endSentimentMean'
	| 'repeatRate'
	| 'escalationRate'
	| 'abandonmentRate'
	| 'frustrationRate';

export interface Injection {
	group: 'aiStarted' | 'human';
	channel: Channel;
	topic: string;
	measure: InjectableMeasure;
	/** First week the change is in effect. */
	startWeek: string;
	/** Size in the measure's units (−0.10 = CSAT down 10 points); reached after `rampWeeks`. */
	delta: number;
	/** 1 = a step; n > 1 = a linear slide reaching `delta` in its n-th week. */
	rampWeeks: number;
}

export interface SyntheticDataSet {
	cells: RollupCell[];
	weeks: string[];
	injections: Injection[];
	/** Mean weekly conversations per channel × topic for each side. */
	volumes: Array<{ channel: Channel; topic: string; aiStarted: number; human: number }>;
}

export interface SimulationOptions {
	seed: number;
	firstWeek: string;
	weeks: number;
	channels: Channel[];
	topics: string[];
	/** Mean weekly conversations per channel × topic and side, drawn uniformly in [min, max]. */
	volume: { min: number; max: number };
	/** Pins the volume of chosen segments (e.g. the one a change is injected into). */
	volumeOverrides?: Array<{ channel: Channel; topic: string; aiStarted?: number; human?: number }>;
	/** Share of answered surveys relative to the defaults (1 = realistic, see RESPONSE). */
	responseScale: number;
	/** Week-to-week wobble of every rate (sd, in its units); 0 = stable rates. */
	jitter: number;
	/**
	 * Scales the AI's drawn shortfall against humans in each segment (CSAT, end sentiment,
	 * repeat contact, frustration): 1 = as drawn, 0 = the AI's own conversations level with
	 * humans (those it hands over still score worse).
	 */
	aiGapScale: number;
	injections: Injection[];
}

export const DEFAULT_SIMULATION: SimulationOptions = {
	seed: 1,
	firstWeek: '2026-W01',
	weeks: 26,
	channels: ['chat', 'email', 'messaging'],
	topics: [
		'billing',
		'refunds',
		'delivery',
		'login',
		'orders',
		'technical',
		'cancellation',
		'other'
	],
	volume: { min: 50, max: 400 },
	responseScale: 1,
	jitter: 0,
	aiGapScale: 1,
	injections: []
};

/** mulberry32: small, fast, good enough for simulation; deterministic per seed. */
export function rng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function normal(random: () => number): number {
	const u = 1 - random();
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export function binomial(random: () => number, n: number, p: number): number {
	if (p <= 0 || n <= 0) return 0;
	if (p >= 1) return n;
	let count = 0;
	for (let i = 0; i < n; i++) if (random() < p) count++;
	return count;
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Realistic survey response rates per channel (answered / sent) for human conversations. */
const RESPONSE: Partial<Record<Channel, number>> = { chat: 0.35, email: 0.2, messaging: 0.3 };
/** AI conversations get fewer answers (PRODUCT.md): this share of the human rate. */
const AI_RESPONSE_FACTOR = 0.7;

interface Rates {
	top2: number;
	response: number;
	endSentiment: number;
	repeat: number;
	abandonment: number;
	frustration: number;
}

interface SegmentTruth {
	channel: Channel;
	topic: string;
	aiStarted: number;
	human: number;
	escalation: number;
	rates: Record<'ai' | 'hybrid' | 'human', Rates>;
}

function drawSegment(
	random: () => number,
	options: SimulationOptions,
	channel: Channel,
	topic: string
): SegmentTruth {
	const u = (lo: number, hi: number) => lo + (hi - lo) * random();
	const volume = () => Math.round(u(options.volume.min, options.volume.max));
	const override = options.volumeOverrides?.find((o) => o.channel === channel && o.topic === topic);
	const response = (RESPONSE[channel] ?? 0.25) * options.responseScale;
	const humanTop2 = u(0.72, 0.9);
	const humanSentiment = u(0.05, 0.2);
	const humanRepeat = u(0.08, 0.14);
	const humanFrustration = u(0.08, 0.15);
	const gap = options.aiGapScale;
	return {
		channel,
		topic,
		aiStarted: override?.aiStarted ?? volume(),
		human: override?.human ?? volume(),
		escalation: u(0.12, 0.3),
		rates: {
			human: {
				top2: humanTop2,
				response,
				endSentiment: humanSentiment,
				repeat: humanRepeat,
				abandonment: 0,
				frustration: humanFrustration
			},
			ai: {
				top2: humanTop2 - gap * u(-0.03, 0.08),
				response: response * AI_RESPONSE_FACTOR,
				endSentiment: humanSentiment - gap * u(0, 0.1),
				repeat: humanRepeat + gap * u(0, 0.05),
				abandonment: u(0.03, 0.08),
				frustration: humanFrustration + gap * u(0, 0.06)
			},
			// conversations the AI handed over went wrong first: they score worst
			hybrid: {
				top2: humanTop2 - u(0.1, 0.2),
				response: response,
				endSentiment: humanSentiment - u(0.1, 0.2),
				repeat: humanRepeat + u(0.03, 0.08),
				abandonment: 0,
				frustration: humanFrustration + u(0.15, 0.25)
			}
		}
	};
}

/** The share of the injected change in effect in a week (0 before it starts). */
function injectedShare(injection: Injection, weekIndex: number, startIndex: number): number {
	if (weekIndex < startIndex) return 0;
	return Math.min(1, (weekIndex - startIndex + 1) / Math.max(1, injection.rampWeeks));
}

const RATE_OF: Record<Exclude<InjectableMeasure, 'escalationRate'>, keyof Rates> = {
	csatPct: 'top2',
	endSentimentMean: 'endSentiment',
	repeatRate: 'repeat',
	abandonmentRate: 'abandonment',
	frustrationRate: 'frustration'
};

function drawCell(
	random: () => number,
	key: Pick<RollupCell, 'week' | 'handler' | 'channel' | 'topic'>,
	conversations: number,
	rates: Rates,
	escalated: boolean
): RollupCell {
	const cell = makeCell({ ...key, source: 'simulated' }, { conversations });
	const isAi = key.handler !== 'human';
	for (let i = 0; i < conversations; i++) {
		cell.messages += 4 + Math.floor(random() * 8);
		if (random() < 0.9) {
			cell.csatOffered++;
			if (random() < rates.response) {
				cell.csatAnswered++;
				const top = random() < rates.top2;
				const score = top ? (random() < 0.65 ? 5 : 4) : [3, 3, 2, 1, 1][Math.floor(random() * 5)]!;
				if (top) cell.csatTop2++;
				cell.csatSum += score;
				cell.csatSumSq += score * score;
			}
		}
		if (random() < 0.97) {
			const start = clamp(rates.endSentiment - 0.1 + 0.35 * normal(random), -1, 1);
			const end = clamp(rates.endSentiment + 0.35 * normal(random), -1, 1);
			cell.sentimentN++;
			// Every simulated customer answers a reply: their ending is known.
			cell.endingKnown++;
			cell.sentimentStartSum += start;
			cell.sentimentEndSum += end;
			cell.sentimentEndSumSq += end * end;
			cell.sentimentDeltaSum += end - start;
			cell.sentimentMinSum += Math.min(start, end);
			if (end < -0.05) cell.negativeEnd++;
		}
		cell.repeatEligible++;
		if (random() < rates.repeat) cell.repeatContacts++;
		if (random() < rates.abandonment) cell.abandonments++;
		if (random() < rates.frustration) {
			cell.frustrated++;
			if (isAi && random() < 0.5) cell.askedForHuman++;
			else cell.repeatedQuestion++;
		}
		cell.firstResponseN++;
		cell.firstResponseSum += isAi ? 3 + random() * 10 : 120 + random() * 1800;
		if (random() < 0.9) {
			cell.resolutionN++;
			cell.resolutionSum += (isAi ? 300 : 3600) * (0.2 + 2 * random());
		}
	}
	if (isAi) {
		cell.escalationEligible = conversations;
		if (escalated) {
			cell.escalations = conversations;
			cell.repeatedAfterHandoff = binomial(random, conversations, 0.3);
		}
	}
	return cell;
}

export function simulate(input: Partial<SimulationOptions> = {}): SyntheticDataSet {
	const options: SimulationOptions = { ...DEFAULT_SIMULATION, ...input };
	const random = rng(options.seed);
	const weeks = Array.from({ length: options.weeks }, (_, i) => addWeeks(options.firstWeek, i));
	const segments = options.channels.flatMap((channel) =>
		options.topics.map((topic) => drawSegment(random, options, channel, topic))
	);
	const cells: RollupCell[] = [];
	weeks.forEach((week, weekIndex) => {
		for (const segment of segments) {
			const { channel, topic } = segment;
			let escalation = segment.escalation;
			const rates = {
				ai: { ...segment.rates.ai },
				hybrid: { ...segment.rates.hybrid },
				human: { ...segment.rates.human }
			};
			for (const injection of options.injections) {
				if (injection.channel !== channel || injection.topic !== topic) continue;
				const share = injectedShare(injection, weekIndex, weeks.indexOf(injection.startWeek));
				if (share === 0) continue;
				const delta = injection.delta * share;
				if (injection.measure === 'escalationRate') {
					escalation += delta;
					continue;
				}
				const field = RATE_OF[injection.measure];
				const handlers =
					injection.group === 'human' ? (['human'] as const) : (['ai', 'hybrid'] as const);
				for (const handler of handlers) rates[handler][field] += delta;
			}
			if (options.jitter > 0) {
				for (const handler of ['ai', 'hybrid', 'human'] as const) {
					for (const field of ['top2', 'repeat', 'frustration', 'endSentiment'] as const)
						rates[handler][field] += options.jitter * normal(random);
				}
			}
			for (const handler of ['ai', 'hybrid', 'human'] as const) {
				for (const field of ['top2', 'response', 'repeat', 'abandonment', 'frustration'] as const)
					rates[handler][field] = clamp(rates[handler][field], 0, 1);
			}
			const poisson = (mean: number) =>
				Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(random)));
			const aiStarted = poisson(segment.aiStarted);
			const hybrid = binomial(random, aiStarted, clamp(escalation, 0, 1));
			const human = poisson(segment.human);
			const key = { week, channel, topic };
			cells.push(drawCell(random, { ...key, handler: 'ai' }, aiStarted - hybrid, rates.ai, false));
			cells.push(drawCell(random, { ...key, handler: 'hybrid' }, hybrid, rates.hybrid, true));
			cells.push(drawCell(random, { ...key, handler: 'human' }, human, rates.human, false));
		}
	});
	return {
		cells,
		weeks,
		injections: options.injections,
		volumes: segments.map(({ channel, topic, aiStarted, human }) => ({
			channel,
			topic,
			aiStarted,
			human
		}))
	};
}
