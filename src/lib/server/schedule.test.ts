import { describe, expect, it } from 'vitest';
import { nextScheduledRun, previousScheduledRun } from './schedule';

const utc = (iso: string) => Date.parse(iso);

describe('the digest schedule in the organisation zone', () => {
	it('runs Monday 08:00 Berlin time, which is 07:00 UTC in winter and 06:00 UTC in summer', () => {
		expect(nextScheduledRun('0 8 * * 1', 'Europe/Berlin', utc('2026-11-25T12:00:00Z'))).toBe(
			utc('2026-11-30T07:00:00Z')
		);
		// Berlin moves to summer time on Sunday 2026-03-29.
		expect(nextScheduledRun('0 8 * * 1', 'Europe/Berlin', utc('2026-03-28T12:00:00Z'))).toBe(
			utc('2026-03-30T06:00:00Z')
		);
	});

	it('finds the run a stopped server missed', () => {
		expect(previousScheduledRun('0 8 * * 1', 'America/New_York', utc('2026-11-25T12:00:00Z'))).toBe(
			utc('2026-11-23T13:00:00Z')
		);
	});
});
