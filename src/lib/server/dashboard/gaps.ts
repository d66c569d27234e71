import type { GapHeatmapInput, HeatmapCell } from '../../components/charts/gap-heatmap';
import { tableCsv, tableValue, type ChartTable } from '../../components/charts/table';
import { csvFileName } from '../../csv';
import type { Channel } from '../../domain/conversation';
import { channelLabel, RollupIndex, topicLabel, type Scope } from '../analytics/cells';
import { gapsFor, MIX_MIN_COVERAGE, mixName, usableAdjusted, type Gap } from '../analytics/gaps';
import {
	formatEffect,
	withoutUnit,
	formatValue,
	goodSign,
	MEASURES,
	type MeasureId
} from '../analytics/measures';
import { weekRange } from '../analytics/regressions';
import {
	minEffectOf,
	minNOf,
	resolveSettings,
	type AnalyticsSettings
} from '../analytics/settings';
import { benjaminiHochberg } from '../analytics/stats';
import { adjustedGapWords, formatQ, formatShare, mixBasis, weekSpan } from '../analytics/words';
import type { DbHandle } from '../db/client';
import { sourceNames } from '../db/repos/dashboard';
import { loadCells } from '../db/repos/rollup-cells';
import { memo } from './cache';
import {
	chooseWeek,
	dashboardBase,
	weekNavigation,
	type DemoStatus,
	type WeekNavigation
} from './context';
import {
	capitalise,
	effectRange,
	filterWhere,
	measureHref,
	percentLevel,
	valueKind,
	type FilterOption
} from './present';
import type { GapsQuery } from './query';

/**
 * "Where automation hurts": the AI − human gap on each quality measure, per topic, over a
 * few weeks (the routing verdicts' window by default), from analytics/gaps.ts. A cell is
 * coloured only when both sides have the measure's minimum sample; which cells survive the
 * correction for all cells shown is said, not implied by the colour.
 */

export const GAP_MEASURES: Array<{ id: MeasureId; short: string }> = [
	{ id: 'csatPct', short: 'CSAT' },
	{ id: 'endSentimentMean', short: 'Sentiment' },
	{ id: 'negativeEndRate', short: 'Neg. end' },
	{ id: 'repeatRate', short: 'Repeat' },
	{ id: 'frustrationRate', short: 'Frustr.' }
];

export const ALL_TOPICS = 'All topics';

export interface GapsFilters {
	channel: Channel | null;
	source: string | null;
	colour: 'raw' | 'adjusted';
}

export interface GapsReady extends WeekNavigation {
	state: 'ready';
	span: number;
	range: { from: string; to: string; label: string };
	filters: GapsFilters;
	/** Ids as values, display names as labels. */
	options: { channels: FilterOption[]; sources: string[] };
	/** The filters in display names: "Web form · Zendesk", or ''. */
	where: string;
	demo: DemoStatus;
	heatmap: GapHeatmapInput;
	caption: string;
	table: ChartTable;
	csvName: string;
	/** The largest AI deficits that survive correction, worst first, in words. */
	worst: Array<{ text: string; href: string }>;
	fdr: number;
}

export type GapsPage = GapsReady | { state: 'empty'; demo: DemoStatus };

interface Judged {
	gap: Gap;
	row: string;
	enough: boolean;
	value: number | null;
	ci: { lo: number; hi: number } | null;
	p: number | null;
	adjustedUsed: boolean;
	harm: number | null;
	q: number | null;
}

/** The gap a cell is coloured by: the raw one, or the mix-adjusted one where it covers enough. */
function chosen(gap: Gap, colour: GapsFilters['colour']) {
	const adjusted = usableAdjusted(gap);
	if (colour === 'adjusted' && adjusted)
		return { value: adjusted.gap, ci: adjusted.ci, p: adjusted.p, adjustedUsed: true };
	return { value: gap.gap, ci: gap.ci, p: gap.p, adjustedUsed: false };
}

function judge(
	gap: Gap,
	row: string,
	colour: GapsFilters['colour'],
	settings: AnalyticsSettings
): Judged {
	const measure = MEASURES[gap.measure];
	const minN = minNOf(settings, measure);
	const pick = chosen(gap, colour);
	const enough = gap.ai.n >= minN && gap.human.n >= minN && pick.value !== null && pick.ci !== null;
	return {
		gap,
		row,
		enough,
		...pick,
		harm: enough ? (-pick.value! * goodSign(measure)) / minEffectOf(settings, measure) : null,
		q: null
	};
}

