import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
	axisFormat,
	measureTrendSpec,
	notesByWeek,
	pointHref,
	trendTable,
	SERIES_STYLE,
	type MeasureTrendInput,
	type TrendPoint
} from './measure-trend';

type MarkData = { data?: unknown; ariaLabel?: string };

/** The chart as Plot draws it, without a browser: its y domain and y tick labels. */
function drawnY(options: Plot.PlotOptions): { domain: number[]; ticks: string[] } {
	const { document } = parseHTML('<!doctype html><html><body></body></html>');
	const svg = Plot.plot({ ...options, document: document as unknown as Document });
	const ticks = [...svg.querySelectorAll('[aria-label="y-axis tick label"] text')].map(
		(text) => text.textContent ?? ''
	);
	return { domain: svg.scale('y')?.domain as number[], ticks };
}

const weeks = ['2026-W44', '2026-W45', '2026-W46'];
const point = (week: string, series: TrendPoint['series'], value: number | null, n = 100) => ({
	week,
	series,
	value,
	low: value === null ? null : value - 0.05,
	high: value === null ? null : value + 0.05,
	n
});

const input: MeasureTrendInput = {
	title: 'CSAT',
	label: 'CSAT (%)',
	kind: 'share',
	weeks,
	points: [
		point('2026-W44', 'ai', 0.7),
		point('2026-W45', 'ai', null, 0),
		point('2026-W46', 'ai', 0.6),
		point('2026-W44', 'human', 0.8),
		point('2026-W45', 'human', 0.78),
		point('2026-W46', 'human', 0.79),
		// a series with no data at all is left out, legend included
		point('2026-W46', 'hybrid', null, 0)
	],
	markers: [{ week: '2026-W46', series: 'ai', value: 0.6, label: 'Regression in 2026-W46' }]
};

