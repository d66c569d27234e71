import type { RollupCell } from '../../domain/rollup';
import { GROUP_HANDLERS, type HandlerGroup } from '../analytics/cells';
import type { MeasureId } from '../analytics/measures';
import type { Finding } from '../analytics/regressions';
import { demoWeeks, type DemoConfig, type InjectedRegression } from './config';

/**
 * What the demo injected, in the terms findings are stated in, and which findings it explains.
 *
 * An injected regression makes contacts in its segment fail more often. A failure shows in
 * the outcome measures of the conversations the segment's handler started: lower CSAT and end
 * sentiment, more negative endings, repeat contacts and frustration signals, and for the AI
 * more hand-overs and abandonments. Those measures, in those weeks, in that segment, are what
 * detection should find — and nothing else.
 */

/** Measures a higher failure rate moves for the worse, on either handler's conversations. */
const FAILURE_MEASURES: MeasureId[] = [
	'csatPct',
	'csatMean',
	'endSentimentMean',
	'sentimentDeltaMean',
	'negativeEndRate',
	'repeatRate',
	'frustrationRate'
];
/** ...and on conversations the AI started. */
const AI_FAILURE_MEASURES: MeasureId[] = ['escalationRate', 'abandonmentRate'];

export interface InjectedEffect {
	regression: string;
	/** The contacts it applies to ('ai' = the AI answered first: the AI-started group). */
	segment: InjectedRegression['segment'];
	/** Measures it moves for the worse (AI-only measures only when the AI side is affected). */
	measures: MeasureId[];
	/** Weeks it is in effect, ISO labels. */
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
		measures:
			regression.segment.handler === 'human'
				? FAILURE_MEASURES
				: [...FAILURE_MEASURES, ...AI_FAILURE_MEASURES],
		weeks: weeks.slice(regression.fromWeek - 1, regression.toWeek ?? config.weeks),
		kind: regression.kind,
		size: regression.size
	}));
}

/**
 * A finding on a scope only partly inside the injected segment is explained by it when at
 * least this share of the scope's conversations (that week, on the affected side) are inside —
 * "Human · billing" is explained by a drift of the human email team, which holds a third of
 * human billing — or when the scope holds at least COVERS of the segment's conversations: an
 * aggregate the injected segment is a part of ("AI · all", "AI · chat" around the AI on
 * disputes) really did get worse, diluted. "AI · email", a tenth of whose conversations are
 * disputes and which holds a tenth of the AI's disputes, is not explained.
 */
export const MIN_SHARE_INSIDE = 0.25;
export const COVERS = 0.5;

function inSegment(cell: RollupCell, segment: InjectedEffect['segment']): boolean {
	return (
		(!segment.channel || cell.channel === segment.channel) &&
		(!segment.topic || cell.topic === segment.topic) &&
		(!segment.source || cell.source === segment.source)
	);
}

/**
 * How the finding's scope (in its week, on `group`'s side) and the effect's segment overlap:
 * `share`, the part of the scope's conversations inside the segment, and `coverage`, the part
 * of the segment's conversations inside the scope. Both 0 when they do not meet.
 */
export function overlap(
	cells: readonly RollupCell[],
	finding: Pick<Finding, 'scope' | 'week'>,
	group: HandlerGroup,
	segment: InjectedEffect['segment']
): { share: number; coverage: number } {
	const handlers = GROUP_HANDLERS[group];
	let scope = 0;
	let both = 0;
	let injected = 0;
	for (const cell of cells) {
		if (cell.week !== finding.week || !handlers.includes(cell.handler)) continue;
		const inScope =
			(finding.scope.channel === null || cell.channel === finding.scope.channel) &&
			(finding.scope.topic === null || cell.topic === finding.scope.topic);
		const inside = inSegment(cell, segment);
		if (inScope) scope += cell.conversations;
		if (inside) injected += cell.conversations;
		if (inScope && inside) both += cell.conversations;
	}
	return { share: scope > 0 ? both / scope : 0, coverage: injected > 0 ? both / injected : 0 };
}

/** The part of the finding's conversations (in its week, on `group`'s side) inside the segment. */
export function shareInside(
	cells: readonly RollupCell[],
	finding: Pick<Finding, 'scope' | 'week'>,
	group: HandlerGroup,
	segment: InjectedEffect['segment']
): number {
	return overlap(cells, finding, group, segment).share;
}

/**
 * The injected effect that explains a finding, or null for a false alarm. A finding is
 * explained when all of these hold:
 *  - its week is one the effect is in;
 *  - its measure is one the effect moves;
 *  - its side is the effect's: an AI-started finding for an effect on the AI (or on everyone),
 *    a human finding for one on humans (or everyone); a change in the AI − human gap against
 *    the AI for an effect on the AI, in the AI's favour for an effect on humans only, either
 *    way for one on everyone;
 *  - it says "worse" (gap findings: as above);
 *  - at least MIN_SHARE_INSIDE of its scope's conversations on that side lie in the segment,
 *    or its scope holds at least COVERS of the segment's (an aggregate the segment is part of).
 */
export function explainFinding(
	finding: Pick<Finding, 'group' | 'scope' | 'measure' | 'week' | 'worse'>,
	truth: readonly InjectedEffect[],
	cells: readonly RollupCell[]
): InjectedEffect | null {
	for (const effect of truth) {
		if (!effect.weeks.includes(finding.week)) continue;
		if (!effect.measures.includes(finding.measure)) continue;
		const handler = effect.segment.handler;
		let side: HandlerGroup;
		if (finding.group === 'gap') {
			const expectWorse = handler === 'ai' ? true : handler === 'human' ? false : null;
			if (expectWorse !== null && finding.worse !== expectWorse) continue;
			side = handler === 'human' ? 'human' : 'aiStarted';
		} else {
			if (!finding.worse) continue;
			if (finding.group === 'human' ? handler === 'ai' : handler === 'human') continue;
			side = finding.group;
		}
		const { share, coverage } = overlap(cells, finding, side, effect.segment);
		if (share >= MIN_SHARE_INSIDE || coverage >= COVERS) return effect;
	}
	return null;
}