export function gapsPage(handle: DbHandle, input: GapsQuery): GapsPage {
	const base = dashboardBase(handle);
	const picked = chooseWeek(base, input.week);
	if (picked.week === null) return { state: 'empty', demo: base.demo };
	const week = picked.week;
	const settings = resolveSettings(base.settings);
	const span = input.weeks ?? settings.verdictWeeks;
	const filters: GapsFilters = {
		channel: input.channel ?? null,
		source: input.source ?? null,
		colour: input.colour ?? 'raw'
	};
	const key = `gaps|${week}|${span}|${filters.channel}|${filters.source}|${filters.colour}`;
	const page = memo(handle, key, () => {
		const weeks = weekRange(week, span);
		const cells = memo(handle, `cells|${weeks[0]}|${week}`, () =>
			loadCells(handle, weeks[0]!, week)
		);
		const index = new RollupIndex(
			filters.source ? cells.filter((cell) => cell.source === filters.source) : cells
		);
		return {
			...computeGaps(index, weeks, settings, filters),
			channels: [...new Set(cells.map((cell) => cell.channel))]
				.sort()
				.map((channel) => ({ value: channel, label: channelLabel(channel) }))
		};
	});
	return {
		state: 'ready',
		...weekNavigation(base, week, picked.notice),
		span,
		filters,
		options: { channels: page.channels, sources: sourceNames(handle) },
		where: page.where,
		demo: base.demo,
		range: page.range,
		heatmap: page.heatmap,
		caption: page.caption,
		table: page.table,
		csvName: page.csvName,
		worst: page.worst,
		fdr: settings.fdr
	};
}

/** The heatmap's table as CSV: the numbers the page shows for the same address. */
export function gapsCsv(handle: DbHandle, input: GapsQuery): { name: string; csv: string } | null {
	const page = gapsPage(handle, input);
	return page.state === 'ready' ? { name: page.csvName, csv: tableCsv(page.table) } : null;
}

