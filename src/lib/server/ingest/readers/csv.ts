import { parse, type CsvError } from 'csv-parse';
import { Readable } from 'node:stream';

export type CsvRow =
	| { ok: true; lineNumber: number; fields: string[]; raw: string }
	| { ok: false; lineNumber: number; error: string; raw: string };

const DELIMITERS = [',', ';', '\t', '|'] as const;

/** The delimiter of a CSV file, from its header line: the candidate seen most outside quotes. */
export function sniffDelimiter(sample: string): string {
	const firstLine = sample.split(/\r?\n/, 1)[0] ?? '';
	let best: string = ',';
	let bestCount = 0;
	for (const delimiter of DELIMITERS) {
		let count = 0;
		let quoted = false;
		for (const char of firstLine) {
			if (char === '"') quoted = !quoted;
			else if (!quoted && char === delimiter) count++;
		}
		if (count > bestCount) {
			best = delimiter;
			bestCount = count;
		}
	}
	return best;
}

/**
 * Rows of a CSV file as string arrays, header included. A row the parser cannot read (an
 * unclosed quote, say) is reported with its line and the reader carries on with the next.
 */
export async function* readCsv(
	chunks: AsyncIterable<string>,
	options: { delimiter: string }
): AsyncGenerator<CsvRow> {
	const skipped: CsvRow[] = [];
	const parser = parse({
		delimiter: options.delimiter,
		bom: true,
		info: true,
		raw: true,
		relax_column_count: true,
		relax_quotes: true,
		skip_empty_lines: true,
		skip_records_with_error: true,
		on_skip: (error: CsvError | undefined, raw: string | undefined) => {
			skipped.push({
				ok: false,
				lineNumber: Number((error as { lines?: number } | undefined)?.lines ?? 0),
				error: error?.message ?? 'unreadable CSV row',
				raw: raw ?? ''
			});
			return undefined;
		}
	});
	const rows = Readable.from(chunks, { objectMode: false }).pipe(parser);
	for await (const item of rows as AsyncIterable<{
		record: string[];
		raw: string;
		info: { lines: number };
	}>) {
		if (skipped.length) yield* skipped.splice(0);
		yield { ok: true, lineNumber: item.info.lines, fields: item.record, raw: item.raw };
	}
	if (skipped.length) yield* skipped.splice(0);
}
