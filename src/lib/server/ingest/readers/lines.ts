/** Splits decoded text into lines (LF or CRLF), numbered from 1, one chunk in memory at a time. */
export async function* readLines(
	chunks: AsyncIterable<string>
): AsyncGenerator<{ lineNumber: number; line: string }> {
	let carry = '';
	let lineNumber = 0;
	for await (const chunk of chunks) {
		const text = carry + chunk;
		let start = 0;
		for (;;) {
			const newline = text.indexOf('\n', start);
			if (newline === -1) break;
			const end = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
			yield { lineNumber: ++lineNumber, line: text.slice(start, end) };
			start = newline + 1;
		}
		carry = text.slice(start);
	}
	if (carry !== '')
		yield { lineNumber: lineNumber + 1, line: carry.endsWith('\r') ? carry.slice(0, -1) : carry };
}

export type NdjsonRecord =
	| { ok: true; lineNumber: number; value: unknown; text: string }
	| { ok: false; lineNumber: number; error: string; text: string };

/** One JSON value per line; a line that is not JSON is reported, and the next line still read. */
export async function* readNdjson(chunks: AsyncIterable<string>): AsyncGenerator<NdjsonRecord> {
	for await (const { lineNumber, line } of readLines(chunks)) {
		if (line.trim() === '') continue;
		try {
			yield { ok: true, lineNumber, value: JSON.parse(line), text: line };
		} catch (error) {
			yield { ok: false, lineNumber, error: `not JSON: ${(error as Error).message}`, text: line };
		}
	}
}
