import * as Plot from '@observablehq/plot';

/**
 * Topics × measures, each cell coloured by how much worse (red) or better (blue) the AI is
 * than humans there. Measures differ in units and in which way is good, so the colour is the
 * harm: the gap signed so that positive means the AI is worse, in multiples of the measure's
 * smallest change worth acting on. Cells with too few samples are hatched grey, not coloured.
 * A pure spec builder, mounted by Chart.svelte; browser-safe.
 */

export interface HeatmapColumn {
	id: string;
	/** Header when columns are wide enough ("Ended negative"), and when they are not ("Neg."). */
	label: string;
	short: string;
}

export interface HeatmapCell {
	row: string;
	column: string;
	/** AI worse > 0, in minimum effects; null when there are too few samples to say. */
	harm: number | null;
	/** What the cell says: the gap in the measure's units ("+12 pts"), or "too few". */
	text: string;
	/** The same for narrow cells (a phone): "+12", "few". */
	short: string;
	/** A second line when there is room: the mix-adjusted gap ("adj. +9"). */
	detail?: string | null;
	/** Survives the correction for all cells shown: drawn in bold with a mark. */
	significant: boolean;
	/** Tooltip: the full evidence. */
	title: string;
	href?: string | null;
}

export interface GapHeatmapInput {
	title: string;
	/** Row labels, top to bottom (already sorted by harm). */
	rows: readonly string[];
	columns: readonly HeatmapColumn[];
	cells: readonly HeatmapCell[];
}

/** Colour saturates at this many minimum effects either way. */
export const HARM_LIMIT = 3;
export const HATCH_ID = 'parity-hatch';
const TEXT = '#1b1f24';

const harmScale = Plot.scale({
	color: { type: 'linear', scheme: 'BuRd', domain: [-HARM_LIMIT, HARM_LIMIT], clamp: true }
});

/** How far an SVG text's box reaches above (and below) the middle Plot centres it on, in em. */
export const TEXT_ABOVE = 0.62;
export const TEXT_BELOW = 0.56;

/** A label on two lines, broken at the space nearest its middle; short or one-word labels as given. */
export function twoLines(label: string): string {
	if (label.length <= 10) return label;
	const middle = label.length / 2;
	let best = -1;
	for (let i = 0; i < label.length; i++) {
		if (label[i] === ' ' && (best < 0 || Math.abs(i - middle) < Math.abs(best - middle))) best = i;
	}
	return best < 0 ? label : `${label.slice(0, best)}\n${label.slice(best + 1)}`;
}

