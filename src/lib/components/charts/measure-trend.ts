import * as Plot from '@observablehq/plot';
import { shortWeek, tickFormatFor, weekTicks } from './segment-trend';
import { conversationsHref, type ConversationFilter, type ConversationHandler } from '../../links';
import { tableValue, unitSuffix, type ChartTable, type ValueKind } from './table';

/**
 * One measure over the weeks, a line per handler with its interval as a band, and a marker
 * where a regression was detected. A pure spec builder (data in, Plot options out), mounted
 * by Chart.svelte; browser-safe.
 */

export const TREND_SERIES = ['ai', 'human', 'hybrid'] as const;
export type TrendSeries = (typeof TREND_SERIES)[number];

/** Labels and colours: blue and dark orange tell apart for every kind of colour vision; the
 * third line is also dashed. Each has at least 3:1 contrast on white (WCAG 1.4.11). */
export const SERIES_STYLE: Record<
	TrendSeries,
	{ label: string; color: string; dash?: string; handlers: ConversationHandler[] }
> = {
	// AI is every conversation the AI started (the review's AI); handed over is the part of
	// those that ended with a human.
	ai: { label: 'AI', color: '#0b5cad', handlers: ['ai', 'hybrid'] },
	human: { label: 'Human', color: '#a14f00', handlers: ['human'] },
	hybrid: { label: 'Handed over', color: '#6f4aa8', dash: '5,4', handlers: ['hybrid'] }
};

const BAD = '#b3261e';

export interface TrendPoint {
	week: string;
	series: TrendSeries;
	/** Null when the series had no observations that week: the line breaks there. */
	value: number | null;
	low: number | null;
	high: number | null;
	n: number;
}

export interface TrendMarker {
	week: string;
	series: TrendSeries;
	value: number;
	/** What was detected, for the tooltip: "regression: CSAT −12 pts vs baseline, q=0.003". */
	label: string;
	href?: string | null;
}

export interface MeasureTrendInput {
	/** Names the chart for screen readers. */
	title: string;
	/** Axis label, with its unit ("CSAT %", "End sentiment (−1 to 1)"). */
	label: string;
	kind: ValueKind;
	/** Every week on the axis, oldest first, including weeks without data. */
	weeks: readonly string[];
	points: readonly TrendPoint[];
	markers: readonly TrendMarker[];
	/** The filters the points were computed with: their conversations carry the same. */
	filters?: { channel?: string | null; topic?: string | null; source?: string | null };
	/** The list filter of the measure's conversations (dashboard/present.ts measureFilter). */
	only?: Pick<ConversationFilter, 'csat' | 'signal' | 'subset'>;
	/** Notes on the timeline (domain/annotations.ts): a numbered dashed line at their week. */
	notes?: readonly TrendNote[];
}

export interface TrendNote {
	week: string;
	/** Its number in the page's list of notes. */
	number: number;
	text: string;
}

const NOTE = '#57606a';

/** One line per week with notes, numbered as the page lists them; weeks off the axis left out. */
export function notesByWeek(
	notes: readonly TrendNote[],
	weeks: readonly string[]
): Array<{ week: string; label: string; text: string }> {
	const byWeek = new Map<string, TrendNote[]>();
	for (const note of notes) {
		if (!weeks.includes(note.week)) continue;
		byWeek.set(note.week, [...(byWeek.get(note.week) ?? []), note]);
	}
	return [...byWeek].map(([week, list]) => ({
		week,
		label: list.map((note) => note.number).join(','),
		text: list.map((note) => `${note.number}. ${note.text}`).join('\n')
	}));
}

/**
 * Notes on the timeline as a trend chart draws them: a dashed line at each week with notes,
 * numbered above the frame (`dy` from its top), the notes' text on hover.
 */
export function noteMarks(
	notes: readonly TrendNote[],
	weeks: readonly string[],
	dy: number
): Plot.Markish[] {
	const noted = notesByWeek(notes, weeks);
	if (noted.length === 0) return [];
	return [
		Plot.ruleX(noted, {
			x: 'week',
			stroke: NOTE,
			strokeWidth: 1.25,
			strokeDasharray: '3,3',
			title: 'text'
		}),
		Plot.text(noted, {
			x: 'week',
			frameAnchor: 'top',
			lineAnchor: 'bottom',
			dy,
			text: 'label',
			fill: NOTE,
			fontWeight: 600,
			title: 'text'
		})
	];
}

