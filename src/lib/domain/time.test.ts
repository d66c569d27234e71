import { describe, expect, it } from 'vitest';
import {
	addWeeks,
	calendarDay,
	isoWeekOf,
	isoWeekStart,
	wallTimeToInstant,
	zoneOffset
} from './time';

const utc = (iso: string) => Date.parse(iso);

describe('ISO weeks in the organisation zone', () => {
	it('puts Sunday 23:30 and Monday 00:30 Berlin time in different weeks across the spring DST change', () => {
		// 2026-03-29 is the Sunday Berlin moves to summer time; Monday 2026-03-30 starts W14.
		expect(isoWeekOf(utc('2026-03-29T21:30:00Z'), 'Europe/Berlin')).toBe('2026-W13'); // Sun 23:30 CEST
		expect(isoWeekOf(utc('2026-03-29T22:30:00Z'), 'Europe/Berlin')).toBe('2026-W14'); // Mon 00:30 CEST
		// The same instants in UTC are both still Sunday: week 13.
		expect(isoWeekOf(utc('2026-03-29T22:30:00Z'), 'UTC')).toBe('2026-W13');
	});

	it('starts weeks at local midnight on Monday, whatever the offset that day', () => {
		expect(isoWeekStart('2026-W14', 'Europe/Berlin')).toBe(utc('2026-03-29T22:00:00Z'));
		expect(isoWeekStart('2026-W13', 'Europe/Berlin')).toBe(utc('2026-03-22T23:00:00Z'));
		expect(isoWeekStart('2026-W01', 'UTC')).toBe(utc('2025-12-29T00:00:00Z'));
	});

	it('labels ISO years by their Thursday', () => {
		expect(isoWeekOf(utc('2027-01-01T12:00:00Z'), 'UTC')).toBe('2026-W53');
		expect(isoWeekOf(utc('2025-12-29T12:00:00Z'), 'UTC')).toBe('2026-W01');
		expect(addWeeks('2026-W52', 1)).toBe('2026-W53');
		expect(addWeeks('2026-W53', 1)).toBe('2027-W01');
		expect(addWeeks('2026-W02', -2)).toBe('2025-W52');
	});
});

describe('calendarDay', () => {
	it('names the day on the zone’s clocks, across the DST change', () => {
		// 25 Oct 2026 23:30 UTC: Monday 00:30 in Berlin (CET after the change), still Sunday in UTC.
		const instant = Date.UTC(2026, 9, 25, 23, 30);
		expect(calendarDay(instant, 'UTC')).toBe('2026-10-25');
		expect(calendarDay(instant, 'Europe/Berlin')).toBe('2026-10-26');
		expect(calendarDay(instant, 'America/Los_Angeles')).toBe('2026-10-25');
		expect(calendarDay(Date.UTC(2027, 0, 1, 3), 'America/Los_Angeles')).toBe('2026-12-31');
	});
});

describe('zone offsets', () => {
	it('knows standard and summer time, and zones east and west of UTC', () => {
		expect(zoneOffset(utc('2026-01-15T12:00:00Z'), 'Europe/Berlin')).toBe(3_600_000);
		expect(zoneOffset(utc('2026-07-15T12:00:00Z'), 'Europe/Berlin')).toBe(7_200_000);
		expect(zoneOffset(utc('2026-07-15T12:00:00Z'), 'America/Los_Angeles')).toBe(-25_200_000);
		expect(zoneOffset(utc('2026-07-15T12:00:00Z'), 'Asia/Kolkata')).toBe(19_800_000);
	});

	it('converts wall time to instants on both sides of a transition', () => {
		expect(
			wallTimeToInstant({ year: 2026, month: 3, day: 29, hour: 1, minute: 59 }, 'Europe/Berlin')
		).toBe(utc('2026-03-29T00:59:00Z'));
		expect(wallTimeToInstant({ year: 2026, month: 3, day: 29, hour: 3 }, 'Europe/Berlin')).toBe(
			utc('2026-03-29T01:00:00Z')
		);
	});
});
