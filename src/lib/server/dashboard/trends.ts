import {
	SERIES_STYLE,
	TREND_SERIES,
	trendTable,
	type TrendMarker,
	type TrendPoint,
	type TrendSeries
} from '../../components/charts/measure-trend';
import { round, tableCsv } from '../../components/charts/table';
import { volumeTable, type VolumeWeek } from '../../components/charts/volume-trend';
import { csvFileName } from '../../csv';
import type { Annotation } from '../../domain/annotations';
import type { Channel } from '../../domain/conversation';
import type { RollupCell, RollupCounts } from '../../domain/rollup';
import { addCounts, channelLabel, RollupIndex, topicLabel, zeroCounts } from '../analytics/cells';
import {
	formatEffect,
	MEASURES,
	sampleValue,
	valueInterval,
	type MeasureId
} from '../analytics/measures';
import { detectRegressions, weekRange, type Finding } from '../analytics/regressions';
import { firstWeekNeeded } from '../analytics/report';
import { effectBars, resolveSettings } from '../analytics/settings';
import { formatQ } from '../analytics/words';
import type { DbHandle } from '../db/client';
import { sourceNames, storedConversations, type StoredConversations } from '../db/repos/dashboard';
import { loadCells } from '../db/repos/rollup-cells';
import { annotationsInWeeks } from './annotations';
import { memo } from './cache';
import {
	chooseWeek,
	dashboardBase,
	weekNavigation,
	type DashboardBase,
	type DemoStatus,
	type WeekNavigation
} from './context';
import {
	capitalise,
	filterWhere,
	measureFilter,
	measureHref,
	percentLevel,
	valueKind,
	type FilterOption,
	type MeasureFilter
} from './present';
import { VOLUME_CHART, type TrendsCsvQuery, type TrendsQuery } from './query';

/**
 * The trends page: each measure week by week for the AI, humans and the conversations the AI
 * handed over, with intervals, and a marker where the weekly detection found a regression of
 * that measure in the segment shown.
 */

export const DEFAULT_SPAN = 13;

const CHARTS: Array<{ id: MeasureId; about: string }> = [
	{ id: 'csatPct', about: 'Share of answered surveys that rate 4–5 (or “good”).' },
	{
		id: 'csatResponseRate',
		about: 'Share of surveys sent that were answered: CSAT rests on these answers.'
	},
	{ id: 'endSentimentMean', about: 'Mean sentiment of the customer’s last turn, −1 to 1.' },
	{
		id: 'repeatRate',
		about: 'Share of conversations after which the same customer came back within the window.'
	},
	{ id: 'escalationRate', about: 'Share of AI-started conversations that ended with a human.' },
	{
		id: 'abandonmentRate',
		about: 'Share of AI-started conversations where the customer went quiet after an AI reply.'
	},
	{
		id: 'negativeEndRate',
		about:
			'Of the conversations where the customer answered a reply, the share whose last customer turn was negative.'
	},
	{
		id: 'frustrationRate',
		about: 'Share of conversations with a frustration signal (asked for a human, repeated, swore…).'
	}
];

export interface TrendChart {
	id: MeasureId;
	title: string;
	caption: string;
	label: string;
	kind: ReturnType<typeof valueKind>;
	weeks: string[];
	points: TrendPoint[];
	markers: TrendMarker[];
	filters: TrendsFilters;
	/** The list filter of the measure's conversations: each point links to them. */
	only: MeasureFilter;
	/** For the table: the interval's level ("95%") and what n counts. */
	level: string;
	nUnit: string;
	csvName: string;
}

/** Conversations per week by handler (charts/volume-trend.ts), above the measures. */
export interface VolumeChart {
	title: string;
	caption: string;
	weeks: string[];
	counts: VolumeWeek[];
	filters: TrendsFilters;
	csvName: string;
}

export interface TrendsFilters {
	channel: Channel | null;
	topic: string | null;
	source: string | null;
}

export interface TrendsReady extends WeekNavigation {
	state: 'ready';
	span: number;
	range: { from: string; to: string };
	filters: TrendsFilters;
	/** Ids as values, display names as labels. */
	options: { channels: FilterOption[]; topics: FilterOption[]; sources: string[] };
	/** The filters in display names: "Email · Disputes and fraud · Zendesk", or ''. */
	where: string;
	/** Said when regression markers cannot be shown for the filters chosen. */
	markersNote: string | null;
	demo: DemoStatus;
	volume: VolumeChart;
	charts: TrendChart[];
	/** Notes on the timeline in the weeks shown, numbered as the charts mark them. */
	notes: Array<Annotation & { number: number }>;
}

