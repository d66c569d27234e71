import { describe, expect, it } from 'vitest';
import { rejectsSummary, splitReason } from './imports';

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

describe('rejectsSummary', () => {
	it('says how many records the rejects cover when a reject is a whole multi-row ticket', () => {
		expect(rejectsSummary(7, 20)).toBe('7 rejects covering 20 records');
		expect(rejectsSummary(1, 3)).toBe('1 reject covering 3 records');
	});

	it('gives one number when each reject is one record', () => {
		expect(rejectsSummary(2, 2)).toBe('2 records');
		expect(rejectsSummary(1, 1)).toBe('1 record');
	});
});
