import type { RollupCell } from '../../domain/rollup';
import { addWeeks, instantToWallTime, isoWeekOf } from '../../domain/time';
import {
	ALL,
	GROUP_LABELS,
	HANDLER_GROUPS,
	RollupIndex,
	isAiGroup,
	type HandlerGroup
} from './cells';
import { computeGap, gapsFor, type Gap } from './gaps';
import {
	compareSamples,
	goodSign,
	MEASURE_IDS,
	MEASURES,
	sampleValue,
	valueInterval,
	type MeasureDef,
	type MeasureId
} from './measures';
import {
	detectRegressions,
	weekRange,
	type DetectionHooks,
	type Finding,
	type TestFamily,
	type WeeksCovered
} from './regressions';
import { resolveSettings, type AnalyticsSettings, type AnalyticsSettingsInput } from './settings';
import type { Interval } from './stats';
import { verdictsWithMemory, type FindingsOf, type RememberedVerdict } from './verdict-memory';
import type { Verdict } from './verdicts';
import { headline } from './headline';
import { rankFindings } from './order';

/**
 * The Monday review of one week (PRODUCT.md, "Support manager"): per handler group the
 * measures with intervals and change against the baseline, the AI − human gaps, the
 * regressions and improvements, the routing verdicts, and one sentence on what matters most.
 * A pure function of rollup cells and settings.
 */

export interface MeasureRow {
	measure: MeasureId;
	value: number | null;
	ci: Interval | null;
	n: number;
	baseline: { value: number | null; n: number };
	/**
	 * This week − baseline. Descriptive: p is not corrected for the many rows shown; the
	 * corrected verdict on a change is whether it is among the findings.
	 */
	change: { effect: number; ci: Interval; pUncorrected: number; worse: boolean } | null;
}

export interface GroupSummary {
	group: HandlerGroup;
	label: string;
	conversations: number;
	baselineConversationsPerWeek: number;
	measures: MeasureRow[];
}

export interface WeeklyReview {
	week: string;
	/** The baseline weeks asked for, and those of them that hold data. */
	baseline: { from: string; to: string; covered: WeeksCovered };
	/** False when the rollups hold nothing for the week. */
	hasData: boolean;
	headline: string;
	groups: GroupSummary[];
	/** AI-started vs human, this week: overall, per channel, per topic, per channel × topic. */
	gaps: Gap[];
	tests: number;
	/** The BH families the tests were corrected in (docs/statistics.md, section 5). */
	families: TestFamily[];
	/** Largest impact first (order.ts rankFindings), as every surface lists them. */
	regressions: Finding[];
	improvements: Finding[];
	/** Send to humans, watch, at parity (order.ts rankVerdicts). */
	verdicts: ReviewVerdict[];
	/** The week whose verdicts `before` gives: the one before, null when it held no data. */
	verdictsBeforeWeek: string | null;
	/** When the review week's repeat contact is not known yet: the latest week's that is. */
	repeatContact: RepeatStandIn | null;
	settings: AnalyticsSettings;
}

/** A topic's verdict, with what it was in the review of the week before (null: none then). */
export interface ReviewVerdict extends RememberedVerdict {
	before: Verdict | null;
}

/** The verdict the week before, when it differs from this week's; null when unchanged or none. */
export function previousVerdictIfChanged(verdict: ReviewVerdict): Verdict | null {
	return verdict.before !== null && verdict.before !== verdict.verdict ? verdict.before : null;
}

/**
 * Each topic's verdict as the review of the week before gave it, with that week's own
 * findings and memory: what a manager acted on last Monday, so that this week's changes
 * stand out.
 */
function verdictsOfWeekBefore(
	index: RollupIndex,
	week: string,
	settings: AnalyticsSettings,
	findingsOf: FindingsOf
): { week: string; byTopic: Map<string, Verdict> } | null {
	const before = addWeeks(week, -1);
	if (!HANDLER_GROUPS.some((group) => index.get(before, group, ALL).conversations > 0)) return null;
	const verdicts = verdictsWithMemory(index, before, settings, findingsOf);
	return { week: before, byTopic: new Map(verdicts.map((v) => [v.topic, v.verdict])) };
}

