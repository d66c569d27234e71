import { addWeeks } from '../../domain/time';
import { ALL } from '../analytics/cells';
import { formatEffect, formatValue, MEASURES, type MeasureId } from '../analytics/measures';
import {
	firstWeekNeeded,
	previousVerdictIfChanged,
	weeklyReview,
	type MeasureRow,
	type WeeklyReview
} from '../analytics/report';
import { effectBars, resolveSettings } from '../analytics/settings';
import { alertFindingOf } from '../alerts/analytics-source';
import { alertOutcome, type AlertEpisode } from '../alerts/explain';
import { links } from '../alerts/links';
import type { AlertRule } from '../alerts/rules';
import { alertsAround } from '../db/repos/alerts';
import { listAlertRules } from '../db/repos/alert-rules';
import type { Verdict } from '../analytics/verdicts';
import {
	adjustedGapWords,
	coveredSpan,
	familiesNote,
	findingKindsNote,
	weekSpan
} from '../analytics/words';
import type { Finding } from '../analytics/regressions';
import type { DbHandle } from '../db/client';
import { storedConversations } from '../db/repos/dashboard';
import { loadCells } from '../db/repos/rollup-cells';
import { annotationsInWeeks } from './annotations';
import { memo } from './cache';
import { chooseWeek, dashboardBase, weekNavigation, type DashboardBase } from './context';
import {
	capitalise,
	drillLinks,
	effectRange,
	findingFlag,
	findingRow,
	percentLevel,
	scopeHref,
	valueRange
} from './present';
import type { MeasureLine, ReviewPage, ReviewReady, SideCell, VerdictRow } from './review-types';

/**
 * The weekly review page (PRODUCT.md, "Support manager"): the analytics' review of one week
 * (analytics/report.ts), put into words and numbers with links to the conversations behind
 * each. Computed once per week and data version.
 */

/**
 * The measures the review leads with: every tested outcome, and end sentiment; the rest are one
 * click away. "Ended negative" was among the rest, while the banner's finding of the week and
 * most regressions were on it. A measure with a finding on an overall side this week is shown
 * in the lead table whatever its place here.
 */
export const PRIMARY_MEASURES: MeasureId[] = [
	'csatPct',
	'negativeEndRate',
	'endSentimentMean',
	'repeatRate',
	'escalationRate',
	'abandonmentRate'
];
const MORE_MEASURES: MeasureId[] = [
	'frustrationRate',
	'csatMean',
	'csatResponseRate',
	'sentimentDeltaMean',
	'repeatedAfterHandoffRate',
	'firstResponseTime',
	'resolutionTime'
];

const VERDICT_LABEL: Record<Verdict, string> = {
	humans: 'Send to humans',
	watch: 'Watch',
	parity: 'AI at parity'
};

const labelOf = (verdict: Verdict | null): string | null =>
	verdict === null ? null : VERDICT_LABEL[verdict];

/** The analytics' review of a week, from the cells of the weeks it reads and no others. */
export function reviewOf(handle: DbHandle, base: DashboardBase, week: string): WeeklyReview {
	return memo(handle, `review|${week}`, () => {
		const cells = loadCells(handle, firstWeekNeeded(week, base.settings), week);
		return weeklyReview(cells, week, base.settings);
	});
}

/** "W46" from "2026-W46": the year is the review's, said in the header. */
function shortWeek(week: string): string {
	return week.slice(5);
}

function share(part: number, whole: number): string | null {
	return whole > 0 ? `${Math.round((part / whole) * 100)}%` : null;
}

/** How many findings of each kind the page lists before "show all". */
export const LISTED = 10;

/** The alert rules and the alert episodes around a week: what the review's regressions raised. */
interface Alerting {
	rules: AlertRule[];
	episodes: AlertEpisode[];
}

export function reviewPage(handle: DbHandle, input: { week?: string; all?: boolean }): ReviewPage {
	const base = dashboardBase(handle);
	const chosen = chooseWeek(base, input.week);
	if (chosen.week === null)
		return { state: 'empty', demo: base.demo, stored: storedConversations(handle) };
	const week = chosen.week;
	const all = input.all === true;
	// Any write (a rule edited, an alert fired) moves the data version and recomputes this.
	const page = memo(handle, `review-page|${week}|${all}`, () => ({
		...present(reviewOf(handle, base, week), all ? Infinity : LISTED, {
			rules: listAlertRules(handle),
			episodes: alertsAround(handle, week)
		}),
		notes: annotationsInWeeks(handle, week, week)
	}));
	return {
		...page,
		all,
		...weekNavigation(base, week, chosen.notice),
		isDefaultWeek: week === base.defaultWeek,
		demo: base.demo
	};
}

