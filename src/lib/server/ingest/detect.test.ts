import { describe, expect, it } from 'vitest';
import { ADAPTERS } from './adapters';
import { describeFormats, detectFormat, UnknownFormatError } from './detect';

const NOTES = { fileName: 'notes.txt', sample: 'just some notes\nnothing tabular here\n' };

function refusal(audience: 'cli' | 'web'): UnknownFormatError {
	try {
		detectFormat(ADAPTERS, NOTES, undefined, audience);
	} catch (error) {
		if (error instanceof UnknownFormatError) return error;
		throw error;
	}
	throw new Error('the file was recognised');
}

describe('detectFormat for a file no importer reads', () => {
	it('tells the command line the --format names', () => {
		const message = refusal('cli').message;
		expect(message).toContain('Choose one with --format NAME.');
		expect(message).toContain('csv (any CSV export');
		expect(message).toContain('front (Front Core API JSON or NDJSON');
	});

	it('points the dashboard to the Format list, listing the labels without nested brackets', () => {
		const error = refusal('web');
		expect(error.summary).toBe('Not a format Parity recognises');
		expect(error.message).not.toContain('--');
		expect(error.message).toBe(
			'notes.txt: not a format Parity recognises.' +
				' Parity reads: Zendesk warehouse tables (CSV, Fivetran); Intercom warehouse tables (CSV, Fivetran); Zendesk API JSON / NDJSON; Intercom API JSON; Freshdesk API JSON; Help Scout API JSON; Front API JSON; Parity NDJSON / JSON; CSV (any help desk or spreadsheet).' +
				" If the file is one of these, choose it in the upload form's Format list and upload it again."
		);
		// No bracket opens inside another.
		expect(describeFormats(ADAPTERS, 'web')).not.toMatch(/\([^)]*\(/);
	});

	it('names the nearest importer by its label, and why it does not fit', () => {
		const ragged = { fileName: 'export.dat', sample: 'alpha,beta\n1,2,3\n4,5\n6\n' };
		expect(() => detectFormat(ADAPTERS, ragged, undefined, 'web')).toThrow(
			'export.dat: not a format Parity recognises. Nearest: CSV (any help desk or spreadsheet), but delimited text without a conversation header. Parity reads: '
		);
	});
});
