import * as Plot from '@observablehq/plot';
import { Resvg } from '@resvg/resvg-js';
import { parseHTML } from 'linkedom';
import {
	segmentTrendSpec,
	type SegmentTrendOptions,
	type SegmentTrendPoint
} from '../../components/charts/segment-trend';
import { EMAIL_CHART_WIDTH } from './templates/layout';

/**
 * Charts for emails. Mail clients do not show inline SVG (Gmail strips it, Outlook never
 * drew it), so the dashboard's Plot spec is rendered to SVG against linkedom's document and
 * rasterised with resvg, at twice the layout width so it stays sharp on phone screens.
 */

const SCALE = 2;
// resvg has no notion of `system-ui`; it falls back to this family, which Debian and most
// server images have. Without any system font the text is simply not drawn.
const FONT_FAMILY = 'DejaVu Sans';

/** Plot options → standalone SVG text, without a browser. */
export function renderPlotSvg(options: Plot.PlotOptions): string {
	const { document } = parseHTML('<!doctype html><html><body></body></html>');
	const element = Plot.plot({ ...options, document: document as unknown as Document });
	let svg = (element as unknown as { outerHTML: string }).outerHTML;
	if (!svg.startsWith('<svg')) throw new Error('Plot returned a figure, not an SVG element');
	if (!svg.includes('xmlns="http://www.w3.org/2000/svg"'))
		svg = svg.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"');
	return svg;
}

export function svgToPng(svg: string, width: number): Buffer {
	const resvg = new Resvg(svg, {
		fitTo: { mode: 'width', value: width * SCALE },
		background: 'white',
		font: { loadSystemFonts: true, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY }
	});
	return resvg.render().asPng();
}

/** The segment trend chart of an alert email, as PNG bytes. */
export function renderSegmentTrendPng(
	points: readonly SegmentTrendPoint[],
	options: SegmentTrendOptions
): Buffer {
	const spec = segmentTrendSpec(points, {
		width: EMAIL_CHART_WIDTH,
		height: 280,
		fontSize: 17,
		fontFamily: FONT_FAMILY,
		...options
	});
	return svgToPng(renderPlotSvg(spec), spec.width ?? EMAIL_CHART_WIDTH);
}
