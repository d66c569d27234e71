import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import {
	gapHeatmapSpec,
	HARM_LIMIT,
	HATCH_ID,
	TEXT_ABOVE,
	TEXT_BELOW,
	textColor,
	twoLines,
	type GapHeatmapInput,
	type HeatmapCell
} from './gap-heatmap';

type MarkData = {
	data?: unknown;
	ariaLabel?: string;
	fill?: unknown;
	dx?: number;
	dy?: number;
};

const cell = (
	row: string,
	column: string,
	harm: number | null,
	significant = false
): HeatmapCell => ({
	row,
	column,
	harm,
	text: harm === null ? 'too few' : `${harm > 0 ? '+' : ''}${harm * 5} pts`,
	short: harm === null ? 'few' : `${harm * 5}`,
	detail: harm === null ? 'n=6/19' : 'adj. +1 pt',
	significant,
	title: `${row} ${column}`,
	href: `/conversations?topic=${row}`
});

const input: GapHeatmapInput = {
	title: 'AI − human gap by topic',
	rows: ['All topics', 'disputes', 'billing'],
	columns: [
		{ id: 'csatPct', label: 'CSAT', short: 'CSAT' },
		{ id: 'frustrationRate', label: 'Frustration signals', short: 'Frustr.' }
	],
	cells: [
		cell('All topics', 'csatPct', 0.2),
		cell('All topics', 'frustrationRate', 1.5, true),
		cell('disputes', 'csatPct', null),
		cell('disputes', 'frustrationRate', 4, true),
		cell('billing', 'csatPct', -1),
		cell('billing', 'frustrationRate', null)
	]
};

