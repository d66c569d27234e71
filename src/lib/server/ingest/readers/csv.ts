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
 * Line ends made LF (CRLF and lone CR alike), also inside quoted cells: csv-parse counts a
 * CRLF inside a quoted cell as two lines, which put every later line number off by one.
 */
async function* unifyLineEnds(chunks: AsyncIterable<string>): AsyncGenerator<string> {
	let endedWithCr = false;
	for await (const chunk of chunks) {
		const text: string = endedWithCr && chunk.startsWith('\n') ? chunk.slice(1) : chunk;
		endedWithCr = text.endsWith('\r');
		if (text) yield text.replace(/\r\n?/g, '\n');
	}
}

/**
 * Rows of a CSV file as string arrays, header included, each with the line it starts on.
 * A row the parser cannot read (an unclosed quote, say) is reported with its line and the
 * reader carries on with the next. Line ends inside cells come out as LF.
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
	const rows = Readable.from(unifyLineEnds(chunks), { objectMode: false }).pipe(parser);
	for await (const item of rows as AsyncIterable<{
		record: string[];
		raw: string;
		info: { lines: number };
	}>) {
		// The parser reports a skip as soon as it meets it, while records before it may still
		// wait in the stream's buffer: yield by line so rows keep their order in the file.
		while (skipped.length && (skipped[0] as CsvRow).lineNumber <= item.info.lines) {
			yield skipped.shift() as CsvRow;
		}
		// The raw text carries the line end and any empty lines skipped before the row.
		const raw = item.raw.replace(/^\n+|\n$/g, '');
		const lineNumber = item.info.lines - (raw.match(/\n/g)?.length ?? 0);
		yield { ok: true, lineNumber, fields: item.record, raw };
	}
	if (skipped.length) yield* skipped.splice(0);
}
