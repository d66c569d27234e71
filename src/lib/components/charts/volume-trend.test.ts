import { describe, expect, it } from 'vitest';
import {
	aiShare,
	PART_STYLE,
	totalOf,
	volumeTable,
	volumeTrendSpec,
	type VolumeTrendInput
} from './volume-trend';

type MarkData = { data?: unknown; ariaLabel?: string };

const input: VolumeTrendInput = {
	title: 'Conversations by who handled them',
	weeks: ['2026-W44', '2026-W45', '2026-W46'],
	counts: [
		{ week: '2026-W44', ai: 300, hybrid: 50, human: 150 },
		// a week nobody answered anything: no bar, no share, no link
		{ week: '2026-W45', ai: 0, hybrid: 0, human: 0 },
		{ week: '2026-W46', ai: 0, hybrid: 0, human: 120 }
	],
	filters: { channel: 'chat', topic: null, source: 'Zendesk' },
	notes: [{ week: '2026-W45', number: 1, text: 'Fin moved to the new model' }]
};

describe('the AI share of a week', () => {
	it('counts the hand-overs as the AI’s: the AI started them', () => {
		expect(totalOf(input.counts[0]!)).toBe(500);
		expect(aiShare(input.counts[0]!)).toBe(0.7);
		expect(aiShare(input.counts[2]!)).toBe(0);
		expect(aiShare(input.counts[1]!)).toBeNull();
	});
});

describe('volumeTable', () => {
	it('has a row per week on the axis, with the share in percent and the week’s conversations', () => {
		const table = volumeTable(input);
		expect(table.columns).toEqual([
			'Week',
			'AI, kept',
			'AI, handed over',
			'Human',
			'Total',
			'AI share (%)'
		]);
		expect(table.rows.map((row) => row.cells)).toEqual([
			['2026-W44', 300, 50, 150, 500, 70],
			['2026-W45', 0, 0, 0, 0, null],
			['2026-W46', 0, 0, 120, 120, 0]
		]);
		expect(table.rows.map((row) => row.href)).toEqual([
			'/conversations?week=2026-W44&channel=chat&source=Zendesk',
			null,
			'/conversations?week=2026-W46&channel=chat&source=Zendesk'
		]);
	});

	it('fills a week the counts leave out with zeros', () => {
		const table = volumeTable({ ...input, counts: [] });
		expect(table.rows.map((row) => row.cells[4])).toEqual([0, 0, 0]);
	});
});

describe('volumeTrendSpec', () => {
	const spec = volumeTrendSpec(input, { width: 600 });
	const marks = (spec.marks ?? []) as MarkData[];
	const byLabel = (label: string) => marks.filter((mark) => mark.ariaLabel === label);

	it('stacks a bar part per handler with conversations, each opening its conversations', () => {
		const [bars] = byLabel('bar');
		const data = bars?.data as Array<{ week: string; part: string; href: string }>;
		expect(data.map((bar) => [bar.week, bar.part])).toEqual([
			['2026-W44', 'AI, kept'],
			['2026-W44', 'AI, handed over'],
			['2026-W44', 'Human'],
			['2026-W46', 'Human']
		]);
		expect(data[1]?.href).toBe(
			'/conversations?week=2026-W44&handler=hybrid&channel=chat&source=Zendesk'
		);
		const color = spec.color as { domain: string[]; range: string[] };
		expect(color.domain).toEqual(['AI, kept', 'AI, handed over', 'Human']);
		expect(color.range).toEqual([
			PART_STYLE.ai.color,
			PART_STYLE.hybrid.color,
			PART_STYLE.human.color
		]);
	});

	it('writes the AI’s share above each bar, and numbers the notes at their week', () => {
		const texts = byLabel('text').map((mark) => mark.data as Array<Record<string, unknown>>);
		expect(texts).toContainEqual([
			{ week: '2026-W44', total: 500, label: '70%' },
			{ week: '2026-W46', total: 120, label: '0%' }
		]);
		expect(texts).toContainEqual([
			{ week: '2026-W45', label: '1', text: '1. Fin moved to the new model' }
		]);
		expect(byLabel('rule')).toHaveLength(1);
		expect((spec.x as { domain: string[] }).domain).toEqual(input.weeks);
		// room above the tallest bar for its share
		expect((spec.y as { domain: number[] }).domain).toEqual([0, 500 * 1.15]);
	});

	it('leaves the shares out where the weeks are too narrow for them, as on a phone', () => {
		const weeks = Array.from({ length: 13 }, (_, i) => `2026-W${30 + i}`);
		const many = { ...input, weeks, counts: weeks.map((week) => ({ ...input.counts[0]!, week })) };
		const shares = (width: number) =>
			((volumeTrendSpec(many, { width }).marks ?? []) as MarkData[])
				.filter((mark) => mark.ariaLabel === 'text')
				.map((mark) => (mark.data as unknown[]).length);
		expect(shares(1200)).toEqual([13]);
		expect(shares(390)).toEqual([0]);
		// the tooltips still say it
		const [bars] = byLabel('bar');
		expect((bars?.data as Array<{ title: string }>)[0]?.title).toBe(
			'AI, kept · 2026-W44: 300 of 500 conversations (the AI started 70%)'
		);
	});
});
