import * as Plot from '@observablehq/plot';

/**
 * A segment's measure over its recent weeks, against its baseline, with the week under
 * review marked. A pure spec builder: the dashboard mounts it in the browser, alert emails
 * render it to PNG on the server (alerts/chart.ts). Browser-safe: no server imports.
 */

export interface SegmentTrendPoint {
	week: string;
	value: number | null;
	n: number;
	low?: number | null;
	high?: number | null;
	/**
	 * The smoothed level (EWMA) a drift is measured on. When points have it, it is drawn as a
	 * line of its own and the marked week is marked on it, not on the week's raw value.
	 */
	smoothed?: number | null;
}

export interface SegmentTrendOptions {
	/** Axis label, e.g. "CSAT %". */
	label: string;
	kind: 'share' | 'sentiment' | 'score' | 'seconds';
	/** The trailing baseline the week is compared against, drawn as a dashed line. */
	baseline?: number | null;
	/** The week to mark (the alert's week); the last point when absent. */
	highlight?: string | null;
	/** Colour of the marked week: the caller knows whether it is a regression. */
	highlightColor?: string;
	width?: number;
	height?: number;
	/** Font size in px; emails scale the image down on phones, so they ask for larger text. */
	fontSize?: number;
	/** Font family; the server renderer names one its rasteriser has. */
	fontFamily?: string;
}

const ACCENT = '#0b5cad';
const BAD = '#b3261e';
const MUTED = '#57606a';

/** How an axis shows a value of this kind (shares as whole percents, sentiment signed). */
export function tickFormatFor(kind: SegmentTrendOptions['kind']): (value: number) => string {
	switch (kind) {
		case 'share':
			return (value) => `${Math.round(value * 100)}%`;
		case 'sentiment':
			return (value) => (value > 0 ? `+${value.toFixed(1)}` : value.toFixed(1).replace('-', '−'));
		case 'score':
			return (value) => value.toFixed(1);
		case 'seconds':
			return (value) => `${Math.round(value / 60)} min`;
	}
}

/** The marked point's label, with more precision than the axis. */
function valueLabel(kind: SegmentTrendOptions['kind'], value: number): string {
	switch (kind) {
		case 'share':
			return `${(value * 100).toFixed(1)}%`;
		case 'seconds':
			return `${Math.round(value / 60)} min`;
		default:
			return value < 0 ? `−${Math.abs(value).toFixed(2)}` : value.toFixed(2);
	}
}

/** "2026-W47" → "W47": the year only adds noise on a chart of a few weeks. */
export function shortWeek(week: string): string {
	return week.replace(/^\d{4}-/, '');
}

/**
 * The weeks that get a label: all of them when they fit, else every second (third, …)
 * counted back from the newest, so the week under review is always labelled.
 */
export function weekTicks(weeks: readonly string[], width: number, fontSize: number): string[] {
	// A "W47" label takes about 2.2 em; keep an em of air between labels.
	const fit = Math.max(2, Math.floor(width / (fontSize * 3.2)));
	const step = Math.ceil(weeks.length / fit);
	return weeks.filter((_, index) => (weeks.length - 1 - index) % step === 0);
}

export function segmentTrendSpec(
	points: readonly SegmentTrendPoint[],
	options: SegmentTrendOptions
): Plot.PlotOptions {
	const data = [...points].sort((a, b) => (a.week < b.week ? -1 : a.week > b.week ? 1 : 0));
	const withValue = data.filter(
		(point): point is SegmentTrendPoint & { value: number } => point.value !== null
	);
	const withInterval = withValue.filter(
		(point) =>
			point.low !== null &&
			point.low !== undefined &&
			point.high !== null &&
			point.high !== undefined
	);
	const smoothed = data
		.filter((point) => point.smoothed !== null && point.smoothed !== undefined)
		.map((point) => ({ ...point, value: point.smoothed as number }));
	const highlightWeek = options.highlight ?? withValue.at(-1)?.week ?? null;
	// A drift is the smoothed level against the baseline: that is the point to mark.
	const marked = (smoothed.length ? smoothed : withValue).filter(
		(point) => point.week === highlightWeek
	);
	const color = options.highlightColor ?? BAD;
	const fontSize = options.fontSize ?? 12;
	const baseline = options.baseline ?? null;
	// A drop is labelled below its point, a rise above: away from the line leading in.
	const below = baseline !== null && marked[0] !== undefined && marked[0].value < baseline;

	const notes = [
		smoothed.length ? 'red: EWMA' : null,
		baseline === null ? null : `dashed: baseline ${valueLabel(options.kind, baseline)}`
	].filter((note) => note !== null);

	const marks: Plot.Markish[] = [Plot.gridY({ stroke: '#d0d7de', strokeOpacity: 1 })];
	// The baseline is named in the axis label rather than beside its line: a label on the
	// chart lands on the data sooner or later, and resvg draws no halo behind text.
	if (baseline !== null)
		marks.push(Plot.ruleY([baseline], { stroke: MUTED, strokeDasharray: '6,4', strokeWidth: 1.5 }));
	marks.push(
		Plot.ruleX(withInterval, {
			x: 'week',
			y1: 'low',
			y2: 'high',
			stroke: ACCENT,
			strokeOpacity: 0.35,
			strokeWidth: 3
		}),
		Plot.lineY(withValue, { x: 'week', y: 'value', stroke: ACCENT, strokeWidth: 2.5 }),
		Plot.dot(withValue, { x: 'week', y: 'value', fill: ACCENT, r: 3.5 }),
		Plot.lineY(smoothed, { x: 'week', y: 'value', stroke: color, strokeWidth: 3 }),
		Plot.dot(marked, { x: 'week', y: 'value', fill: color, stroke: 'white', strokeWidth: 2, r: 7 }),
		Plot.text(marked, {
			x: 'week',
			y: 'value',
			text: (point: SegmentTrendPoint & { value: number }) => valueLabel(options.kind, point.value),
			// Beside the week's interval bar, on the side away from the line leading in.
			dy: below ? fontSize * 1.1 : -fontSize * 1.1,
			dx: -10,
			textAnchor: 'end',
			fill: color,
			fontWeight: 'bold',
			fontSize: fontSize * 1.05
		})
	);

	return {
		width: options.width ?? 560,
		height: options.height ?? 240,
		marginLeft: fontSize * 4,
		marginRight: fontSize * 1.5,
		marginTop: fontSize * 1.8,
		marginBottom: fontSize * 2.4,
		style: {
			fontSize: `${fontSize}px`,
			fontFamily: options.fontFamily ?? 'system-ui, sans-serif',
			color: '#1b1f24',
			background: 'white'
		},
		x: {
			type: 'point',
			domain: data.map((point) => point.week),
			ticks: weekTicks(
				data.map((point) => point.week),
				options.width ?? 560,
				fontSize
			),
			tickFormat: shortWeek,
			label: null,
			tickSize: 0,
			padding: 0.3
		},
		y: {
			label: notes.length ? `${options.label}  (${notes.join('; ')})` : options.label,
			labelArrow: 'none',
			tickFormat: tickFormatFor(options.kind),
			nice: true,
			ticks: 4,
			tickSize: 0,
			// Room for the marked point's label above or below it.
			insetTop: below ? fontSize * 0.6 : fontSize * 1.8,
			insetBottom: below ? fontSize * 1.8 : fontSize * 0.6
		},
		marks
	};
}
