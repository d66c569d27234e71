import { describe, expect, it } from 'vitest';
import { retentionCutoff } from './retention';

// Dates checked on a calendar: ISO week 1 of 2026 starts on Monday 29 December 2025.
describe('retentionCutoff: the Monday of the week that holds the day N months ago', () => {
	it('keeps the whole week that holds that day', () => {
		// Friday 27 Nov 2026 − 3 months = Thursday 27 Aug, in the week of Monday 24 Aug (W35).
		expect(retentionCutoff(3, 'UTC', Date.UTC(2026, 10, 27, 10))).toEqual({
			week: '2026-W35',
			instant: Date.UTC(2026, 7, 24)
		});
	});

	it('goes back from the 31st to the last day of a shorter month', () => {
		// 31 May − 3 months = 28 Feb 2026 (a Saturday), in the week of Monday 23 Feb (W09).
		expect(retentionCutoff(3, 'UTC', Date.UTC(2026, 4, 31, 12))).toEqual({
			week: '2026-W09',
			instant: Date.UTC(2026, 1, 23)
		});
	});

	it('crosses into the previous year', () => {
		// 15 Jan 2026 − 1 month = Monday 15 Dec 2025 (2025-W51).
		expect(retentionCutoff(1, 'UTC', Date.UTC(2026, 0, 15, 12))).toEqual({
			week: '2025-W51',
			instant: Date.UTC(2025, 11, 15)
		});
	});

	it('counts in the organisation zone, with the offset of the cutoff day across DST', () => {
		// London, 2 Nov 2026 (GMT, after the clocks went back) − 2 months = Wednesday 2 Sep (BST):
		// the week starts Monday 31 Aug at 00:00 BST, 23:00 UTC the day before.
		expect(retentionCutoff(2, 'Europe/London', Date.UTC(2026, 10, 2, 10))).toEqual({
			week: '2026-W36',
			instant: Date.UTC(2026, 7, 30, 23)
		});
	});

	it("takes today's date on the organisation's clocks, not UTC's", () => {
		// 03:00 UTC on Monday 2 March is still Sunday 1 March in New York: − 1 month = Sunday
		// 1 Feb, in the week of Monday 26 Jan (W05) from 00:00 EST = 05:00 UTC. In UTC the same
		// instant would give Monday 2 Feb (W06).
		const now = Date.UTC(2026, 2, 2, 3);
		expect(retentionCutoff(1, 'America/New_York', now)).toEqual({
			week: '2026-W05',
			instant: Date.UTC(2026, 0, 26, 5)
		});
		expect(retentionCutoff(1, 'UTC', now).week).toBe('2026-W06');
	});
});
