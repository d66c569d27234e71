import * as Plot from '@observablehq/plot';
import { conversationsHref, type ConversationHandler } from '../../links';
import { noteMarks, trendFrame, weekAxis, type ChartSize, type TrendNote } from './measure-trend';
import { round, type ChartTable } from './table';

/**
 * Conversations per week by who handled them, stacked: kept by the AI, handed over by the AI
 * to a human, and human from the start, with the AI's share of the week written above each
 * bar. How much of the work the AI takes is what changes first when an operation automates;
 * the measures' charts beside it say what that did to the customers. A pure spec builder
 * (data in, Plot options out), mounted by Chart.svelte; browser-safe.
 */

/** Bottom to top of each bar: the AI's two parts together, then the humans'. */
export const VOLUME_PARTS = ['ai', 'hybrid', 'human'] as const;
export type VolumePart = (typeof VOLUME_PARTS)[number];

/** The trend charts' colours for the same conversations (measure-trend.ts SERIES_STYLE). */
export const PART_STYLE: Record<VolumePart, { label: string; color: string }> = {
	ai: { label: 'AI, kept', color: '#0b5cad' },
	hybrid: { label: 'AI, handed over', color: '#6f4aa8' },
	human: { label: 'Human', color: '#a14f00' }
};

/** One week's conversations by handler (hybrid: the AI started, a human ended). */
export interface VolumeWeek {
	week: string;
	ai: number;
	hybrid: number;
	human: number;
}

export interface VolumeTrendInput {
	title: string;
	/** Every week on the axis, oldest first, including weeks without data. */
	weeks: readonly string[];
	counts: readonly VolumeWeek[];
	/** The filters the counts were taken with: their conversations carry the same. */
	filters?: { channel?: string | null; topic?: string | null; source?: string | null };
	notes?: readonly TrendNote[];
}

export function totalOf(week: VolumeWeek): number {
	return week.ai + week.hybrid + week.human;
}

/** Share of the week's conversations the AI started (kept or handed over); null when none. */
export function aiShare(week: VolumeWeek): number | null {
	const total = totalOf(week);
	return total > 0 ? (week.ai + week.hybrid) / total : null;
}

function percent(share: number | null): string {
	return share === null ? '–' : `${Math.round(share * 100)}%`;
}

/** The conversations of a week, of the given handlers, under the chart's filters. */
export function volumeHref(
	input: Pick<VolumeTrendInput, 'filters'>,
	week: string,
	handler?: readonly ConversationHandler[]
): string {
	return conversationsHref({
		week,
		handler,
		channel: input.filters?.channel,
		topic: input.filters?.topic,
		source: input.filters?.source
	});
}

/** The numbers the chart draws, as its table and CSV: one row per week. */
export function volumeTable(
	input: Pick<VolumeTrendInput, 'weeks' | 'counts' | 'filters'>
): ChartTable {
	const byWeek = new Map(input.counts.map((week) => [week.week, week]));
	return {
		columns: ['Week', 'AI, kept', 'AI, handed over', 'Human', 'Total', 'AI share (%)'],
		rows: input.weeks.map((week) => {
			const counts = byWeek.get(week) ?? { week, ai: 0, hybrid: 0, human: 0 };
			const share = aiShare(counts);
			return {
				cells: [
					week,
					counts.ai,
					counts.hybrid,
					counts.human,
					totalOf(counts),
					share === null ? null : round(share * 100, 1)
				],
				href: totalOf(counts) > 0 ? volumeHref(input, week) : null
			};
		})
	};
}

export function volumeTrendSpec(input: VolumeTrendInput, size: ChartSize): Plot.PlotOptions {
	const fontSize = size.fontSize ?? 12;
	const weeks = [...input.weeks];
	const counted = input.counts.filter((week) => weeks.includes(week.week));
	const bars = counted.flatMap((week) =>
		VOLUME_PARTS.filter((part) => week[part] > 0).map((part) => ({
			week: week.week,
			part: PART_STYLE[part].label,
			conversations: week[part],
			href: volumeHref(input, week.week, [part]),
			title: `${PART_STYLE[part].label} · ${week.week}: ${week[part].toLocaleString('en')} of ${totalOf(week).toLocaleString('en')} conversations (the AI started ${percent(aiShare(week))})`
		}))
	);
	const shares = counted
		.filter((week) => totalOf(week) > 0)
		.map((week) => ({
			week: week.week,
			total: totalOf(week),
			label: percent(aiShare(week))
		}));
	// A share is written above its bar only where a week is wide enough for "100%".
	const plotWidth = size.width - fontSize * 5 - 8;
	const labelled = weeks.length > 0 && plotWidth / weeks.length >= fontSize * 3;
	const marks: Plot.Markish[] = [
		Plot.gridY({ stroke: '#d0d7de', strokeOpacity: 1 }),
		...noteMarks(input.notes ?? [], weeks, -fontSize * 1.2)
	];
	marks.push(
		Plot.barY(bars, {
			x: 'week',
			y: 'conversations',
			fill: 'part',
			order: VOLUME_PARTS.map((part) => PART_STYLE[part].label),
			href: 'href',
			title: 'title',
			tip: true,
			inset: 0.5
		}),
		// The AI's share above each bar: the figure the bars' proportions show.
		Plot.text(labelled ? shares : [], {
			x: 'week',
			y: 'total',
			text: 'label',
			dy: -fontSize * 0.7,
			fill: '#1b1f24',
			fontSize: fontSize * 0.92
		})
	);
	return {
		...trendFrame(size, input.title, fontSize * 2.2),
		x: { type: 'band', ...weekAxis(weeks, size.width, fontSize), padding: 0.25 },
		y: {
			label: 'Conversations',
			labelArrow: 'none',
			// Headroom above the tallest bar for its share, below the notes' numbers.
			domain: [0, Math.max(1, ...shares.map((week) => week.total)) * 1.15],
			nice: true,
			ticks: 5,
			tickSize: 0
		},
		color: {
			type: 'ordinal',
			domain: VOLUME_PARTS.map((part) => PART_STYLE[part].label),
			range: VOLUME_PARTS.map((part) => PART_STYLE[part].color),
			legend: true
		},
		marks
	};
}
