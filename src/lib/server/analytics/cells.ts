import type { Channel } from '../../domain/conversation';
import type { RollupCell, RollupCounts } from '../../domain/rollup';
import { ROLLUP_COUNT_FIELDS } from '../../domain/rollup-fields';

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

export function scopeLabel(scope: Scope): string {
	if (scope.channel === null && scope.topic === null) return 'all conversations';
	if (scope.channel === null) return `${scope.topic}`;
	if (scope.topic === null) return `${scope.channel}`;
	return `${scope.channel} · ${scope.topic}`;
}

export function segmentLabel(segment: Segment): string {
	return `${GROUP_LABELS[segment.group]} · ${scopeLabel(segment)}`;
}

export function scopeKey(scope: Scope): string {
	return `${scope.channel ?? '*'}\u0000${scope.topic ?? '*'}`;
}

export function zeroCounts(): RollupCounts {
	const counts = {} as RollupCounts;
	for (const field of ROLLUP_COUNT_FIELDS) counts[field] = 0;
	return counts;
}

export function addCounts(into: RollupCounts, from: RollupCounts): void {
	for (const field of ROLLUP_COUNT_FIELDS) into[field] += from[field];
}

const ZERO: Readonly<RollupCounts> = Object.freeze(zeroCounts());

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
	private readonly sums = new Map<string, RollupCounts>();

	constructor(cells: readonly RollupCell[]) {
		const weeks = new Set<string>();
		const channels = new Set<Channel>();
		const topics = new Set<string>();
		const pairs = new Map<string, { channel: Channel; topic: string }>();
		for (const cell of cells) {
			weeks.add(cell.week);
			channels.add(cell.channel);
			topics.add(cell.topic);
			pairs.set(scopeKey(cell), { channel: cell.channel, topic: cell.topic });
			for (const group of HANDLER_GROUPS) {
				if (!GROUP_HANDLERS[group].includes(cell.handler)) continue;
				for (const channel of [cell.channel, null]) {
					for (const topic of [cell.topic, null]) {
						const key = this.key(cell.week, group, { channel, topic });
						let sum = this.sums.get(key);
						if (!sum) this.sums.set(key, (sum = zeroCounts()));
						addCounts(sum, cell);
					}
				}
			}
		}
		this.weeks = [...weeks].sort();
		this.channels = [...channels].sort();
		this.topics = [...topics].sort();
		this.channelTopics = [...pairs.values()].sort(
			(a, b) => a.channel.localeCompare(b.channel) || a.topic.localeCompare(b.topic)
		);
	}

	private key(week: string, group: HandlerGroup, scope: Scope): string {
		return `${week}\u0000${group}\u0000${scopeKey(scope)}`;
	}

	/** The sums of one week; all zeros when there were no such conversations. */
	get(week: string, group: HandlerGroup, scope: Scope): Readonly<RollupCounts> {
		return this.sums.get(this.key(week, group, scope)) ?? ZERO;
	}

	sum(weeks: readonly string[], group: HandlerGroup, scope: Scope): RollupCounts {
		const total = zeroCounts();
		for (const week of weeks) {
			const counts = this.sums.get(this.key(week, group, scope));
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
