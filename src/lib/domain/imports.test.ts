import { describe, expect, it } from 'vitest';
import { filesLabel, splitReason } from './imports';

describe('splitReason', () => {
	it('takes the field an importer names before the first colon', () => {
		expect(splitReason("messages[0].created_at: not a date: 'not a time 2'")).toEqual({
			field: 'messages[0].created_at',
			problem: "not a date: 'not a time 2'"
		});
		expect(splitReason("Created At: not a date: '31/02/2026 16:45'")).toEqual({
			field: 'Created At',
			problem: "not a date: '31/02/2026 16:45'"
		});
	});

	it('names no field for a reason about the whole record, or a colon inside a quoted value', () => {
		expect(
			splitReason('12 cells where the header has 11 (a delimiter or quote out of place?)')
		).toEqual({
			field: null,
			problem: '12 cells where the header has 11 (a delimiter or quote out of place?)'
		});
		expect(splitReason("'a: b' is not an id")).toEqual({
			field: null,
			problem: "'a: b' is not an id"
		});
		expect(splitReason('no colon-space:here')).toEqual({
			field: null,
			problem: 'no colon-space:here'
		});
	});
});

describe('filesLabel', () => {
	it('names one file, or counts the files and names them in order, cut at 200 characters', () => {
		expect(filesLabel(['export.ndjson'])).toBe('export.ndjson');
		expect(filesLabel(['user_data.csv', 'ticket_data.csv'])).toBe(
			'2 files: ticket_data.csv, user_data.csv'
		);
		const many = filesLabel(Array.from({ length: 30 }, (_, i) => `table_${i}.csv`));
		expect(many).toHaveLength(200);
		expect(many.startsWith('30 files: table_0.csv, table_1.csv, table_10.csv')).toBe(true);
		expect(many.endsWith('…')).toBe(true);
	});
});
