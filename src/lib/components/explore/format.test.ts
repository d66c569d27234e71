import { describe, expect, it } from 'vitest';
import { timeFormats } from './format';

describe('timeFormats: timestamps in the organisation zone, not the machine zone', () => {
	it('runs with a machine zone that is neither UTC nor the one asked for', () => {
		// vite.config.ts pins it: a formatter that fell back to local time would show Los Angeles.
		expect(process.env.TZ).toBe('America/Los_Angeles');
	});

	it('names the zone it formats in', () => {
		expect(timeFormats('Europe/Berlin').zone).toBe('Europe/Berlin');
	});

	it('moves Berlin clocks forward on 29 Mar 2026 (01:00 UTC: 01:59:59 CET, then 03:00 CEST)', () => {
		const berlin = timeFormats('Europe/Berlin');
		const change = Date.UTC(2026, 2, 29, 1, 0, 0);
		expect(berlin.dateTimeSeconds(change - 1000)).toBe('29 Mar 2026, 01:59:59');
		expect(berlin.dateTimeSeconds(change)).toBe('29 Mar 2026, 03:00:00');
		expect(berlin.dateTime(change)).toBe('29 Mar 2026, 03:00');
		// The same instant in UTC and on the machine's clock, which the admin pages used to show.
		expect(timeFormats('UTC').dateTime(change)).toBe('29 Mar 2026, 01:00');
		expect(timeFormats('America/Los_Angeles').dateTime(change)).toBe('28 Mar 2026, 18:00');
	});

	it('shows 02:30 twice when Berlin clocks go back on 25 Oct 2026, an hour apart', () => {
		const berlin = timeFormats('Europe/Berlin');
		const summer = Date.UTC(2026, 9, 25, 0, 30);
		const winter = Date.UTC(2026, 9, 25, 1, 30);
		expect(berlin.dateTime(summer)).toBe('25 Oct 2026, 02:30');
		expect(berlin.dateTime(winter)).toBe('25 Oct 2026, 02:30');
		expect(berlin.clock(winter + 60 * 60 * 1000)).toBe('03:30');
	});

	it('says what it is told to when there is no instant', () => {
		const berlin = timeFormats('Europe/Berlin');
		expect(berlin.dateTime(null)).toBe('–');
		expect(berlin.dateTime(null, 'never')).toBe('never');
	});
});
