import type { Channel, CsatScale } from '../../domain/conversation';
import type { RollupCounts } from '../../domain/rollup';
import { addWeeks, isoWeekOf, isoWeekStart } from '../../domain/time';

/**
 * What the demo generator makes, as data: sources and their channels, how often the AI
 * handles a contact and fails, survey habits, and the regressions injected on top. The
 * statistics code can generate many data sets from variations of `defaultDemoConfig` (with
 * known regressions, or none) and check what it finds against `demoTruth(config)`.
 */

export const DEMO_TOPICS = [
	'billing',
	'refunds',
	'payments',
	'disputes',
	'delivery',
	'account-access',
	'app-errors',
	'cancellations',
	'other'
] as const;
export type DemoTopic = (typeof DEMO_TOPICS)[number];

export type DemoHandler = 'ai' | 'human' | 'hybrid';

export interface DemoSource {
	/** Source name, as imported (`importFiles(..., { source })`). */
	name: string;
	/** Share of all first contacts that come in through this source. */
	share: number;
	/** Channel mix of this source. */
	channels: Partial<Record<Channel, number>>;
	/** Per channel: the share of contacts the AI answers first (0 where there is no AI). */
	aiFirst: Partial<Record<Channel, number>>;
	/** The AI agent's name on its messages. */
	botName: string;
	/** Share of conversations that carry the tool's tags (topics from tags, else keywords). */
	tagged: number;
	csatScale: CsatScale;
	/** Share of conversations that get a survey. */
	csatOffered: number;
	/** Ticket ids (`48213`) or chat ids (`215400000123`). */
	ids: 'ticket' | 'chat';
}

/**
 * A regression injected into a segment: from `fromWeek` (1 = the first generated week) to
 * `toWeek` (default: the last), contacts in the segment fail more often. `step` adds `size`
 * to the failure probability; `drift` adds `size` per week since `fromWeek` (a slow slide).
 * A failure shows in every outcome measure: lower CSAT and end sentiment, more negative
 * endings, frustration, abandonment and repeat contacts (and, for the AI, escalations).
 */
export interface InjectedRegression {
	name: string;
	segment: {
		/** 'ai' means contacts the AI answered first (they stay 'ai' unless escalated). */
		handler?: 'ai' | 'human';
		channel?: Channel;
		topic?: DemoTopic;
		source?: string;
	};
	fromWeek: number;
	toWeek?: number;
	kind: 'step' | 'drift';
	size: number;
}

export interface DemoConfig {
	seed: number;
	/** Number of weeks generated, ending with `endWeek`. */
	weeks: number;
	/** The last generated week (ISO label, weeks start Monday in `zone`). */
	endWeek: string;
	/** The organisation's zone: days and office hours are laid out in it. */
	zone: string;
	/** Volume multiplier: 1 ≈ 900 conversations (≈ 4,500 messages) a week. */
	scale: number;
	/** First contacts per week at scale 1 (repeat contacts come on top). */
	contactsPerWeek: number;
	sources: DemoSource[];
	topicMix: Record<DemoTopic, number>;
	/** Probability that a contact fails, by who answered first and topic, before regressions. */
	failure: Record<'ai' | 'human', Record<DemoTopic, number>>;
	/** Probability that a contact is only partly settled. */
	partial: number;
	/** Probability that a failing AI contact is handed to a human. */
	escalateOnFailure: number;
	/** Probability of a survey answer, by final handler. */
	csatResponse: Record<DemoHandler, number>;
	/** Probability of contacting again, by outcome. */
	repeatAfter: Record<'resolved' | 'partial' | 'failed', number>;
	regressions: InjectedRegression[];
}

/** The last complete ISO week before `now` in `zone`. */
export function lastCompleteWeek(now: number, zone: string): string {
	return addWeeks(isoWeekOf(now, zone), -1);
}

