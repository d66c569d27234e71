import { describe, expect, it } from 'vitest';
import { readCsv, sniffDelimiter } from './csv';

async function rows(text: string, delimiter = ',') {
	const out = [];
	async function* chunks() {
		yield text;
	}
	for await (const row of readCsv(chunks(), { delimiter })) {
		out.push(
			row.ok
				? { line: row.lineNumber, fields: row.fields }
				: { line: row.lineNumber, error: row.error }
		);
	}
	return out;
}

describe('readCsv', () => {
	// csv-parse counted a CRLF inside a quoted cell as two lines: every later row was
	// reported one line too far down.
	it('numbers rows by the line they start on, with CRLF line ends inside cells too', async () => {
		expect(await rows('a,b\r\n1,"two\r\nlines"\r\n3,4\r\n')).toEqual([
			{ line: 1, fields: ['a', 'b'] },
			{ line: 2, fields: ['1', 'two\nlines'] },
			{ line: 4, fields: ['3', '4'] }
		]);
		expect(await rows('a,b\r\n\r\n1,"x\r\ny"\r\n2,3\r')).toEqual([
			{ line: 1, fields: ['a', 'b'] },
			{ line: 3, fields: ['1', 'x\ny'] },
			{ line: 5, fields: ['2', '3'] }
		]);
	});

	// The parser reported an unreadable row before the rows still buffered ahead of it, so
	// the header arrived after the error and every row after it was out of place.
	it('keeps an unreadable row in its place in the file', async () => {
		const result = await rows('a,b\n1,2\n3,"never closed\n');
		expect(result.map((row) => row.line)).toEqual([1, 2, 3]);
		expect(result[2]).toMatchObject({ error: expect.stringMatching(/Quote Not Closed/) });
	});

	it('finds the delimiter from the header line, ignoring quoted ones', () => {
		expect(sniffDelimiter('"a,b";c;d\n1;2;3')).toBe(';');
		expect(sniffDelimiter('a\tb\tc\n')).toBe('\t');
	});
});
