import type { Channel, CsatScale } from '../../domain/conversation';
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
	/**
	 * What the operation would have noted on the timeline when it began (the cause, as a
	 * manager knows it), about one of the demo's sources; the demo loader writes it.
	 */
	note?: { text: string; source: string };
}

export interface DemoConfig {
	seed: number;
	/** Number of weeks generated, ending with `endWeek`. */
	weeks: number;
	/**
	 * Weeks simulated before the first generated week and not written out. Customers who
	 * come back (repeat contacts, "I already wrote to you") exist from the first week on, so
	 * the data set starts in a steady state instead of ramping up over its first weeks, which
	 * a drift test would rightly call a change.
	 */
	warmupWeeks: number;
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
	/**
	 * Probability that a failing AI contact is handed to a human: some at once, the AI knowing
	 * it cannot help (script.ts), the rest after the customer pushed back.
	 */
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

/**
 * The regressions a demo of `weeks` weeks carries by default, placed from its end so that the
 * last weeks always show them: the AI on disputes starts failing far more often four weeks
 * before the end (a step, as after a bad model or help-centre update: new in the week a Monday
 * review looks at), and the human email team slides slowly over the last eight weeks (a drift
 * of 2 points of failure a week, 16 by the end, as a team falls behind).
 */
export function defaultRegressions(weeks: number): InjectedRegression[] {
	return [
		{
			name: 'AI on disputes gets worse',
			segment: { handler: 'ai', topic: 'disputes' },
			fromWeek: Math.max(1, weeks - 3),
			kind: 'step',
			size: 0.45,
			note: { text: 'New disputes flow for the AI went live', source: 'Intercom (demo)' }
		},
		{
			name: 'human email team slowly falls behind',
			segment: { handler: 'human', channel: 'email' },
			fromWeek: Math.max(1, weeks - 7),
			kind: 'drift',
			size: 0.02,
			note: { text: 'Two email agents moved to the chat team', source: 'Zendesk (demo)' }
		}
	];
}

export function defaultDemoConfig(overrides: Partial<DemoConfig> = {}): DemoConfig {
	const zone = overrides.zone ?? 'UTC';
	const weeks = overrides.weeks ?? 14;
	return {
		seed: 7,
		weeks,
		warmupWeeks: 4,
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
		// The AI is close to humans on routine questions and well behind on the hard ones
		// (locked accounts, app errors), so that routing verdicts differ by topic.
		failure: {
			ai: {
				billing: 0.12,
				refunds: 0.14,
				payments: 0.13,
				disputes: 0.16,
				delivery: 0.1,
				'account-access': 0.24,
				'app-errors': 0.3,
				cancellations: 0.16,
				other: 0.18
			},
			human: {
				billing: 0.08,
				refunds: 0.09,
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
		regressions: defaultRegressions(weeks),
		...overrides
	};
}

/** The generated (written) weeks, oldest first. */
export function demoWeeks(config: Pick<DemoConfig, 'weeks' | 'endWeek'>): string[] {
	return Array.from({ length: config.weeks }, (_, i) =>
		addWeeks(config.endWeek, i - config.weeks + 1)
	);
}

/** Start of generated week `index` (0 = the first written; negative = warm-up weeks). */
export function weekStart(config: DemoConfig, index: number): number {
	return isoWeekStart(addWeeks(config.endWeek, index - config.weeks + 1), config.zone);
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

/** The names the demo loader gives its sources: how demo data is told from an organisation's own. */
export function demoSourceNames(): string[] {
	return defaultDemoConfig().sources.map((source) => source.name);
}
