import { describe, expect, it } from 'vitest';
import { csvCell, csvFileName, neutralise, toCsv } from './csv';

describe('CSV', () => {
	it('neutralises text a spreadsheet would run as a formula (CSV injection)', () => {
		expect(neutralise('=HYPERLINK("http://evil","x")')).toBe('\'=HYPERLINK("http://evil","x")');
		expect(neutralise('+1+1')).toBe("'+1+1");
		expect(neutralise('-2+3')).toBe("'-2+3");
		expect(neutralise('@SUM(A1:A2)')).toBe("'@SUM(A1:A2)");
		expect(neutralise('\t=1')).toBe("'\t=1");
		expect(neutralise('\r=1')).toBe("'\r=1");
		expect(neutralise('refunds')).toBe('refunds');
		expect(neutralise('a=b')).toBe('a=b');
	});

	it('quotes what needs quoting, after neutralising, and keeps numbers as numbers', () => {
		expect(csvCell('=1,2')).toBe('"\'=1,2"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('\r=1')).toBe('"\'\r=1"');
		expect(csvCell(-12.5)).toBe('-12.5');
		expect(csvCell(0.1)).toBe('0.1');
		expect(csvCell(null)).toBe('');
		expect(csvCell(Number.NaN)).toBe('');
	});

	it('writes rows with CRLF, the header first', () => {
		const csv = toCsv(
			['Topic', 'Gap (pts)'],
			[
				['=cmd|calc', -7.5],
				['billing', null]
			]
		);
		expect(csv).toBe("Topic,Gap (pts)\r\n'=cmd|calc,-7.5\r\nbilling,\r\n");
	});

	it('names the file after what it holds', () => {
		expect(csvFileName('CSAT', 'email · refunds', '2026-W34', 'to', '2026-W46')).toBe(
			'csat-email-refunds-2026-w34-to-2026-w46.csv'
		);
		expect(csvFileName('', '')).toBe('data.csv');
	});
});
