import { ALL, RollupIndex, type HandlerGroup, type Scope } from '../analytics/cells';
import { MEASURES, sampleValue, valueInterval } from '../analytics/measures';
import type { Finding } from '../analytics/regressions';
import {
	firstWeekNeeded,
	previousVerdictIfChanged,
	weeklyReview,
	type WeeklyReview
} from '../analytics/report';
import { shiftWeek, weekRange } from '../analytics/regressions';
import { resolveSettings } from '../analytics/settings';
import { annotationsInWeeks } from '../dashboard/annotations';
import type { DbHandle } from '../db/client';
import { worstConversations } from '../db/repos/evidence';
import { loadCells } from '../db/repos/rollup-cells';
import { getSetting } from '../db/repos/settings';
import { topicLabels } from '../db/repos/topics';
import { usableAdjusted } from '../analytics/gaps';
import type {
	AlertFinding,
	AlertSource,
	DigestContent,
	HeadlineMeasure,
	Segment,
	TrendPoint
} from './types';
import type { MeasureId } from './measures';

/**
 * The statistics layer as alerts see it: findings, the digest and a segment's value for a
 * week, mapped from analytics' weekly review onto the alert types. "AI" is every conversation
 * the AI started (analytics' intent-to-treat group); gap findings and AI-only findings are
 * left to the digest and the dashboard, so one change raises one alert.
 */

const TREND_WEEKS = 10;
const HEADLINE: readonly MeasureId[] = [
	'csatPct',
	'negativeEndRate',
	'repeatRate',
	'escalationRate',
	'abandonmentRate'
];

const GROUP_OF_HANDLER: Record<NonNullable<Segment['handler']>, HandlerGroup | null> = {
	ai: 'aiStarted',
	hybrid: 'aiStarted',
	human: 'human'
};

function settingsOf(handle: DbHandle) {
	return {
		baselineWeeks: getSetting(handle, 'regression.baselineWeeks'),
		topicLabels: topicLabels(handle)
	};
}

function review(
	handle: DbHandle,
	week: string
): { review: WeeklyReview; index: RollupIndex } | null {
	const settings = settingsOf(handle);
	const from = shiftWeek(firstWeekNeeded(week, settings), -TREND_WEEKS);
	const cells = loadCells(handle, from, week);
	const result = weeklyReview(cells, week, settings, {
		worstConversations: (finding) =>
			finding.group === 'gap'
				? []
				: worstConversations(
						handle,
						{
							week,
							handlers:
								finding.group === 'human'
									? ['human']
									: finding.group === 'aiOnly'
										? ['ai']
										: ['ai', 'hybrid'],
							channel: finding.scope.channel,
							topic: finding.scope.topic
						},
						finding.measure
					)
	});
	return result.hasData ? { review: result, index: new RollupIndex(cells) } : null;
}

function trend(index: RollupIndex, finding: Finding, group: HandlerGroup): TrendPoint[] {
	const def = MEASURES[finding.measure];
	const points: TrendPoint[] = weekRange(finding.week, TREND_WEEKS).map((w) => {
		const sample = def.sample(index.get(w, group, finding.scope));
		const interval = valueInterval(sample, 0.95);
		return {
			week: w,
			value: sampleValue(sample),
			n: sample.n,
			low: interval?.lo ?? null,
			high: interval?.hi ?? null
		};
	});
	if (finding.kind === 'drift') addSmoothed(points, finding);
	return points;
}

/**
 * The drift test's EWMA replayed over its run (regression-tests.ts: z = λx + (1 − λ)z, from
 * the reference level, weeks without data leaving it where it was), so that the chart shows
 * the level the change is measured on, ending at the finding's own statistic.
 */
function addSmoothed(points: TrendPoint[], finding: Finding): void {
	const { lambda, weeks } = resolveSettings().drift;
	const run = new Set(weekRange(finding.week, weeks));
	let level = finding.baseline.value;
	for (const point of points) {
		if (!run.has(point.week)) continue;
		if (point.value !== null && point.n > 0) level = lambda * point.value + (1 - lambda) * level;
		point.smoothed = level;
	}
}

function toAlertFinding(finding: Finding, index: RollupIndex): AlertFinding | null {
	const mapped = alertFindingOf(finding);
	if (mapped === null || (finding.group !== 'aiStarted' && finding.group !== 'human')) return null;
	return { ...mapped, trend: trend(index, finding, finding.group) };
}

/**
 * A finding as alert rules judge it, without its chart: null for those alerts leave to the
 * digest and the dashboard (gap and AI-only findings). The weekly review asks the rules with
 * it whether each of its regressions raised an alert (alerts/explain.ts).
 */
