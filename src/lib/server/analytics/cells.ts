import type { Channel } from '../../domain/conversation';
import { CHANNEL_LABELS } from '../../domain/conversation-filters';
import type { RollupCell, RollupCounts } from '../../domain/rollup';
import { OTHER_TOPIC } from '../scoring/topics';

/**
 * Which conversations are compared as "AI" and which as "human" (docs/statistics.md, "Who is
 * compared"). The primary AI group is intent-to-treat: every conversation the AI started
 * (`ai` + `hybrid`), because dropping the ones it handed over would keep its successes and
 * hide its failures. `aiOnly` (never handed over) is shown beside it as a secondary view.
 */
export const HANDLER_GROUPS = ['aiStarted', 'aiOnly', 'human'] as const;
export type HandlerGroup = (typeof HANDLER_GROUPS)[number];

export const GROUP_HANDLERS: Record<HandlerGroup, ReadonlyArray<RollupCell['handler']>> = {
	aiStarted: ['ai', 'hybrid'],
	aiOnly: ['ai'],
	human: ['human']
};

export const GROUP_LABELS: Record<HandlerGroup, string> = {
	aiStarted: 'AI',
	aiOnly: 'AI, never handed over',
	human: 'Human'
};

export function isAiGroup(group: HandlerGroup): boolean {
	return group !== 'human';
}

/** A slice of the cells: one channel or all (null), one topic or all (null). */
export interface Scope {
	channel: Channel | null;
	topic: string | null;
}

export interface Segment extends Scope {
	group: HandlerGroup;
}

export const ALL: Scope = { channel: null, topic: null };

/** How finely segments are cut: everything, per channel, per topic, per channel × topic. */
export const SCOPE_LEVELS = ['all', 'channel', 'topic', 'channelTopic'] as const;
export type ScopeLevel = (typeof SCOPE_LEVELS)[number];

export function scopeLevel(scope: Scope): ScopeLevel {
	if (scope.channel === null) return scope.topic === null ? 'all' : 'topic';
	return scope.topic === null ? 'channel' : 'channelTopic';
}

/** Whether `inner` lies inside `outer` (a null dimension of outer covers everything). */
export function scopeContains(outer: Scope, inner: Scope): boolean {
	return (
		(outer.channel === null || outer.channel === inner.channel) &&
		(outer.topic === null || outer.topic === inner.topic)
	);
}

/**
 * The names people read for topics: the taxonomy's labels by topic id ("disputes" →
 * "Disputes and fraud"). Ids stay in links and JSON; every sentence and table uses labels.
 */
export type TopicLabels = Readonly<Record<string, string>>;

/** "Web form" for `web`: the conversation list's names. */
export function channelLabel(channel: Channel): string {
	return CHANNEL_LABELS[channel] ?? channel;
}

/** The taxonomy label of a topic; "Other" for the catch-all; else the id as it is. */
export function topicLabel(topic: string, labels: TopicLabels = {}): string {
	return labels[topic] ?? (topic === OTHER_TOPIC ? 'Other' : topic);
}

export function scopeLabel(scope: Scope, labels: TopicLabels = {}): string {
	if (scope.channel === null && scope.topic === null) return 'all conversations';
	if (scope.channel === null) return topicLabel(scope.topic!, labels);
	if (scope.topic === null) return channelLabel(scope.channel);
	return `${channelLabel(scope.channel)} · ${topicLabel(scope.topic, labels)}`;
}

export function segmentLabel(segment: Segment, labels: TopicLabels = {}): string {
	return `${GROUP_LABELS[segment.group]} · ${scopeLabel(segment, labels)}`;
}

export function scopeKey(scope: Scope): string {
	return `${scope.channel ?? '*'}\u0000${scope.topic ?? '*'}`;
}

/**
 * Written out as one literal so every counts object has the same fixed shape: built field by
 * field, V8 falls back to a dictionary and boxes every number it adds, which made summing
 * cells the slowest part of detection.
 */
export function zeroCounts(): RollupCounts {
	return {
		conversations: 0,
		messages: 0,
		csatOffered: 0,
		csatAnswered: 0,
		csatTop2: 0,
		csatSum: 0,
		csatSumSq: 0,
		sentimentN: 0,
		endingKnown: 0,
		sentimentStartSum: 0,
		sentimentEndSum: 0,
		sentimentEndSumSq: 0,
		sentimentDeltaSum: 0,
		sentimentMinSum: 0,
		negativeEnd: 0,
		repeatContacts: 0,
		repeatEligible: 0,
		escalationEligible: 0,
		escalations: 0,
		repeatedAfterHandoff: 0,
		abandonments: 0,
		frustrated: 0,
		askedForHuman: 0,
		repeatedQuestion: 0,
		profanity: 0,
		shouting: 0,
		uselessPhrase: 0,
		aiLoop: 0,
		firstResponseN: 0,
		firstResponseSum: 0,
		resolutionN: 0,
		resolutionSum: 0
	};
}