describe('gapHeatmapSpec', () => {
	it('colours only the cells with enough samples, on a diverging scale with red = AI worse', () => {
		const spec = gapHeatmapSpec(input, { width: 900 });
		const marks = (spec.marks ?? []) as MarkData[];
		const cells = marks.filter((mark) => mark.ariaLabel === 'cell');
		expect(cells).toHaveLength(2);
		expect((cells[0]?.data as HeatmapCell[]).map((c) => c.harm)).toEqual([0.2, 1.5, 4, -1]);
		expect((cells[1]?.data as HeatmapCell[]).map((c) => `${c.row} ${c.column}`)).toEqual([
			'disputes csatPct',
			'billing frustrationRate'
		]);
		const color = spec.color as { scheme: string; domain: number[]; clamp: boolean; type: string };
		// BuRd runs blue → red: positive harm (AI worse) is red whichever way the measure goes.
		expect(color.scheme).toBe('BuRd');
		expect(color.type).toBe('linear');
		expect(color.domain).toEqual([-HARM_LIMIT, HARM_LIMIT]);
		expect(color.clamp).toBe(true);
	});

	it('fills thin cells with the hatch pattern it defines in the same SVG, and links every cell', () => {
		const { document } = parseHTML('<!doctype html><html><body></body></html>');
		const spec = gapHeatmapSpec(input, { width: 900 });
		// The colour ramp of the legend needs a canvas, which a DOM without a browser lacks.
		const color = { ...(spec.color as object), legend: false };
		const figure = Plot.plot({ ...spec, color, document: document as unknown as Document });
		const html = (figure as unknown as { outerHTML: string }).outerHTML;
		expect(html).toMatch(new RegExp(`<pattern [^>]*id="${HATCH_ID}"`));
		const hatched = new RegExp(`<g [^>]*fill="url\\(#${HATCH_ID}\\)"[^>]*>(.*?)</g>`).exec(html);
		expect(hatched?.[1]?.match(/<rect /g)).toHaveLength(2);
		expect(html).toContain('href="/conversations?topic=disputes"');
		expect(html).toContain('aria-label="AI − human gap by topic"');
	});

	it('keeps the rows in the order given (worst first) and the measures as columns on top', () => {
		const spec = gapHeatmapSpec(input, { width: 900 });
		expect((spec.y as { domain: string[] }).domain).toEqual(['All topics', 'disputes', 'billing']);
		const x = spec.x as { domain: string[]; axis: string; tickFormat: (id: string) => string };
		expect(x.domain).toEqual(['csatPct', 'frustrationRate']);
		expect(x.axis).toBe('top');
		expect(x.tickFormat('frustrationRate')).toBe('Frustration signals');
	});

	it('marks significant cells in bold and with a dot, never by colour alone', () => {
		const marks = (gapHeatmapSpec(input, { width: 900 }).marks ?? []) as MarkData[];
		const texts = marks.filter((mark) => mark.ariaLabel === 'text');
		const bold = texts[1]?.data as HeatmapCell[];
		expect(bold.map((c) => `${c.row} ${c.column}`)).toEqual([
			'All topics frustrationRate',
			'disputes frustrationRate'
		]);
		const dots = marks.find((mark) => mark.ariaLabel === 'dot');
		expect((dots?.data as HeatmapCell[]).length).toBe(2);
		// the second line (mix-adjusted gap, or the sample sizes) shows when there is room
		expect((texts[2]?.data as HeatmapCell[]).length).toBe(6);
	});

	it('on a phone: short texts, turned headers, no second line', () => {
		const spec = gapHeatmapSpec(
			{
				...input,
				columns: [...input.columns, ...input.columns.map((c) => ({ ...c, id: `${c.id}2` }))]
			},
			{ width: 340 }
		);
		const x = spec.x as { tickRotate: number };
		expect(x.tickRotate).toBeLessThan(0);
		const texts = ((spec.marks ?? []) as MarkData[]).filter((mark) => mark.ariaLabel === 'text');
		expect(texts).toHaveLength(2);
	});

	it.each([340, 390, 900])(
		"at %i px keeps the significance dot above the cell text's box, inside the cell, in 12 px type",
		(width) => {
			// The walkthrough's phone: the dot sat on the last digit of "−0.05"; then, in 11 px
			// type, on the top of "−0.27" (text boxes reach 0.62 em above their middle, not 0.5).
			const wide = {
				...input,
				columns: [...input.columns, ...input.columns.map((c) => ({ ...c, id: `${c.id}2` }))]
			};
			const spec = gapHeatmapSpec(wide, { width });
			const fontSize = parseFloat((spec.style as { fontSize: string }).fontSize);
			expect(fontSize).toBeGreaterThanOrEqual(12);
			const rowHeight =
				((spec.height as number) - (spec.marginTop as number) - 4) / wide.rows.length;
			const marks = (spec.marks ?? []) as MarkData[];
			const dot = marks.find((mark) => mark.ariaLabel === 'dot')!;
			const r = 2.5;
			// the cell's text: the first two text marks (plain and bold), centred on the cell; the
			// third, where there is room, the second line in smaller type
			const [plain, bold, detail] = marks.filter((mark) => mark.ariaLabel === 'text');
			for (const text of [plain!, bold!]) {
				expect(text.dy! - fontSize * TEXT_ABOVE).toBeGreaterThanOrEqual(dot.dy! + r + 1);
				const bottom = text.dy! + fontSize * TEXT_BELOW;
				expect(bottom).toBeLessThanOrEqual(rowHeight / 2 - 1.5);
				if (detail) expect(bottom).toBeLessThanOrEqual(detail.dy! - fontSize * 0.85 * TEXT_ABOVE);
			}
			if (detail)
				expect(detail.dy! + fontSize * 0.85 * TEXT_BELOW).toBeLessThanOrEqual(rowHeight / 2 - 1.5);
			expect(dot.dy! - r).toBeGreaterThanOrEqual(-rowHeight / 2 + 1.5);
			expect(dot.dx!).toBeGreaterThan(0);
		}
	);

	it('on a phone puts long topic names on two lines, giving their room to the cells', () => {
		expect(twoLines('Disputes and fraud')).toBe('Disputes\nand fraud');
		expect(twoLines('Account access')).toBe('Account\naccess');
		expect(twoLines('Cancellations')).toBe('Cancellations');
		expect(twoLines('All topics')).toBe('All topics');
		const rows = ['All topics', 'Disputes and fraud', 'Cancellations'];
		const phone = gapHeatmapSpec(
			{ ...input, rows, cells: [], columns: [...input.columns, ...input.columns] },
			{ width: 358 }
		);
		const y = phone.y as { tickFormat: (row: string) => string };
		expect(y.tickFormat('Disputes and fraud')).toBe('Disputes\nand fraud');
		// the margin fits "Cancellations", the longest line, not "Disputes and fraud"
		expect(phone.marginLeft).toBeCloseTo(13 * 12 * 0.58 + 10, 5);
		const desk = gapHeatmapSpec({ ...input, rows, cells: [] }, { width: 900 });
		expect((desk.y as typeof y).tickFormat('Disputes and fraud')).toBe('Disputes and fraud');
	});

	it('picks the text colour that contrasts more with the cell', () => {
		expect(textColor(HARM_LIMIT)).toBe('white');
		expect(textColor(-HARM_LIMIT)).toBe('white');
		expect(textColor(0)).not.toBe('white');
		expect(textColor(1)).not.toBe('white');
		expect(textColor(null)).not.toBe('white');
	});
});