export function alertFindingOf(finding: Finding): Omit<AlertFinding, 'trend'> | null {
	if (finding.group !== 'aiStarted' && finding.group !== 'human') return null;
	let baselineWeeks = 1;
	while (
		baselineWeeks < 104 &&
		shiftWeek(finding.baseline.to, -baselineWeeks) >= finding.baseline.from
	)
		baselineWeeks++;
	return {
		segment: {
			handler: finding.group === 'human' ? 'human' : 'ai',
			channel: finding.scope.channel,
			topic: finding.scope.topic,
			source: null
		},
		measure: finding.measure,
		week: finding.week,
		value: finding.current.value,
		n: finding.current.n,
		baseline: {
			value: finding.baseline.value,
			n: finding.baseline.n,
			// The weeks that hold data ("over 6 earlier weeks", n from those 6), as the review's
			// words.ts baselineWords counts them; the span asked for may be longer.
			weeks: Math.max(1, finding.baseline.covered?.weeks ?? baselineWeeks)
		},
		...(finding.kind === 'drift' && finding.ewma !== undefined ? { smoothed: finding.ewma } : {}),
		...(finding.current.from !== finding.week ? { valueFrom: finding.current.from } : {}),
		effect: { estimate: finding.effect, low: finding.ci.lo, high: finding.ci.hi },
		p: finding.p,
		q: finding.q,
		since: finding.since,
		direction: finding.worse ? 'regression' : 'improvement',
		worstConversationIds: finding.worstConversationIds
	};
}

function digestOf(result: WeeklyReview, index: RollupIndex): DigestContent {
	const group = (id: HandlerGroup) => result.groups.find((g) => g.group === id);
	const aiStarted = group('aiStarted')?.conversations ?? 0;
	const aiOnly = group('aiOnly')?.conversations ?? 0;
	const headline = HEADLINE.map((measure): HeadlineMeasure => {
		const side = (id: HandlerGroup) => {
			const row = group(id)?.measures.find((m) => m.measure === measure);
			return { value: row?.value ?? null, n: row?.n ?? 0 };
		};
		const overall = result.gaps.find(
			(gap) => gap.measure === measure && gap.scope.channel === null && gap.scope.topic === null
		);
		// As the review page and the report: withheld when its groups hold under half the human data.
		const adjusted = overall ? usableAdjusted(overall) : null;
		return {
			measure,
			ai: side('aiStarted'),
			human: side('human'),
			gap:
				overall?.gap != null && overall.ci
					? { estimate: overall.gap, low: overall.ci.lo, high: overall.ci.hi }
					: null,
			mixAdjustedGap: adjusted
				? { estimate: adjusted.gap, low: adjusted.ci.lo, high: adjusted.ci.hi }
				: null
		};
	});
	return {
		week: result.week,
		conversations: {
			ai: aiOnly,
			human: group('human')?.conversations ?? 0,
			hybrid: aiStarted - aiOnly
		},
		headline,
		findings: [...result.regressions, ...result.improvements]
			.map((finding) => toAlertFinding(finding, index))
			.filter((finding): finding is AlertFinding => finding !== null),
		routing: result.verdicts.map((verdict) => ({
			topic: verdict.topic,
			label: verdict.label,
			verdict: verdict.verdict,
			reason: verdict.reason,
			aiN: verdict.aiConversations,
			humanN: verdict.humanConversations,
			was: previousVerdictIfChanged(verdict) ?? undefined
		}))
	};
}

export function analyticsAlertSource(handle: DbHandle): AlertSource {
	return {
		findingsForWeek(week) {
			const loaded = review(handle, week);
			if (!loaded) return [];
			return [...loaded.review.regressions, ...loaded.review.improvements]
				.map((finding) => toAlertFinding(finding, loaded.index))
				.filter((finding): finding is AlertFinding => finding !== null);
		},
		digestForWeek(week) {
			const loaded = review(handle, week);
			if (!loaded) return null;
			const notes = annotationsInWeeks(handle, week, week).map(({ day, text, source }) => ({
				day,
				text,
				source
			}));
			return { ...digestOf(loaded.review, loaded.index), notes };
		},
		measureForWeek(week, segment, measure) {
			const group = segment.handler === null ? null : GROUP_OF_HANDLER[segment.handler];
			if (group === null || segment.source !== null) return null;
			const index = new RollupIndex(loadCells(handle, week, week));
			const scope: Scope =
				segment.channel === null && segment.topic === null
					? ALL
					: { channel: segment.channel, topic: segment.topic };
			const sample = MEASURES[measure].sample(index.get(week, group, scope));
			return sample.n > 0 ? { value: sampleValue(sample), n: sample.n } : null;
		}
	};
}