/** Spelled out for speed like zeroCounts; cells.test.ts checks it adds every listed field. */
export function addCounts(into: RollupCounts, from: Readonly<RollupCounts>): void {
	into.conversations += from.conversations;
	into.messages += from.messages;
	into.csatOffered += from.csatOffered;
	into.csatAnswered += from.csatAnswered;
	into.csatTop2 += from.csatTop2;
	into.csatSum += from.csatSum;
	into.csatSumSq += from.csatSumSq;
	into.sentimentN += from.sentimentN;
	into.endingKnown += from.endingKnown;
	into.sentimentStartSum += from.sentimentStartSum;
	into.sentimentEndSum += from.sentimentEndSum;
	into.sentimentEndSumSq += from.sentimentEndSumSq;
	into.sentimentDeltaSum += from.sentimentDeltaSum;
	into.sentimentMinSum += from.sentimentMinSum;
	into.negativeEnd += from.negativeEnd;
	into.repeatContacts += from.repeatContacts;
	into.repeatEligible += from.repeatEligible;
	into.escalationEligible += from.escalationEligible;
	into.escalations += from.escalations;
	into.repeatedAfterHandoff += from.repeatedAfterHandoff;
	into.abandonments += from.abandonments;
	into.frustrated += from.frustrated;
	into.askedForHuman += from.askedForHuman;
	into.repeatedQuestion += from.repeatedQuestion;
	into.profanity += from.profanity;
	into.shouting += from.shouting;
	into.uselessPhrase += from.uselessPhrase;
	into.aiLoop += from.aiLoop;
	into.firstResponseN += from.firstResponseN;
	into.firstResponseSum += from.firstResponseSum;
	into.resolutionN += from.resolutionN;
	into.resolutionSum += from.resolutionSum;
}

const ZERO: Readonly<RollupCounts> = Object.freeze(zeroCounts());
/** Stands for "all" in the scope look-up; no channel or topic can be named like it. */
const ANY = '\u0000*';

/**
 * The cells summed for every week × handler group × (channel or all) × (topic or all), built
 * once, so that each segment's weekly sums and baseline are look-ups and additions. Sources
 * are summed over: analytics compares handlers, not tools.
 */
export class RollupIndex {
	readonly weeks: string[];
	readonly channels: Channel[];
	readonly topics: string[];
	/** The channel × topic combinations that have any cell. */
	readonly channelTopics: Array<{ channel: Channel; topic: string }>;
	// Sums live in one array addressed by (week, group, scope) numbers: detection asks for
	// thousands of them a week, and building string keys for each was most of its time.
	private readonly weekIds = new Map<string, number>();
	private readonly scopeIds = new Map<string, Map<string, number>>();
	private readonly sums: Array<RollupCounts | undefined> = [];
	private scopeCount = 0;

	constructor(cells: readonly RollupCell[]) {
		const channels = new Set<Channel>();
		const topics = new Set<string>();
		const pairs = new Map<string, { channel: Channel; topic: string }>();
		for (const cell of cells) {
			channels.add(cell.channel);
			topics.add(cell.topic);
			pairs.set(scopeKey(cell), { channel: cell.channel, topic: cell.topic });
		}
		this.weeks = [...new Set(cells.map((cell) => cell.week))].sort();
		this.weeks.forEach((week, i) => this.weekIds.set(week, i));
		this.channels = [...channels].sort();
		this.topics = [...topics].sort();
		this.channelTopics = [...pairs.values()].sort(
			(a, b) => a.channel.localeCompare(b.channel) || a.topic.localeCompare(b.topic)
		);
		for (const scope of this.scopes(SCOPE_LEVELS)) {
			const byTopic = this.scopeIds.get(scope.channel ?? ANY) ?? new Map<string, number>();
			byTopic.set(scope.topic ?? ANY, this.scopeCount++);
			this.scopeIds.set(scope.channel ?? ANY, byTopic);
		}
		for (const cell of cells) {
			const week = this.weekIds.get(cell.week)!;
			for (let group = 0; group < HANDLER_GROUPS.length; group++) {
				if (!GROUP_HANDLERS[HANDLER_GROUPS[group]!].includes(cell.handler)) continue;
				for (const channel of [cell.channel, null]) {
					for (const topic of [cell.topic, null]) {
						const slot = this.slot(week, group, this.scopeId({ channel, topic })!);
						let sum = this.sums[slot];
						if (!sum) this.sums[slot] = sum = zeroCounts();
						addCounts(sum, cell);
					}
				}
			}
		}
	}

	private scopeId(scope: Scope): number | undefined {
		return this.scopeIds.get(scope.channel ?? ANY)?.get(scope.topic ?? ANY);
	}

	private slot(week: number, group: number, scope: number): number {
		return (week * HANDLER_GROUPS.length + group) * this.scopeCount + scope;
	}

	private lookup(week: string, group: HandlerGroup, scope: Scope): RollupCounts | undefined {
		const weekId = this.weekIds.get(week);
		const scopeId = this.scopeId(scope);
		if (weekId === undefined || scopeId === undefined) return undefined;
		return this.sums[this.slot(weekId, HANDLER_GROUPS.indexOf(group), scopeId)];
	}

	/** Every scope at the given levels that has any cell, level by level in the order given. */
	scopes(levels: readonly ScopeLevel[]): Scope[] {
		const byLevel: Record<ScopeLevel, () => Scope[]> = {
			all: () => [ALL],
			channel: () => this.channels.map((channel) => ({ channel, topic: null })),
			topic: () => this.topics.map((topic) => ({ channel: null, topic })),
			channelTopic: () => this.channelTopics
		};
		return levels.flatMap((level) => byLevel[level]());
	}

	/** The sums of one week; all zeros when there were no such conversations. */
	get(week: string, group: HandlerGroup, scope: Scope): Readonly<RollupCounts> {
		return this.lookup(week, group, scope) ?? ZERO;
	}

	sum(weeks: readonly string[], group: HandlerGroup, scope: Scope): RollupCounts {
		const total = zeroCounts();
		for (const week of weeks) {
			const counts = this.lookup(week, group, scope);
			if (counts) addCounts(total, counts);
		}
		return total;
	}
}

/** A cell with every count zero unless given: for tests and the simulator. */
export function makeCell(
	key: Pick<RollupCell, 'week' | 'handler' | 'channel' | 'topic'> & { source?: string },
	counts: Partial<RollupCounts> = {}
): RollupCell {
	return { source: 'test', ...key, ...zeroCounts(), ...counts };
}