/** One measure of one handler group in `week`, with its change against `baselineWeeks`. */
function measureRow(
	index: RollupIndex,
	group: HandlerGroup,
	week: string,
	baselineWeeks: readonly string[],
	measure: MeasureDef,
	settings: AnalyticsSettings
): MeasureRow {
	const now = measure.sample(index.get(week, group, ALL));
	const before = measure.sample(index.sum(baselineWeeks, group, ALL));
	const test = now.n > 0 && before.n > 0 ? compareSamples(now, before, settings.level) : null;
	return {
		measure: measure.id,
		value: sampleValue(now),
		ci: valueInterval(now, settings.level),
		n: now.n,
		baseline: { value: sampleValue(before), n: before.n },
		change: test
			? {
					effect: test.effect,
					ci: test.ci,
					pUncorrected: test.p,
					worse: test.effect * goodSign(measure) < 0
				}
			: null
	};
}

function groupSummary(
	index: RollupIndex,
	group: HandlerGroup,
	week: string,
	baselineWeeks: readonly string[],
	settings: AnalyticsSettings
): GroupSummary {
	const current = index.get(week, group, ALL);
	const base = index.sum(baselineWeeks, group, ALL);
	const measures = MEASURE_IDS.map((id) => MEASURES[id])
		.filter((measure) => measure.appliesTo === 'all' || isAiGroup(group))
		.filter((measure) => !(group === 'aiOnly' && measure.id === 'escalationRate'))
		.map((measure) => measureRow(index, group, week, baselineWeeks, measure, settings));
	return {
		group,
		label: GROUP_LABELS[group],
		conversations: current.conversations,
		baselineConversationsPerWeek: base.conversations / baselineWeeks.length,
		measures
	};
}

/**
 * Repeat contact is known for a conversation only once the window in which its customer may
 * come back has closed (7 days by default): on a Monday the week just ended never has it. So
 * that the review still shows it, this is the latest earlier week (up to the baseline's
 * length back) whose repeat contact is known on both sides, with its own change against the
 * baseline weeks before it and its gap, and the reason the review week's is missing. Null
 * when the review week's own is known.
 */
export interface RepeatStandIn {
	/** Why the review week shows none, as a clause: "not known yet for 2026-W47: …". */
	reason: string;
	/** The week shown instead; null when no week in reach has it. */
	week: string | null;
	ai: MeasureRow | null;
	human: MeasureRow | null;
	gap: Gap | null;
}

function repeatStandIn(
	index: RollupIndex,
	week: string,
	settings: AnalyticsSettings
): RepeatStandIn | null {
	const measure = MEASURES.repeatRate;
	// Known on every side that had conversations that week (a side with none has nothing to wait for).
	const known = (w: string) => {
		const sides = (['aiStarted', 'human'] as const).map((group) => index.get(w, group, ALL));
		return (
			sides.some((cell) => measure.sample(cell).n > 0) &&
			sides.every((cell) => cell.conversations === 0 || measure.sample(cell).n > 0)
		);
	};
	if (known(week)) return null;
	for (let back = 1; back <= settings.baselineWeeks; back++) {
		const earlier = addWeeks(week, -back);
		if (!known(earlier)) continue;
		const baseline = weekRange(addWeeks(earlier, -1), settings.baselineWeeks);
		return {
			reason:
				`not known yet for ${week}: its customers may still come back within the repeat ` +
				`window; shown for ${earlier}, the latest week it is known`,
			week: earlier,
			ai: measureRow(index, 'aiStarted', earlier, baseline, measure, settings),
			human: measureRow(index, 'human', earlier, baseline, measure, settings),
			gap: computeGap(index, [earlier], ALL, measure, settings)
		};
	}
	return {
		reason:
			`not known for ${week} or the ${settings.baselineWeeks} weeks before it: the repeat ` +
			`window is still open, or no customer could be identified across conversations`,
		week: null,
		ai: null,
		human: null,
		gap: null
	};
}

/**
 * The week a review defaults to: the last complete ISO week (in the organisation's zone).
 * A week that has not ended by `now` is still filling. The week holding the newest
 * conversation counts as complete only if the data reaches its last day (an export cut on a
 * Wednesday ends in a partial week, which would look like a collapse in volume); otherwise
 * the review shows the week before.
 */