type Presented = Omit<
	ReviewReady,
	'all' | 'notice' | 'weeks' | 'previous' | 'next' | 'dates' | 'isDefaultWeek' | 'demo' | 'notes'
>;

function present(review: WeeklyReview, listed: number, alerting: Alerting): Presented {
	const settings = resolveSettings(review.settings);
	const { week } = review;
	// The alert rules' minimums a measure's changes are judged against, beside its own.
	const ruleBars = (id: MeasureId) =>
		alerting.rules.filter((rule) => rule.enabled && rule.measure === id).map((r) => r.minEffect);
	const bars = (id: MeasureId) => [...effectBars(settings, MEASURES[id]), ...ruleBars(id)];
	const outcome = (finding: Finding) =>
		alertOutcome(alertFindingOf(finding), week, alerting.rules, alerting.episodes);
	// The overall findings are listed whatever their rank: the measure table links to them.
	const overall = (f: Finding) => f.scope.channel === null && f.scope.topic === null;
	const pick = (findings: readonly Finding[]) => {
		// Already in the order every surface lists them (analytics/order.ts).
		return findings.filter((f, i) => i < listed || overall(f));
	};
	const shownRegressions = pick(review.regressions);
	const shownImprovements = pick(review.improvements);
	const shown = [...shownRegressions, ...shownImprovements];
	const rows = shown.map((f, i) => {
		const row = findingRow(f, i, settings, ruleBars(f.measure));
		if (!f.worse) return row;
		const said = outcome(f);
		return {
			...row,
			alert: {
				kind: said.kind,
				text: said.text,
				href: said.kind === 'alerted' ? links.alert('', said.alertId) : null
			}
		};
	});
	const overallFinding = (group: 'aiStarted' | 'human' | 'gap', measure: MeasureId) => {
		const at = shown.findIndex((f) => f.group === group && f.measure === measure && overall(f));
		if (at < 0) return null;
		return {
			...findingFlag(shown[at]!, settings, ruleBars(measure)),
			anchor: rows[at]!.anchor
		};
	};
	const hasOverallFinding = (id: MeasureId) =>
		shown.some((f) => f.measure === id && overall(f) && f.group !== 'aiOnly');
	const group = (id: 'aiStarted' | 'aiOnly' | 'human') => review.groups.find((g) => g.group === id);
	const ai = group('aiStarted');
	const aiOnly = group('aiOnly');
	const human = group('human');

	const side = (
		side: 'aiStarted' | 'human',
		row: MeasureRow | undefined | null,
		of: string = week
	): SideCell | null => {
		if (!row || row.value === null) return null;
		const measure = MEASURES[row.measure];
		const drill = drillLinks(row.measure, { week: of, group: side, scope: ALL }, [
			{ value: row.value, n: row.n }
		]);
		return {
			value: formatValue(measure, row.value),
			ci: valueRange(measure, row.ci),
			n: row.n,
			unit: measure.unit,
			baseline: row.baseline.value === null ? null : formatValue(measure, row.baseline.value),
			change: row.change
				? {
						text: formatEffect(measure, row.change.effect, bars(row.measure)),
						ci: effectRange(measure, row.change.ci),
						worse: row.change.worse
					}
				: null,
			finding: of === week ? overallFinding(side, row.measure) : null,
			href: drill.all.href,
			week: of === week ? null : shortWeek(of),
			hits: drill.hits ? { text: drill.hits.text, href: drill.hits.href } : null
		};
	};
	const standIn = review.repeatContact;
	const line = (id: MeasureId): MeasureLine => {
		const measure = MEASURES[id];
		// Repeat contact of the latest week that has it (report.ts), labelled with that week.
		const late = id === 'repeatRate' && standIn?.week ? standIn : null;
		const gap = late
			? late.gap
			: review.gaps.find(
					(g) => g.measure === id && g.scope.channel === null && g.scope.topic === null
				);
		const worseSign = measure.better === 'higher' ? -1 : 1;
		return {
			missing:
				measure.appliesTo === 'ai'
					? 'Defined only for conversations the AI started'
					: id === 'repeatRate'
						? capitalise(standIn?.reason ?? 'not known for this week')
						: 'No conversations this week with this measure',
			note: id === 'repeatRate' && standIn ? `${capitalise(standIn.reason)}.` : null,
			id,
			label: capitalise(measure.label),
			better: measure.better === 'higher' ? 'higher is better' : 'lower is better',
			monitored: measure.monitored,
			ai: late
				? side('aiStarted', late.ai, late.week!)
				: side(
						'aiStarted',
						ai?.measures.find((r) => r.measure === id)
					),
			human: late
				? side('human', late.human, late.week!)
				: side(
						'human',
						human?.measures.find((r) => r.measure === id)
					),
			gap:
				gap && gap.gap !== null
					? {
							text: formatEffect(measure, gap.gap, bars(id)),
							ci: effectRange(measure, gap.ci),
							aiWorse: gap.ci !== null && (worseSign > 0 ? gap.ci.lo > 0 : gap.ci.hi < 0),
							adjusted: gap.adjusted ? adjustedGapWords(measure, gap.adjusted, gap) : null,
							finding: late ? null : overallFinding('gap', id),
							week: late ? shortWeek(late.week!) : null
						}
					: null
		};
	};

	const aiCount = ai?.conversations ?? 0;
	const humanCount = human?.conversations ?? 0;
	const aiBase = ai?.baselineConversationsPerWeek ?? 0;
	const humanBase = human?.baselineConversationsPerWeek ?? 0;
	const toHumans = review.verdicts.some((v) => v.verdict === 'humans');
	const firstVerdict = review.verdicts[0];
	return {
		state: 'ready',
		week,
		hasData: review.hasData,
		headline: review.headline,
		tone:
			review.regressions.length || toHumans
				? 'bad'
				: review.improvements.length
					? 'good'
					: 'steady',
		baseline: coveredSpan(review.baseline.from, review.baseline.to, review.baseline.covered),
		baselineSpan: weekSpan(review.baseline.from, review.baseline.to),
		level: percentLevel(settings),
		fdr: settings.fdr,
		falseAlarmCap: settings.falseAlarmCap,
		tests: review.tests,
		families: familiesNote(review.families),
		volume: {
			total: aiCount + humanCount,
			ai: aiCount,
			aiOnly: aiOnly?.conversations ?? 0,
			handedOver: aiCount - (aiOnly?.conversations ?? 0),
			human: humanCount,
			aiShare: share(aiCount, aiCount + humanCount) ?? '–',
			aiShareBaseline: share(aiBase, aiBase + humanBase),
			aiHref: scopeHref(week, 1, 'aiStarted', ALL),
			humanHref: scopeHref(week, 1, 'human', ALL)
		},
		measures: [...PRIMARY_MEASURES, ...MORE_MEASURES.filter(hasOverallFinding)].map(line),
		more: MORE_MEASURES.filter((id) => !hasOverallFinding(id)).map(line),
		findingKinds: findingKindsNote(review.baseline, week, settings),
		regressions: rows.slice(0, shownRegressions.length),
		regressionCount: review.regressions.length,
		alerted: review.regressions.filter((f) => outcome(f).kind === 'alerted').length,
		improvements: rows.slice(shownRegressions.length),
		improvementCount: review.improvements.length,
		verdicts: review.verdicts.map((verdict): VerdictRow => ({
			topic: verdict.topic,
			topicLabel: verdict.label,
			verdict: verdict.verdict,
			label: VERDICT_LABEL[verdict.verdict],
			wasLabel: labelOf(previousVerdictIfChanged(verdict)),
			keptSince: verdict.keptSince === null ? null : `since ${shortWeek(verdict.keptSince)}`,
			reason: verdict.reason,
			aiConversations: verdict.aiConversations,
			humanConversations: verdict.humanConversations,
			href: scopeHref(verdict.weeks.to, settings.verdictWeeks, 'gap', {
				channel: null,
				topic: verdict.topic
			})
		})),
		// The window verdicts are judged on, said even when no topic had a verdict to give.
		verdictWeeks: firstVerdict
			? weekSpan(firstVerdict.weeks.from, firstVerdict.weeks.to)
			: weekSpan(addWeeks(week, 1 - settings.verdictWeeks), week),
		verdictsBeforeWeek: review.verdictsBeforeWeek
	};
}
