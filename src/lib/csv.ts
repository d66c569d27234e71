/**
 * CSV for the numbers behind a chart (RFC 4180: comma separated, CRLF, quotes doubled),
 * written from the same table the page shows beside the chart.
 *
 * Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return before
 * one) as a formula, and topic and source names come from imported data: such text gets a
 * leading apostrophe, which spreadsheets show as text and never evaluate (OWASP, "CSV
 * Injection"). Numbers are written as numbers: a finite number printed by JavaScript cannot
 * hold a formula, and a negative one must stay a number to be summed.
 */

export type CsvValue = string | number | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
	return FORMULA_START.test(text) ? `'${text}` : text;
}

export function csvCell(value: CsvValue): string {
	if (value === null) return '';
	const text =
		typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : neutralise(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(
	columns: readonly string[],
	rows: ReadonlyArray<readonly CsvValue[]>
): string {
	return [columns, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A file name from a title: lower case, words joined by hyphens, `.csv`. */
export function csvFileName(...parts: string[]): string {
	const base = parts
		.join(' ')
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
	return `${base || 'data'}.csv`;
}
