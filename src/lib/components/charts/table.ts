import { toCsv, type CsvValue } from '../../csv';

/**
 * The numbers a chart draws, as the table shown beside it and the CSV offered for download:
 * one structure for both, so that the file holds exactly what the page shows.
 */
export interface ChartTable {
	columns: string[];
	/** `href`: the conversations behind the row, shown as a link in the table (not in the CSV). */
	rows: Array<{ cells: CsvValue[]; href?: string | null }>;
}

export function tableCsv(table: ChartTable): string {
	return toCsv(
		table.columns,
		table.rows.map((row) => row.cells)
	);
}

/** A number rounded for a table: shares as percents with one decimal, others as given. */
export function round(value: number | null | undefined, digits: number): number | null {
	if (value === null || value === undefined || !Number.isFinite(value)) return null;
	const factor = 10 ** digits;
	return Math.round(value * factor) / factor;
}

/** How a measure's values are drawn and tabulated (as segment-trend.ts names the kinds). */
export type ValueKind = 'share' | 'sentiment' | 'score' | 'seconds';

/** A value in the unit its table column names: shares in percent, times in seconds. */
export function tableValue(kind: ValueKind, value: number | null | undefined): number | null {
	switch (kind) {
		case 'share':
			return round(value === null || value === undefined ? null : value * 100, 1);
		case 'sentiment':
			return round(value, 3);
		case 'score':
			return round(value, 2);
		case 'seconds':
			return round(value, 0);
	}
}

/** The unit a table column of this kind is headed with: "CSAT (%)". */
export function unitSuffix(kind: ValueKind): string {
	switch (kind) {
		case 'share':
			return ' (%)';
		case 'seconds':
			return ' (s)';
		case 'sentiment':
			return ' (−1 to 1)';
		case 'score':
			return ' (1–5)';
	}
}
