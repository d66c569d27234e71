import { describe, expect, it } from 'vitest';
import { segmentTrendSpec, shortWeek, tickFormatFor, weekTicks } from './segment-trend';

const points = [
	{ week: '2026-W46', value: 0.69, n: 200, low: 0.64, high: 0.74 },
	{ week: '2026-W44', value: 0.72, n: 190, low: 0.67, high: 0.77 },
	{ week: '2026-W45', value: null, n: 0 },
	{ week: '2026-W47', value: 0.64, n: 212, low: 0.59, high: 0.69 }
];

type MarkData = { data?: unknown; ariaLabel?: string };

describe('segmentTrendSpec', () => {
	it('orders weeks, keeps empty weeks on the axis but out of the line, and marks the week under review', () => {
		const spec = segmentTrendSpec(points, { label: 'CSAT %', kind: 'share', baseline: 0.722 });
		expect((spec.x as { domain: string[] }).domain).toEqual([
			'2026-W44',
			'2026-W45',
			'2026-W46',
			'2026-W47'
		]);
		const marks = (spec.marks ?? []) as MarkData[];
		const byLabel = (label: string) => marks.filter((mark) => mark.ariaLabel === label);
		const [line] = byLabel('line');
		expect((line?.data as Array<{ week: string }>).map((point) => point.week)).toEqual([
			'2026-W44',
			'2026-W46',
			'2026-W47'
		]);
		const [, marked] = byLabel('dot');
		expect(marked?.data).toEqual([points[3]]);
		expect(byLabel('rule')[0]?.data).toEqual([0.722]);
		expect((spec.y as { label: string }).label).toBe('CSAT %  (dashed: baseline 72.2%)');
	});

	it('draws a drift’s smoothed level and marks the week on it, not on the raw value', () => {
		// EWMA (λ = 0.3) from the baseline 0.07: 0.3·0.20 + 0.7·0.07 = 0.109, then
		// 0.3·0.17 + 0.7·0.109 = 0.1273.
		const drift = [
			{ week: '2026-W45', value: 0.06, n: 40 },
			{ week: '2026-W46', value: 0.2, n: 45, smoothed: 0.109 },
			{ week: '2026-W47', value: 0.17, n: 47, smoothed: 0.1273 }
		];
		const spec = segmentTrendSpec(drift, {
			label: 'Escalation',
			kind: 'share',
			baseline: 0.07,
			highlight: '2026-W47'
		});
		const marks = (spec.marks ?? []) as MarkData[];
		const lines = marks.filter((mark) => mark.ariaLabel === 'line');
		expect(lines).toHaveLength(2);
		expect((lines[1]?.data as Array<{ value: number }>).map((point) => point.value)).toEqual([
			0.109, 0.1273
		]);
		const [, marked] = marks.filter((mark) => mark.ariaLabel === 'dot');
		expect((marked?.data as Array<{ value: number }>)[0]?.value).toBe(0.1273);
		expect((spec.y as { label: string }).label).toBe(
			'Escalation  (red: EWMA; dashed: baseline 7.0%)'
		);
	});

	it('labels only as many weeks as fit, always including the newest', () => {
		const weeks = Array.from({ length: 12 }, (_, i) => `2026-W${String(36 + i).padStart(2, '0')}`);
		expect(weekTicks(weeks, 480, 17)).toEqual([
			'2026-W37',
			'2026-W39',
			'2026-W41',
			'2026-W43',
			'2026-W45',
			'2026-W47'
		]);
		expect(weekTicks(weeks.slice(0, 5), 560, 12)).toHaveLength(5);
	});

	it('formats axes by kind of measure', () => {
		expect(tickFormatFor('share')(0.75)).toBe('75%');
		expect(tickFormatFor('sentiment')(-0.1)).toBe('−0.1');
		expect(tickFormatFor('sentiment')(0.2)).toBe('+0.2');
		expect(tickFormatFor('seconds')(360)).toBe('6 min');
		expect(shortWeek('2026-W07')).toBe('W07');
	});
});