/** WCAG relative luminance of an `rgb(r, g, b)` colour. */
function luminance(color: string): number {
	const [r, g, b] = (color.match(/\d+/g) ?? ['0', '0', '0']).map((part) => {
		const c = Number(part) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	}) as [number, number, number];
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

const contrast = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
const TEXT_LUMINANCE = luminance('rgb(27, 31, 36)');

/** The text colour, dark or white, that contrasts more with the cell's fill. */
export function textColor(harm: number | null): string {
	if (harm === null) return TEXT;
	const fill = luminance(String(harmScale.apply(harm)));
	return contrast(fill, 1) > contrast(fill, TEXT_LUMINANCE) ? 'white' : TEXT;
}

/** The hatch pattern the thin cells are filled with, defined inside the chart's own SVG. */
function hatchDefs(
	_index: unknown,
	_scales: unknown,
	_values: unknown,
	_dimensions: unknown,
	context: { document: Document }
): SVGElement {
	const svg = 'http://www.w3.org/2000/svg';
	const doc = context.document;
	const defs = doc.createElementNS(svg, 'defs');
	const pattern = doc.createElementNS(svg, 'pattern');
	pattern.setAttribute('id', HATCH_ID);
	pattern.setAttribute('width', '6');
	pattern.setAttribute('height', '6');
	pattern.setAttribute('patternUnits', 'userSpaceOnUse');
	pattern.setAttribute('patternTransform', 'rotate(45)');
	const back = doc.createElementNS(svg, 'rect');
	back.setAttribute('width', '6');
	back.setAttribute('height', '6');
	back.setAttribute('fill', '#f1f3f5');
	const line = doc.createElementNS(svg, 'line');
	line.setAttribute('x1', '0');
	line.setAttribute('y1', '0');
	line.setAttribute('x2', '0');
	line.setAttribute('y2', '6');
	line.setAttribute('stroke', '#c4cad1');
	line.setAttribute('stroke-width', '2');
	pattern.append(back, line);
	defs.append(pattern);
	return defs;
}

export function gapHeatmapSpec(
	input: GapHeatmapInput,
	size: { width: number; fontSize?: number }
): Plot.PlotOptions {
	// Never smaller than 12 px: at 10–11 px the numbers on a phone were hard to read.
	const fontSize = size.fontSize ?? 12;
	const longest = (rows: readonly string[]) => Math.max(0, ...rows.map((row) => row.length));
	const labelRoom = (rows: readonly string[]) =>
		Math.min(150, Math.max(60, longest(rows) * fontSize * 0.58 + 10));
	const columns = Math.max(1, input.columns.length);
	// A phone: the short texts, headers turned so that they do not collide, and topics on two
	// lines, which gives their room to the cells ("−0.27" in bold is 40 px at 12 px).
	const narrow = (size.width - labelRoom(input.rows) - 4) / columns < fontSize * 6;
	const rowLabels = new Map(input.rows.map((row) => [row, narrow ? twoLines(row) : row]));
	const marginLeft = labelRoom([...rowLabels.values()].flatMap((label) => label.split('\n')));
	const marginRight = narrow ? fontSize * 1.8 : 4;
	const columnWidth = (size.width - marginLeft - marginRight) / columns;
	const wide = columnWidth >= fontSize * 7.5;
	const showDetail = !narrow;
	const rowHeight = fontSize * (showDetail ? 3.6 : 3.2);
	// The significance dot sits in the cell's top-right corner, and the cell's text below it: on
	// a phone a cell is no wider than its text ("−0.27"). An SVG text's box reaches TEXT_ABOVE em
	// above the middle Plot centres it on (the font's ascent less Plot's 0.32 em baseline shift);
	// allowing only half an em, as before, left the dot on the digits.
	const dotR = 2.5;
	const dotDy = -rowHeight / 2 + dotR + 3.5;
	const textDy = dotDy + dotR + 1.5 + fontSize * TEXT_ABOVE;
	const detailDy = fontSize * 0.8;
	const headers = new Map(input.columns.map((c) => [c.id, wide ? c.label : c.short]));
	const measured = input.cells.filter((cell) => cell.harm !== null);
	const thin = input.cells.filter((cell) => cell.harm === null);
	const href = (cell: HeatmapCell) => cell.href ?? null;
	const title = (cell: HeatmapCell) => cell.title;
	const text = (cell: HeatmapCell) => (narrow ? cell.short : cell.text);
	const significant = input.cells.filter((cell) => cell.significant);
	const marks: Plot.Markish[] = [
		hatchDefs as unknown as Plot.Markish,
		Plot.cell(measured, {
			x: 'column',
			y: 'row',
			fill: 'harm',
			inset: 1.5,
			rx: 3,
			href,
			title
		}),
		Plot.cell(thin, {
			x: 'column',
			y: 'row',
			fill: `url(#${HATCH_ID})`,
			stroke: '#d0d7de',
			inset: 1.5,
			rx: 3,
			href,
			title
		}),
		...[false, true].map((bold) =>
			Plot.text(
				input.cells.filter((cell) => cell.significant === bold),
				{
					x: 'column',
					y: 'row',
					text,
					dy: textDy,
					fill: (cell: HeatmapCell) => textColor(cell.harm),
					fontWeight: bold ? 'bold' : 'normal',
					fontSize,
					// The cell underneath is the link; the text must not swallow the click.
					pointerEvents: 'none'
				}
			)
		),
		// Significance is marked in the corner as well as in bold: never by colour alone.
		Plot.dot(significant, {
			x: 'column',
			y: 'row',
			r: dotR,
			dx: columnWidth / 2 - dotR - 4,
			dy: dotDy,
			fill: (cell: HeatmapCell) => textColor(cell.harm),
			pointerEvents: 'none'
		})
	];
	if (showDetail) {
		marks.push(
			Plot.text(
				input.cells.filter((cell) => cell.detail),
				{
					x: 'column',
					y: 'row',
					text: (cell: HeatmapCell) => cell.detail ?? '',
					dy: detailDy,
					fill: (cell: HeatmapCell) => textColor(cell.harm),
					fontSize: fontSize * 0.85,
					pointerEvents: 'none'
				}
			)
		);
	}
	const marginTop = narrow ? fontSize * 5.2 : fontSize * 2.2;
	return {
		width: size.width,
		height: input.rows.length * rowHeight + marginTop + 4,
		marginLeft,
		marginRight,
		marginTop,
		marginBottom: 4,
		ariaLabel: input.title,
		style: { fontSize: `${fontSize}px`, color: TEXT, background: 'white' },
		x: {
			axis: 'top',
			domain: input.columns.map((column) => column.id),
			tickFormat: (id: string) => headers.get(id) ?? id,
			tickRotate: narrow ? -40 : 0,
			label: null,
			tickSize: 0,
			padding: 0
		},
		y: {
			domain: [...input.rows],
			tickFormat: (row: string) => rowLabels.get(row) ?? row,
			label: null,
			tickSize: 0,
			padding: 0
		},
		color: {
			type: 'linear',
			scheme: 'BuRd',
			domain: [-HARM_LIMIT, HARM_LIMIT],
			clamp: true,
			legend: true,
			label: narrow
				? '← AI better · AI worse →'
				: '← AI better · AI − human gap, in smallest changes that matter · AI worse →',
			tickFormat: (value: number) => (value > 0 ? `+${value}` : value < 0 ? `−${-value}` : '0')
		},
		marks
	};
}
