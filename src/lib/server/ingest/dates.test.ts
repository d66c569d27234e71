import { describe, expect, it } from 'vitest';
import { inferDateOrder, parseInstant } from './dates';

const utc = (iso: string) => Date.parse(iso);
const read = (value: unknown, zone = 'UTC', order?: 'dmy' | 'mdy') =>
	parseInstant(value, { zone, order });

describe('parseInstant', () => {
	it('reads ISO 8601 with Z, with offsets, with fractions, and date-only', () => {
		expect(read('2026-03-01T09:30:00Z')).toEqual({
			ok: true,
			instant: utc('2026-03-01T09:30:00Z')
		});
		expect(read('2026-03-01T09:30:00+01:00')).toEqual({
			ok: true,
			instant: utc('2026-03-01T08:30:00Z')
		});
		expect(read('2026-03-01 09:30:00.250-0500')).toEqual({
			ok: true,
			instant: utc('2026-03-01T14:30:00.250Z')
		});
		expect(read('2026-03-01')).toEqual({ ok: true, instant: utc('2026-03-01T00:00:00Z') });
	});

	it('reads zone-less times as wall time in the configured zone', () => {
		expect(read('2026-07-01 12:00:00', 'Europe/Berlin')).toEqual({
			ok: true,
			instant: utc('2026-07-01T10:00:00Z')
		});
		expect(read('2026-01-15 12:00', 'America/New_York')).toEqual({
			ok: true,
			instant: utc('2026-01-15T17:00:00Z')
		});
	});

	it('handles the DST gap and overlap of the configured zone', () => {
		// Berlin springs forward 2026-03-29 02:00 → 03:00: 02:30 does not exist, read as 03:30 CEST.
		expect(read('2026-03-29 02:30', 'Europe/Berlin')).toEqual({
			ok: true,
			instant: utc('2026-03-29T01:30:00Z')
		});
		// Falls back 2026-10-25 03:00 → 02:00: 02:30 happens twice; the earlier (CEST) is taken.
		expect(read('2026-10-25 02:30', 'Europe/Berlin')).toEqual({
			ok: true,
			instant: utc('2026-10-25T00:30:00Z')
		});
	});

	it('reads epoch seconds and milliseconds, as numbers or digit strings', () => {
		expect(read(1772357400)).toEqual({ ok: true, instant: 1772357400000 });
		expect(read(1772357400123)).toEqual({ ok: true, instant: 1772357400123 });
		expect(read('1772357400')).toEqual({ ok: true, instant: 1772357400000 });
	});

	it('reads day-first and month-first by the order given, with 12-hour clocks', () => {
		expect(read('01/08/2023 14:05', 'UTC', 'dmy')).toEqual({
			ok: true,
			instant: utc('2023-08-01T14:05:00Z')
		});
		expect(read('01/08/2023 2:05 PM', 'UTC', 'mdy')).toEqual({
			ok: true,
			instant: utc('2023-01-08T14:05:00Z')
		});
		expect(read('25.12.2025', 'UTC')).toEqual({ ok: true, instant: utc('2025-12-25T00:00:00Z') });
	});

	it('refuses to guess an ambiguous day/month without an order', () => {
		const result = read('01/08/2023');
		expect(result.ok).toBe(false);
		expect(!result.ok && result.reason).toMatch(/^ambiguous date: '01\/08\/2023'/);
	});

	it('rejects impossible dates and times with the value in the reason', () => {
		expect(read('31/02/2026', 'UTC', 'dmy')).toEqual({
			ok: false,
			reason: "not a date: '31/02/2026'"
		});
		expect(read('2026-02-29T10:00:00Z')).toEqual({
			ok: false,
			reason: "not a date: '2026-02-29T10:00:00Z'"
		});
		expect(read('2026-03-01T25:00:00Z')).toEqual({
			ok: false,
			reason: "not a time: '2026-03-01T25:00:00Z'"
		});
		expect(read('yesterday')).toEqual({ ok: false, reason: "not a date: 'yesterday'" });
		expect(read(null)).toEqual({ ok: false, reason: 'missing' });
	});

	it('reads RFC 2822 and month-name forms', () => {
		expect(read('Tue, 03 Mar 2026 10:00:00 +0000')).toEqual({
			ok: true,
			instant: utc('2026-03-03T10:00:00Z')
		});
		expect(read('March 3, 2026 10:00', 'Europe/London')).toEqual({
			ok: true,
			instant: utc('2026-03-03T10:00:00Z')
		});
	});
});

describe('inferDateOrder decides for the whole column', () => {
	it('is day-first when any value proves it, even if most values are ambiguous', () => {
		expect(inferDateOrder(['01/02/2026', '03/04/2026', '13/04/2026'])).toBe('dmy');
	});
	it('is month-first when a second part exceeds 12', () => {
		expect(inferDateOrder(['01/02/2026 10:00', '04/30/2026 09:00'])).toBe('mdy');
	});
	it('stays undecided when every value is ambiguous, and says mixed on contradictory evidence', () => {
		expect(inferDateOrder(['01/02/2026', '03/04/2026'])).toBeNull();
		expect(inferDateOrder(['13/01/2026', '01/13/2026'])).toBe('mixed');
	});
});