/** Size, margins and style of a chart over the weeks; `marginTop` leaves room for notes. */
export function trendFrame(size: ChartSize, title: string, marginTop: number) {
	const fontSize = size.fontSize ?? 12;
	return {
		width: size.width,
		height: size.height ?? 260,
		marginLeft: fontSize * 3.8,
		marginRight: fontSize * 1.2 + 8,
		marginTop,
		marginBottom: fontSize * 2.4,
		ariaLabel: title,
		style: { fontSize: `${fontSize}px`, color: '#1b1f24', background: 'white' }
	};
}

/** A week axis: every week in the domain, labelled as many as fit ("W44"). */
export function weekAxis(weeks: readonly string[], width: number, fontSize: number) {
	return {
		domain: [...weeks],
		ticks: weekTicks(weeks, width - fontSize * 5, fontSize),
		tickFormat: shortWeek,
		label: null,
		tickSize: 0
	};
}

/** The conversations behind one point. */
export function pointHref(
	input: Pick<MeasureTrendInput, 'filters' | 'only'>,
	point: TrendPoint
): string {
	return conversationsHref({
		...input.only,
		week: point.week,
		handler: SERIES_STYLE[point.series].handlers,
		channel: input.filters?.channel,
		topic: input.filters?.topic,
		source: input.filters?.source
	});
}

/** The numbers the chart draws, as its table and CSV: one row per point drawn. */
export function trendTable(
	input: MeasureTrendInput & { level: string; nUnit: string }
): ChartTable {
	const unit = unitSuffix(input.kind);
	const name = input.label.replace(/ \(.*\)$/, '');
	return {
		columns: [
			'Week',
			'Handler',
			`${name}${unit}`,
			`${input.level} CI low${unit}`,
			`${input.level} CI high${unit}`,
			`n (${input.nUnit})`,
			'Regression detected'
		],
		rows: input.points
			.filter((point) => point.value !== null)
			.map((point) => ({
				cells: [
					point.week,
					SERIES_STYLE[point.series].label,
					tableValue(input.kind, point.value),
					tableValue(input.kind, point.low),
					tableValue(input.kind, point.high),
					point.n,
					input.markers.find((m) => m.week === point.week && m.series === point.series)?.label ?? ''
				],
				href: pointHref(input, point)
			}))
	};
}

export interface ChartSize {
	width: number;
	height?: number;
	fontSize?: number;
}

/** "66.0% (95% CI 53.1–75.9%), n=61": a point as its tooltip says it. */
function describePoint(kind: ValueKind, point: TrendPoint): string {
	const format = preciseFormat(kind);
	const range =
		point.low !== null && point.high !== null
			? ` (interval ${format(point.low)} to ${format(point.high)})`
			: '';
	return `${SERIES_STYLE[point.series].label} · ${point.week}: ${point.value === null ? 'no data' : format(point.value)}${range}, n=${point.n}`;
}

export function preciseFormat(kind: ValueKind): (value: number) => string {
	switch (kind) {
		case 'share':
			return (value) => `${(value * 100).toFixed(1)}%`;
		case 'seconds':
			return (value) => `${Math.round(value)} s`;
		case 'score':
			return (value) => value.toFixed(2);
		case 'sentiment':
			return (value) => (value < 0 ? `−${Math.abs(value).toFixed(3)}` : value.toFixed(3));
	}
}

/**
 * Axis labels that stay distinct however narrow the range: shares as percents with a decimal
 * only where the ticks need one, sentiment and scores in Plot's own number format.
 */
export function axisFormat(kind: ValueKind): ((value: number) => string) | undefined {
	switch (kind) {
		case 'share':
			return (value) => `${Number((value * 100).toFixed(1))}%`;
		case 'seconds':
			return tickFormatFor('seconds');
		default:
			return undefined;
	}
}

