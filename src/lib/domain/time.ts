/**
 * Time zone arithmetic without the machine's local zone: every function takes the zone it
 * works in (an IANA name). Instants are epoch milliseconds.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(zone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
		formatters.set(zone, formatter);
	}
	return formatter;
}

export function isValidTimeZone(zone: string): boolean {
	try {
		formatterFor(zone);
		return true;
	} catch {
		return false;
	}
}

// Offsets change only at transitions, which fall on quarter hours everywhere; caching per
// quarter hour makes bulk conversion cheap without ever straddling a transition.
const offsetCache = new Map<string, number>();
const OFFSET_CACHE_LIMIT = 100_000;

/** The zone's offset from UTC at an instant, in milliseconds (positive east of Greenwich). */
export function zoneOffset(instant: number, zone: string): number {
	if (zone === 'UTC' || zone === 'Etc/UTC') return 0;
	const bucket = Math.floor(instant / (15 * MINUTE));
	const key = `${zone}|${bucket}`;
	const cached = offsetCache.get(key);
	if (cached !== undefined) return cached;
	const parts = formatterFor(zone).formatToParts(new Date(bucket * 15 * MINUTE));
	const get = (type: Intl.DateTimeFormatPartTypes) =>
		Number(parts.find((part) => part.type === type)?.value);
	const wall = Date.UTC(
		get('year'),
		get('month') - 1,
		get('day'),
		get('hour'),
		get('minute'),
		get('second')
	);
	const offset = wall - bucket * 15 * MINUTE;
	if (offsetCache.size >= OFFSET_CACHE_LIMIT) offsetCache.clear();
	offsetCache.set(key, offset);
	return offset;
}

/**
 * The instant at which clocks in `zone` show the given wall time. A wall time that falls in
 * a spring-forward gap does not exist and is read with the offset from before the gap (so
 * 02:30 becomes 03:30, as Temporal's 'compatible' does); in a fall-back overlap the earlier
 * of the two instants is returned.
 */
export function wallTimeToInstant(
	wall: {
		year: number;
		month: number;
		day: number;
		hour?: number;
		minute?: number;
		second?: number;
		millisecond?: number;
	},
	zone: string
): number {
	const asUtc = Date.UTC(
		wall.year,
		wall.month - 1,
		wall.day,
		wall.hour ?? 0,
		wall.minute ?? 0,
		wall.second ?? 0,
		wall.millisecond ?? 0
	);
	const offsetBefore = zoneOffset(asUtc - 14 * HOUR, zone);
	const offsetAfter = zoneOffset(asUtc + 14 * HOUR, zone);
	const candidates = [asUtc - offsetBefore, asUtc - offsetAfter].filter(
		(instant) => instant + zoneOffset(instant, zone) === asUtc
	);
	if (candidates.length === 0) return asUtc - offsetBefore;
	return Math.min(...candidates);
}

/** Calendar fields of an instant as seen on clocks in `zone`. */
export function instantToWallTime(instant: number, zone: string) {
	const shifted = new Date(instant + zoneOffset(instant, zone));
	return {
		year: shifted.getUTCFullYear(),
		month: shifted.getUTCMonth() + 1,
		day: shifted.getUTCDate(),
		hour: shifted.getUTCHours(),
		minute: shifted.getUTCMinutes(),
		second: shifted.getUTCSeconds(),
		weekday: shifted.getUTCDay() === 0 ? 7 : shifted.getUTCDay()
	};
}

/** The calendar day ("2026-11-12") an instant falls on, on clocks in `zone`. */
export function calendarDay(instant: number, zone: string): string {
	const wall = instantToWallTime(instant, zone);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${String(wall.year).padStart(4, '0')}-${two(wall.month)}-${two(wall.day)}`;
}

/** ISO week label ("2026-W09") of an instant, with weeks starting Monday in `zone`. */
export function isoWeekOf(instant: number, zone: string): string {
	const wall = instantToWallTime(instant, zone);
	const date = Date.UTC(wall.year, wall.month - 1, wall.day);
	// The ISO year is the one that holds the Thursday of this week.
	const thursday = date + (4 - wall.weekday) * DAY;
	const isoYear = new Date(thursday).getUTCFullYear();
	const week = Math.floor((thursday - Date.UTC(isoYear, 0, 1)) / (7 * DAY)) + 1;
	return `${isoYear}-W${String(week).padStart(2, '0')}`;
}

/** The instant a labelled ISO week starts (Monday 00:00 in `zone`). */
export function isoWeekStart(week: string, zone: string): number {
	const match = /^(\d{4})-W(\d{2})$/.exec(week);
	if (!match) throw new Error(`not an ISO week: '${week}' (expected like 2026-W09)`);
	const year = Number(match[1]);
	const weekNumber = Number(match[2]);
	const jan4 = Date.UTC(year, 0, 4);
	const jan4Weekday = new Date(jan4).getUTCDay() || 7;
	const monday = new Date(jan4 + ((weekNumber - 1) * 7 - (jan4Weekday - 1)) * DAY);
	return wallTimeToInstant(
		{ year: monday.getUTCFullYear(), month: monday.getUTCMonth() + 1, day: monday.getUTCDate() },
		zone
	);
}

/** Whole weeks from one ISO week to a later one (0 for the same week). */
export function weeksBetween(from: string, to: string): number {
	return Math.round((isoWeekStart(to, 'UTC') - isoWeekStart(from, 'UTC')) / (7 * DAY));
}

/** The week label `n` weeks after `week` (negative goes back). */
export function addWeeks(week: string, n: number): string {
	// Noon UTC on the Monday is inside the same ISO week in every zone.
	return isoWeekOf(isoWeekStart(week, 'UTC') + n * 7 * DAY + 12 * HOUR, 'UTC');
}