export function defaultReviewWeek(newestInstant: number, zone: string, now = Date.now()): string {
	const lastEnded = addWeeks(isoWeekOf(now, zone), -1);
	const newestWeek = isoWeekOf(newestInstant, zone);
	const reachesLastDay = instantToWallTime(newestInstant, zone).weekday === 7;
	const lastOfData = reachesLastDay ? newestWeek : addWeeks(newestWeek, -1);
	return lastOfData < lastEnded ? lastOfData : lastEnded;
}

/**
 * The week a review opens on when none is asked for, the same for the dashboard and `parity
 * report`: the newest week with data at or before defaultReviewWeek. A data set whose only
 * weeks are still filling (an export of three days) is reviewed as it is rather than not at
 * all: an empty "last complete week" says nothing, a partial one at least shows the data.
 * `stillFilling` says the week chosen is later than the last complete one.
 */
export function reviewWeekOf(
	weeksWithData: readonly string[],
	newestInstant: number | null,
	zone: string,
	now = Date.now()
): { week: string; stillFilling: boolean } | null {
	const newestFirst = [...weeksWithData].sort().reverse();
	if (newestFirst.length === 0) return null;
	if (newestInstant === null) return { week: newestFirst[0]!, stillFilling: false };
	const wanted = defaultReviewWeek(newestInstant, zone, now);
	const complete = newestFirst.find((week) => week <= wanted);
	return complete
		? { week: complete, stillFilling: false }
		: { week: newestFirst[newestFirst.length - 1]!, stillFilling: true };
}

/** The first week a review of `week` reads: the drift reference reaches furthest back. */
export function firstWeekNeeded(week: string, settingsInput: AnalyticsSettingsInput = {}): string {
	const settings = resolveSettings(settingsInput);
	// The verdicts of the week before, and the weeks their memory looks back on, each with
	// its own findings.
	const back =
		1 +
		settings.verdictMemoryWeeks +
		Math.max(
			settings.baselineWeeks,
			settings.verdictWeeks - 1,
			settings.drift.enabled ? settings.drift.weeks + settings.baselineWeeks - 1 : 0
		);
	return addWeeks(week, -back);
}

export function weeklyReview(
	cells: readonly RollupCell[],
	week: string,
	settingsInput: AnalyticsSettingsInput = {},
	hooks: DetectionHooks = {}
): WeeklyReview {
	const settings = resolveSettings(settingsInput);
	const index = new RollupIndex(cells);
	const detection = detectRegressions(index, week, settings, hooks);
	const baselineWeeks = weekRange(detection.baseline.to, settings.baselineWeeks);
	// Verdicts look back on earlier weeks' findings (verdict-memory.ts): each detected once.
	const findingsByWeek = new Map([[week, detection.findings]]);
	const findingsOf: FindingsOf = (at) => {
		let findings = findingsByWeek.get(at);
		if (!findings) {
			findings = detectRegressions(index, at, settings).findings;
			findingsByWeek.set(at, findings);
		}
		return findings;
	};
	const weekBefore = verdictsOfWeekBefore(index, week, settings, findingsOf);
	const verdicts = verdictsWithMemory(index, week, settings, findingsOf).map(
		(verdict): ReviewVerdict => ({
			...verdict,
			before: weekBefore?.byTopic.get(verdict.topic) ?? null
		})
	);
	// Every surface lists them in this order (order.ts): the page, the report, the digest.
	const regressions = rankFindings(
		detection.findings.filter((finding) => finding.worse),
		settings
	);
	const improvements = rankFindings(
		detection.findings.filter((finding) => !finding.worse),
		settings
	);
	const hasData = HANDLER_GROUPS.some((group) => index.get(week, group, ALL).conversations > 0);
	return {
		week,
		baseline: detection.baseline,
		hasData,
		headline: headline({
			week,
			hasData,
			regressions,
			improvements,
			verdicts,
			tests: detection.tests,
			settings
		}),
		groups: HANDLER_GROUPS.map((group) =>
			groupSummary(index, group, week, baselineWeeks, settings)
		),
		gaps: gapsFor(index, [week], settings),
		tests: detection.tests,
		families: detection.families,
		regressions,
		improvements,
		verdicts,
		verdictsBeforeWeek: weekBefore?.week ?? null,
		repeatContact: hasData ? repeatStandIn(index, week, settings) : null,
		settings
	};
}