export type TrendsPage =
	TrendsReady | { state: 'empty'; demo: DemoStatus; stored: StoredConversations };

/** The regressions detected in a week, exactly as the weekly review of that week has them. */
function findingsOf(handle: DbHandle, base: DashboardBase, week: string, cells: RollupCell[]) {
	return memo(handle, `findings|${week}`, (): Finding[] => {
		const from = firstWeekNeeded(week, base.settings);
		const own = cells.filter((cell) => cell.week >= from && cell.week <= week);
		const index = new RollupIndex(own);
		return detectRegressions(index, week, resolveSettings(base.settings)).findings.filter(
			(finding) => finding.worse
		);
	});
}

function sumsBySeries(cells: readonly RollupCell[], filters: TrendsFilters) {
	const sums = new Map<string, RollupCounts>();
	for (const cell of cells) {
		if (filters.channel && cell.channel !== filters.channel) continue;
		if (filters.topic && cell.topic !== filters.topic) continue;
		if (filters.source && cell.source !== filters.source) continue;
		for (const series of TREND_SERIES) {
			if (!(SERIES_STYLE[series].handlers as string[]).includes(cell.handler)) continue;
			const key = `${cell.week}|${series}`;
			let sum = sums.get(key);
			if (!sum) sums.set(key, (sum = zeroCounts()));
			addCounts(sum, cell);
		}
	}
	return (week: string, series: TrendSeries) => sums.get(`${week}|${series}`) ?? zeroCounts();
}

export function trendsPage(handle: DbHandle, input: TrendsQuery): TrendsPage {
	const base = dashboardBase(handle);
	const chosen = chooseWeek(base, input.week);
	if (chosen.week === null)
		return { state: 'empty', demo: base.demo, stored: storedConversations(handle) };
	const week = chosen.week;
	const span = input.weeks ?? DEFAULT_SPAN;
	const filters: TrendsFilters = {
		channel: input.channel ?? null,
		topic: input.topic ?? null,
		source: input.source ?? null
	};
	const key = `trends|${week}|${span}|${filters.channel}|${filters.topic}|${filters.source}`;
	const page = memo(handle, key, () => computeTrends(handle, base, week, span, filters));
	return {
		...page,
		...weekNavigation(base, week, chosen.notice),
		demo: base.demo
	};
}

/** One chart's table as CSV: the numbers the page draws for the same address. */
export function trendsCsv(
	handle: DbHandle,
	input: TrendsCsvQuery
): { name: string; csv: string } | null {
	const page = trendsPage(handle, input);
	if (page.state !== 'ready') return null;
	if (input.measure === VOLUME_CHART)
		return { name: page.volume.csvName, csv: tableCsv(volumeTable(page.volume)) };
	const chart = page.charts.find((c) => c.id === input.measure);
	return chart ? { name: chart.csvName, csv: tableCsv(trendTable(chart)) } : null;
}

/** Conversations per week and handler in the weeks shown, under the page's filters. */
function volumeOf(
	cells: readonly RollupCell[],
	weeks: readonly string[],
	filters: TrendsFilters,
	where: string
): VolumeChart {
	const byWeek = new Map<string, VolumeWeek>(
		weeks.map((week) => [week, { week, ai: 0, hybrid: 0, human: 0 }])
	);
	for (const cell of cells) {
		if (filters.channel && cell.channel !== filters.channel) continue;
		if (filters.topic && cell.topic !== filters.topic) continue;
		if (filters.source && cell.source !== filters.source) continue;
		const week = byWeek.get(cell.week);
		if (week) week[cell.handler] += cell.conversations;
	}
	return {
		title: `Conversations by who handled them${where ? ` — ${where}` : ''}`,
		caption:
			'Each week’s conversations: kept by the AI, started by the AI and handed to a human, and human from the start. The share the AI started is above each bar where there is room, and in the table.',
		weeks: [...weeks],
		counts: [...byWeek.values()],
		filters,
		csvName: csvFileName(
			'Conversations by handler',
			where,
			weeks[0] ?? '',
			'to',
			weeks.at(-1) ?? ''
		)
	};
}