describe('measureTrendSpec', () => {
	const spec = measureTrendSpec(input, { width: 600 });
	const marks = (spec.marks ?? []) as MarkData[];
	const byLabel = (label: string) => marks.filter((mark) => mark.ariaLabel === label);

	it('draws a band and a line per series with data, and names the series in the legend', () => {
		expect(byLabel('area')).toHaveLength(2);
		expect(byLabel('line')).toHaveLength(2);
		const color = spec.color as { domain: string[]; range: string[]; legend: boolean };
		expect(color.domain).toEqual(['AI', 'Human']);
		expect(color.range).toEqual([SERIES_STYLE.ai.color, SERIES_STYLE.human.color]);
		expect(color.legend).toBe(true);
	});

	it('keeps a week without data in the line as a break, and out of the dots', () => {
		const [aiLine] = byLabel('line');
		expect((aiLine?.data as TrendPoint[]).map((p) => p.value)).toEqual([0.7, null, 0.6]);
		const [dots, markers] = byLabel('dot');
		expect((dots?.data as TrendPoint[]).map((p) => `${p.series} ${p.week} ${p.value}`)).toEqual([
			'ai 2026-W44 0.7',
			'ai 2026-W46 0.6',
			'human 2026-W44 0.8',
			'human 2026-W45 0.78',
			'human 2026-W46 0.79'
		]);
		expect(markers?.data).toEqual(input.markers);
	});

	it('puts every week on the axis in order, with the unit on the y label', () => {
		const x = spec.x as { domain: string[]; type: string };
		expect(x.type).toBe('point');
		expect(x.domain).toEqual(weeks);
		expect((spec.y as { label: string }).label).toBe('CSAT (%)');
		expect(spec.ariaLabel).toBe('CSAT');
		expect(spec.width).toBe(600);
	});

	it('draws no note line when there are no notes', () => {
		expect(byLabel('rule')).toHaveLength(0);
		expect(byLabel('text')).toHaveLength(0);
	});

	it('marks notes on the timeline as a numbered line at their week', () => {
		const notes = [
			{ week: '2026-W45', number: 1, text: 'Fin moved to the new model' },
			{ week: '2026-W45', number: 2, text: 'Refund policy changed' },
			{ week: '2026-W46', number: 3, text: 'Two agents on leave' },
			// off the axis: not drawn
			{ week: '2026-W40', number: 4, text: 'Old news' }
		];
		const noted = measureTrendSpec({ ...input, notes }, { width: 600 });
		const noteMarks = ((noted.marks ?? []) as MarkData[]).filter(
			(mark) => mark.ariaLabel === 'rule' || mark.ariaLabel === 'text'
		);
		expect(noteMarks.map((mark) => mark.ariaLabel)).toEqual(['rule', 'text']);
		expect(noteMarks[0]?.data).toEqual([
			{
				week: '2026-W45',
				label: '1,2',
				text: '1. Fin moved to the new model\n2. Refund policy changed'
			},
			{ week: '2026-W46', label: '3', text: '3. Two agents on leave' }
		]);
		expect(notesByWeek(notes, ['2026-W40'])).toEqual([
			{ week: '2026-W40', label: '4', text: '4. Old news' }
		]);
	});

	it('draws end sentiment from neutral to the data, never past −1 to 1 (ticks ran to 1.5 on /trends?topic=disputes)', () => {
		const sentiment: MeasureTrendInput = {
			...input,
			label: 'End sentiment (−1 to 1)',
			kind: 'sentiment',
			points: [
				{ ...point('2026-W44', 'ai', 0.3), low: 0.25, high: 0.35 },
				// as the page drew them before the statistics cut intervals to the scale
				{ ...point('2026-W45', 'hybrid', 0.35, 6), low: -0.67, high: 1.6 },
				{ ...point('2026-W46', 'hybrid', -0.1, 5), low: -1.1, high: 0.8 }
			],
			markers: []
		};
		const spec = measureTrendSpec(sentiment, { width: 600 });
		expect(drawnY(spec)).toEqual({
			domain: [-1, 1],
			ticks: ['−1.0', '−0.5', '0.0', '0.5', '1.0']
		});
		// and a band that still reached past it stops at the frame
		expect((spec.y as { clamp?: boolean }).clamp).toBe(true);
		// a calm week: from neutral to just above the data, so 0.25–0.35 is neither a swing
		// nor a flat line on the whole scale
		const calm = { ...sentiment, points: sentiment.points.slice(0, 1) };
		expect(drawnY(measureTrendSpec(calm, { width: 600 })).domain).toEqual([0, 0.35]);
	});

	it('starts a rate at 0% with a 0% tick (frustration ran below its lowest label, 20%, on /trends)', () => {
		const rate = (low: number, high: number): MeasureTrendInput => ({
			...input,
			label: 'Frustration signals (%)',
			points: [
				{ ...point('2026-W44', 'ai', low + 0.02), low, high: low + 0.04 },
				{ ...point('2026-W45', 'human', high - 0.02), low: high - 0.04, high }
			],
			markers: []
		});
		const frustration = drawnY(measureTrendSpec(rate(0.18, 0.31), { width: 600 }));
		expect(frustration.domain).toEqual([0, 0.35]);
		expect(frustration.ticks[0]).toBe('0%');
		expect(frustration.ticks.at(-1)).toBe('35%');
		// a small rate still fills the chart: the axis ends near the data, not at 100%
		const escalation = drawnY(measureTrendSpec(rate(0.04, 0.16), { width: 600 }));
		expect(escalation.domain).toEqual([0, 0.16]);
		expect(escalation.ticks).toContain('0%');
		// a rate near 100% keeps its whole axis
		expect(drawnY(measureTrendSpec(rate(0.8, 0.97), { width: 600 })).domain).toEqual([0, 1]);
	});

	it('formats axis ticks so that neighbours stay distinct', () => {
		expect(axisFormat('share')?.(0.25)).toBe('25%');
		expect(axisFormat('share')?.(0.255)).toBe('25.5%');
		expect(axisFormat('sentiment')).toBeUndefined();
		expect(axisFormat('seconds')?.(600)).toBe('10 min');
	});
});

describe('trendTable', () => {
	it('lists the points drawn, in percent, with the regression marked and each row linked', () => {
		const table = trendTable({
			...input,
			level: '95%',
			nUnit: 'answered surveys',
			filters: { channel: 'chat', topic: 'refunds' }
		});
		expect(table.columns).toEqual([
			'Week',
			'Handler',
			'CSAT (%)',
			'95% CI low (%)',
			'95% CI high (%)',
			'n (answered surveys)',
			'Regression detected'
		]);
		expect(table.rows.map((row) => row.cells)).toEqual([
			['2026-W44', 'AI', 70, 65, 75, 100, ''],
			['2026-W46', 'AI', 60, 55, 65, 100, 'Regression in 2026-W46'],
			['2026-W44', 'Human', 80, 75, 85, 100, ''],
			['2026-W45', 'Human', 78, 73, 83, 100, ''],
			['2026-W46', 'Human', 79, 74, 84, 100, '']
		]);
		expect(table.rows[0]?.href).toBe(
			'/conversations?week=2026-W44&handler=ai,hybrid&channel=chat&topic=refunds'
		);
		expect(pointHref({}, input.points[3]!)).toBe('/conversations?week=2026-W44&handler=human');
	});
});