function computeGaps(
	index: RollupIndex,
	weeks: string[],
	settings: AnalyticsSettings,
	filters: GapsFilters
) {
	const first = weeks[0]!;
	const week = weeks[weeks.length - 1]!;
	const overallLabel = index.topics.includes(ALL_TOPICS) ? `${ALL_TOPICS} (overall)` : ALL_TOPICS;
	const overall: Scope = { channel: filters.channel, topic: null };
	const topicScopes: Scope[] = index.topics.map((topic) => ({ channel: filters.channel, topic }));
	const wanted = new Set(GAP_MEASURES.map((m) => m.id));
	const gaps = gapsFor(index, weeks, settings, [overall, ...topicScopes]).filter((gap) =>
		wanted.has(gap.measure)
	);
	// Rows are named as people read topics; the topic id stays in each cell's gap and link.
	const rowOf = (topic: string) => topicLabel(topic, settings.topicLabels);
	const judged = gaps.map((gap) =>
		judge(
			gap,
			gap.scope.topic === null ? overallLabel : rowOf(gap.scope.topic),
			filters.colour,
			settings
		)
	);
	const tested = judged.filter((cell) => cell.enough && cell.p !== null);
	const q = benjaminiHochberg(tested.map((cell) => cell.p!));
	tested.forEach((cell, i) => (cell.q = q[i]!));

	const rowHarm = new Map<string, number>();
	for (const cell of judged) {
		if (cell.harm === null || cell.row === overallLabel) continue;
		rowHarm.set(cell.row, Math.max(rowHarm.get(cell.row) ?? -Infinity, cell.harm));
	}
	const topics = index.topics
		.map(rowOf)
		.filter((topic) => judged.some((cell) => cell.row === topic))
		.sort(
			(a, b) => (rowHarm.get(b) ?? -Infinity) - (rowHarm.get(a) ?? -Infinity) || a.localeCompare(b)
		);
	const rows = [overallLabel, ...topics];
	const where = filterWhere(filters, settings.topicLabels);
	// Both sides' conversations behind the cell's measure (a rate's numerator, a mean's n).
	const href = (cell: Judged) =>
		measureHref(cell.gap.measure, {
			week,
			weeks: weeks.length,
			group: 'gap',
			scope: { channel: filters.channel, topic: cell.gap.scope.topic },
			source: filters.source
		});

	const cells: HeatmapCell[] = judged.map((cell) => {
		const measure = MEASURES[cell.gap.measure];
		const minN = minNOf(settings, measure);
		const { gap } = cell;
		const other =
			filters.colour === 'raw'
				? usableAdjusted(gap)
					? `adj. ${formatEffect(measure, gap.adjusted!.gap)}`
					: null
				: cell.adjustedUsed && gap.gap !== null
					? `raw ${formatEffect(measure, gap.gap)}`
					: null;
		const sides = `AI ${formatValue(measure, gap.ai.value)} (n=${gap.ai.n}) vs human ${formatValue(measure, gap.human.value)} (n=${gap.human.n} ${measure.unit})`;
		const mix = gap.adjusted ? adjustedGapWords(measure, gap.adjusted, gap) : null;
		const mixText = mix
			? cell.adjustedUsed
				? ` (${mix.basis}, over ${mix.coverage})`
				: `; ${mix.basis}: ${mix.text}`
			: '';
		const title = cell.enough
			? `${cell.row} · ${measure.label}: ${sides}; gap ${formatEffect(measure, cell.value!)}, ${percentLevel(settings)} CI ${effectRange(measure, cell.ci)}${cell.adjustedUsed ? mixText : ''}, ${formatQ(cell.q ?? 1)}${cell.adjustedUsed ? '' : mixText}`
			: `${cell.row} · ${measure.label}: too few to compare — ${sides}; each side needs ${minN}.`;
		return {
			row: cell.row,
			column: gap.measure,
			harm: cell.harm,
			text: cell.enough ? formatEffect(measure, cell.value!) : 'too few',
			short: cell.enough ? withoutUnit(formatEffect(measure, cell.value!)) : 'few',
			detail: cell.enough ? other : `n=${gap.ai.n}/${gap.human.n}`,
			significant: cell.q !== null && cell.q <= settings.fdr,
			title,
			href: href(cell)
		};
	});

	const level = percentLevel(settings);
	const table: ChartTable = {
		columns: [
			'Topic',
			'Measure',
			'AI',
			'Human',
			'Unit',
			'Gap AI − human',
			`Gap ${level} CI low`,
			`Gap ${level} CI high`,
			'Mix-adjusted gap',
			'n AI',
			'n human',
			'q',
			'Coloured by',
			'Enough samples',
			'Mix-adjusted coverage of human samples (%)',
			'Mix-adjusted to'
		],
		rows: rows.flatMap((row) =>
			GAP_MEASURES.map((m) => judged.find((c) => c.row === row && c.gap.measure === m.id))
				.filter((cell): cell is Judged => cell !== undefined)
				.map((cell) => {
					const measure = MEASURES[cell.gap.measure];
					const kind = valueKind(measure);
					const adjusted = usableAdjusted(cell.gap);
					const coverage = cell.gap.adjusted?.coverage;
					return {
						cells: [
							cell.row,
							capitalise(measure.label),
							tableValue(kind, cell.gap.ai.value),
							tableValue(kind, cell.gap.human.value),
							kind === 'share' ? '%, gap in pts' : kind === 'sentiment' ? '−1 to 1' : kind,
							tableValue(kind, cell.gap.gap),
							tableValue(kind, cell.gap.ci?.lo),
							tableValue(kind, cell.gap.ci?.hi),
							tableValue(kind, adjusted?.gap),
							cell.gap.ai.n,
							cell.gap.human.n,
							cell.q === null ? null : Math.round(cell.q * 10000) / 10000,
							cell.adjustedUsed ? 'mix-adjusted gap' : 'raw gap',
							cell.enough ? 'yes' : 'no',
							tableValue('share', coverage),
							cell.gap.adjusted ? mixBasis(cell.gap).replace(/^adjusted to the /, '') : null
						],
						href: href(cell)
					};
				})
		)
	};

	const worst = judged
		.filter(
			(c) => c.row !== overallLabel && c.harm !== null && c.harm >= 1 && (c.q ?? 1) <= settings.fdr
		)
		.sort((a, b) => b.harm! - a.harm!)
		.slice(0, 5)
		.map((cell) => {
			const measure = MEASURES[cell.gap.measure];
			return {
				text: `${cell.row}: ${measure.label} — AI ${formatValue(measure, cell.gap.ai.value)} vs human ${formatValue(measure, cell.gap.human.value)} (gap ${formatEffect(measure, cell.value!)}, ${level} CI ${effectRange(measure, cell.ci)}, ${formatQ(cell.q!)})`,
				href: href(cell)
			};
		});

	const label = weekSpan(first, week);
	// Which mix each row is adjusted to (gaps.ts mixName), as the filters make it.
	const topicMix = mixName({ channel: filters.channel, topic: 'any' });
	const mixes =
		`${overallLabel} to the ${mixName(overall)} mix, ` +
		(topicMix
			? `each topic to its ${topicMix} mix`
			: 'each topic within one channel has none to adjust');
	return {
		where,
		range: { from: first, to: week, label },
		heatmap: {
			title: `AI − human gap by topic, ${label}${where ? `, ${where}` : ''}`,
			rows,
			columns: GAP_MEASURES.map((m) => ({
				id: m.id,
				label: capitalise(MEASURES[m.id].label),
				short: m.short
			})),
			cells
		},
		caption:
			`Each cell: AI − human ${filters.colour === 'adjusted' ? `gap adjusted to the human mix of ${label} — ${mixes} — raw where there is no mix to adjust, or where the groups both sides share hold under ${formatShare(MIX_MIN_COVERAGE)} of the human samples` : `gap over ${label}; its second line (“adj.”) is the gap adjusted to the human mix of the same weeks — ${mixes}`}. ` +
			`Red: the AI is worse, blue: better, whichever way the measure goes; darker = a larger gap, in multiples of the smallest change that matters. ` +
			`Hatched: fewer than the minimum samples on a side (not coloured). Bold with a dot: significant after correcting for all cells shown (q ≤ ${settings.fdr}). Rows: worst topic first.`,
		table,
		csvName: csvFileName('ai-human-gaps', where, first, 'to', week),
		worst
	};
}