function computeTrends(
	handle: DbHandle,
	base: DashboardBase,
	week: string,
	span: number,
	filters: TrendsFilters
) {
	const settings = resolveSettings(base.settings);
	const labels = settings.topicLabels;
	const where = filterWhere(filters, labels);
	const weeks = weekRange(week, span);
	const first = weeks[0]!;
	const withData = weeks.filter((w) => base.weeks.includes(w));
	// Detection of the first week shown reads furthest back; one load serves every week.
	const cells = memo(handle, `cells|${first}|${week}`, () =>
		loadCells(handle, withData.length ? firstWeekNeeded(withData[0]!, base.settings) : first, week)
	);
	const shown = cells.filter((cell) => cell.week >= first);
	const sum = sumsBySeries(shown, filters);
	const markersNote = filters.source
		? 'Regressions are detected over all sources together, so they are marked only when no source is chosen.'
		: null;
	const findings = markersNote
		? []
		: withData
				.flatMap((w) => findingsOf(handle, base, w, cells))
				.filter(
					(finding) =>
						finding.scope.channel === filters.channel && finding.scope.topic === filters.topic
				);

	const charts = CHARTS.map(({ id, about }): TrendChart => {
		const measure = MEASURES[id];
		const kind = valueKind(measure);
		const series: TrendSeries[] = measure.appliesTo === 'ai' ? ['ai'] : ['ai', 'human', 'hybrid'];
		const points: TrendPoint[] = [];
		for (const w of weeks) {
			for (const s of series) {
				const sample = measure.sample(sum(w, s));
				const ci = valueInterval(sample, settings.level);
				// Five decimals, far finer than anything drawn or tabulated, halve what the page carries.
				points.push({
					week: w,
					series: s,
					value: round(sampleValue(sample), 5),
					low: round(ci?.lo, 5),
					high: round(ci?.hi, 5),
					n: sample.n
				});
			}
		}
		const markers: TrendMarker[] = [];
		for (const finding of findings.filter((f) => f.measure === id)) {
			const s: TrendSeries = finding.group === 'human' ? 'human' : 'ai';
			const point = points.find((p) => p.week === finding.week && p.series === s);
			if (!point || point.value === null) continue;
			const what =
				finding.group === 'gap'
					? `gap to humans widened by ${formatEffect(measure, finding.effect, effectBars(settings, measure))}`
					: `${formatEffect(measure, finding.effect, effectBars(settings, measure))} vs baseline`;
			markers.push({
				week: finding.week,
				series: s,
				value: point.value,
				label: `Regression in ${finding.week}: ${what}, ${formatQ(finding.q)}`,
				href: measureHref(id, {
					week: finding.week,
					group: finding.group,
					scope: { channel: filters.channel, topic: filters.topic }
				})
			});
		}
		const label = capitalise(measure.label);
		const scope = where;
		return {
			id,
			title: `${label}${scope ? ` — ${scope}` : ''}`,
			caption: `${about} ${measure.better === 'higher' ? 'Higher' : 'Lower'} is better; shaded: ${percentLevel(settings)} interval${markersNote ? '' : '; ▲ regression detected that week'}.`,
			label: `${label}${kind === 'share' ? ' (%)' : kind === 'sentiment' ? ' (−1 to 1)' : ''}`,
			kind,
			weeks,
			points,
			markers,
			filters,
			only: measureFilter(id),
			level: percentLevel(settings),
			nUnit: measure.unit,
			csvName: csvFileName(label, scope, first, 'to', week)
		};
	});

	const channels = [...new Set(cells.map((cell) => cell.channel))]
		.sort()
		.map((channel) => ({ value: channel, label: channelLabel(channel) }));
	const topics = [...new Set(cells.map((cell) => cell.topic))]
		.sort()
		.map((topic) => ({ value: topic, label: topicLabel(topic, labels) }));
	const notes = annotationsInWeeks(handle, first, week, filters.source).map((note, index) => ({
		...note,
		number: index + 1
	}));
	return {
		where,
		volume: volumeOf(shown, weeks, filters, where),
		state: 'ready' as const,
		week,
		span,
		range: { from: first, to: week },
		notes,
		filters,
		options: { channels, topics, sources: sourceNames(handle) },
		markersNote,
		charts
	};
}
