import { describe, expect, it } from 'vitest';
import {
	axisFormat,
	measureTrendSpec,
	SERIES_STYLE,
	type MeasureTrendInput,
	type TrendPoint
} from './measure-trend';

type MarkData = { data?: unknown; ariaLabel?: string };

const weeks = ['2026-W44', '2026-W45', '2026-W46'];
const point = (week: string, series: TrendPoint['series'], value: number | null, n = 100) => ({
	week,
	series,
	value,
	low: value === null ? null : value - 0.05,
	high: value === null ? null : value + 0.05,
	n,
	href: `/conversations?week=${week}`
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

	it('formats axis ticks so that neighbours stay distinct', () => {
		expect(axisFormat('share')?.(0.25)).toBe('25%');
		expect(axisFormat('share')?.(0.255)).toBe('25.5%');
		expect(axisFormat('sentiment')).toBeUndefined();
		expect(axisFormat('seconds')?.(600)).toBe('10 min');
	});
});