export function defaultDemoConfig(overrides: Partial<DemoConfig> = {}): DemoConfig {
	const zone = overrides.zone ?? 'UTC';
	return {
		seed: 7,
		weeks: 14,
		endWeek: lastCompleteWeek(Date.now(), zone),
		zone,
		scale: 1,
		contactsPerWeek: 700,
		sources: [
			{
				name: 'Zendesk (demo)',
				share: 0.45,
				channels: { email: 0.55, web: 0.2, voice: 0.15, social: 0.1 },
				aiFirst: { email: 0.3, web: 0.4, voice: 0, social: 0.2 },
				botName: 'Answer Bot',
				tagged: 0.85,
				csatScale: 'good-bad',
				csatOffered: 0.9,
				ids: 'ticket'
			},
			{
				name: 'Intercom (demo)',
				share: 0.55,
				channels: { chat: 0.8, messaging: 0.2 },
				aiFirst: { chat: 0.8, messaging: 0.7 },
				botName: 'Fin',
				tagged: 0.1,
				csatScale: '1-5',
				csatOffered: 0.75,
				ids: 'chat'
			}
		],
		topicMix: {
			billing: 0.14,
			refunds: 0.14,
			payments: 0.15,
			disputes: 0.1,
			delivery: 0.14,
			'account-access': 0.12,
			'app-errors': 0.1,
			cancellations: 0.06,
			other: 0.05
		},
		failure: {
			ai: {
				billing: 0.24,
				refunds: 0.28,
				payments: 0.24,
				disputes: 0.26,
				delivery: 0.2,
				'account-access': 0.34,
				'app-errors': 0.38,
				cancellations: 0.26,
				other: 0.42
			},
			human: {
				billing: 0.08,
				refunds: 0.08,
				payments: 0.08,
				disputes: 0.12,
				delivery: 0.08,
				'account-access': 0.1,
				'app-errors': 0.14,
				cancellations: 0.08,
				other: 0.1
			}
		},
		partial: 0.18,
		escalateOnFailure: 0.45,
		csatResponse: { ai: 0.14, hybrid: 0.24, human: 0.3 },
		repeatAfter: { resolved: 0.03, partial: 0.2, failed: 0.6 },
		regressions: [
			{
				name: 'AI on disputes gets worse',
				segment: { handler: 'ai', topic: 'disputes' },
				fromWeek: 9,
				kind: 'step',
				size: 0.35
			},
			{
				name: 'email slowly drifts',
				segment: { channel: 'email' },
				fromWeek: 3,
				kind: 'drift',
				size: 0.02
			}
		],
		...overrides
	};
}

/** The generated weeks, oldest first. */
export function demoWeeks(config: Pick<DemoConfig, 'weeks' | 'endWeek'>): string[] {
	return Array.from({ length: config.weeks }, (_, i) =>
		addWeeks(config.endWeek, i - config.weeks + 1)
	);
}

export function weekStart(config: DemoConfig, index: number): number {
	return isoWeekStart(demoWeeks(config)[index] as string, config.zone);
}

/** Added failure probability for a contact in week `week` (1-based) of a segment. */
export function regressionEffect(
	config: DemoConfig,
	contact: { handler: 'ai' | 'human'; channel: Channel; topic: DemoTopic; source: string },
	week: number
): number {
	let effect = 0;
	for (const regression of config.regressions) {
		const { segment } = regression;
		if (segment.handler && segment.handler !== contact.handler) continue;
		if (segment.channel && segment.channel !== contact.channel) continue;
		if (segment.topic && segment.topic !== contact.topic) continue;
		if (segment.source && segment.source !== contact.source) continue;
		if (week < regression.fromWeek || week > (regression.toWeek ?? config.weeks)) continue;
		effect +=
			regression.kind === 'step'
				? regression.size
				: regression.size * (week - regression.fromWeek + 1);
	}
	return effect;
}

/** A rate on rollup cells: numerator and denominator are RollupCell fields. */
export interface TruthMeasure {
	name: string;
	numerator: keyof RollupCounts;
	denominator: keyof RollupCounts;
	/** Which way is worse. */
	worse: 'up' | 'down';
}

export const OUTCOME_MEASURES: TruthMeasure[] = [
	{ name: 'CSAT % (top-2 box)', numerator: 'csatTop2', denominator: 'csatAnswered', worse: 'down' },
	{ name: 'CSAT mean', numerator: 'csatSum', denominator: 'csatAnswered', worse: 'down' },
	{ name: 'End sentiment', numerator: 'sentimentEndSum', denominator: 'sentimentN', worse: 'down' },
	{ name: 'Negative endings', numerator: 'negativeEnd', denominator: 'sentimentN', worse: 'up' },
	{
		name: 'Repeat contact',
		numerator: 'repeatContacts',
		denominator: 'repeatEligible',
		worse: 'up'
	},
	{ name: 'Frustration', numerator: 'frustrated', denominator: 'conversations', worse: 'up' }
];

export interface InjectedEffect {
	regression: string;
	/** Rollup cells the effect lives in (handler as the rollup reports it). */
	segment: InjectedRegression['segment'];
	measures: TruthMeasure[];
	weeks: string[];
	kind: InjectedRegression['kind'];
	size: number;
}

/** What was injected: which segment × measures × weeks should be found to regress. */
export function demoTruth(config: DemoConfig): InjectedEffect[] {
	const weeks = demoWeeks(config);
	return config.regressions.map((regression) => ({
		regression: regression.name,
		segment: regression.segment,
		measures: OUTCOME_MEASURES,
		weeks: weeks.slice(regression.fromWeek - 1, regression.toWeek ?? config.weeks),
		kind: regression.kind,
		size: regression.size
	}));
}