/**
 * Where the y axis runs. Sentiment from neutral (0) to the data, never past its scale −1 to
 * 1: its means and their intervals cannot leave it (analytics/measures.ts cuts intervals
 * there), and an axis running to 1.5 contradicted the label; from 0, so that a calm week's
 * 0.30 → 0.35 is not zoomed into a swing, while the whole scale would flatten real moves.
 * A share from 0, with a 0% tick: an axis from 18% made abandonment going 22% → 27% look
 * like a doubling, and frustration's lines ran below its lowest label. Its top stays on the
 * data (rounded), not at 100%, so a 4–16% rate still fills the chart. Other kinds on Plot's
 * rounded extent of the data.
 */
export function yExtent(
	kind: ValueKind,
	points: readonly TrendPoint[]
):
	| { domain: [number, number]; nice: true; clamp: true }
	| { zero: true; nice: true }
	| { nice: true } {
	if (kind === 'sentiment') {
		let low = 0;
		let high = 0;
		for (const point of points)
			for (const value of [point.value, point.low, point.high])
				if (value !== null) {
					low = Math.min(low, value);
					high = Math.max(high, value);
				}
		return { domain: [Math.max(-1, low), Math.min(1, high)], nice: true, clamp: true };
	}
	if (kind === 'share') return { zero: true, nice: true };
	return { nice: true };
}

export function measureTrendSpec(input: MeasureTrendInput, size: ChartSize): Plot.PlotOptions {
	const fontSize = size.fontSize ?? 12;
	const present = TREND_SERIES.filter((series) =>
		input.points.some((point) => point.series === series && point.value !== null)
	);
	const label = (series: TrendSeries) => SERIES_STYLE[series].label;
	const rows = input.points
		.filter((point) => present.includes(point.series))
		.map((point) => ({ ...point, seriesLabel: label(point.series) }));
	const marks: Plot.Markish[] = [
		Plot.gridY({ stroke: '#d0d7de', strokeOpacity: 1 }),
		...noteMarks(input.notes ?? [], input.weeks, -3)
	];

	for (const series of present) {
		const data = rows.filter((row) => row.series === series);
		marks.push(
			Plot.areaY(data, {
				x: 'week',
				y1: 'low',
				y2: 'high',
				fill: 'seriesLabel',
				// The hand-overs are few, so their band is wide: drawn fainter, it does not hide the others.
				fillOpacity: series === 'hybrid' ? 0.06 : 0.13,
				curve: 'linear'
			}),
			Plot.lineY(data, {
				x: 'week',
				y: 'value',
				stroke: 'seriesLabel',
				strokeWidth: series === 'hybrid' ? 1.75 : 2.25,
				strokeDasharray: SERIES_STYLE[series].dash,
				curve: 'linear'
			})
		);
	}
	const defined = rows.filter((row) => row.value !== null);
	marks.push(
		Plot.dot(defined, {
			x: 'week',
			y: 'value',
			fill: 'seriesLabel',
			r: 3,
			href: (row: (typeof rows)[number]) => pointHref(input, row),
			title: (row: (typeof rows)[number]) => describePoint(input.kind, row),
			tip: true
		}),
		Plot.dot(input.markers, {
			x: 'week',
			y: 'value',
			symbol: 'triangle',
			r: 7,
			fill: BAD,
			stroke: 'white',
			strokeWidth: 1.5,
			href: (marker: TrendMarker) => marker.href ?? null,
			title: (marker: TrendMarker) => marker.label
		})
	);

	const weeks = [...input.weeks];
	return {
		...trendFrame(size, input.title, fontSize * 1.6),
		x: { type: 'point', ...weekAxis(weeks, size.width, fontSize), padding: 0.3 },
		y: {
			label: input.label,
			labelArrow: 'none',
			tickFormat: axisFormat(input.kind),
			...yExtent(input.kind, input.points),
			ticks: 5,
			tickSize: 0
		},
		color: {
			type: 'ordinal',
			domain: present.map(label),
			range: present.map((series) => SERIES_STYLE[series].color),
			legend: true
		},
		marks
	};
}
