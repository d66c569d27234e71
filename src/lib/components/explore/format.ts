/**
 * Number and time formats. Every timestamp a person reads goes through `timeFormats(zone)`
 * with the organisation's zone (Analysis settings → Time zones), never the server's or the browser's
 * zone, and the page names that zone once (TimesIn.svelte).
 */

// File sizes are formatted for the server's messages too, so the one formatter is in domain/.
export { formatBytes } from '../../domain/imports';

const number = new Intl.NumberFormat('en');

export const formatNumber = (value: number) => number.format(value);

export type TimeFormats = ReturnType<typeof makeTimeFormats>;

/**
 * Building a date format costs about as much as rendering a list row, and the server renders
 * every page in the same zone: one set per zone, made once.
 */
const byZone = new Map<string, TimeFormats>();

export function timeFormats(zone: string): TimeFormats {
	let formats = byZone.get(zone);
	if (!formats) {
		formats = makeTimeFormats(zone);
		byZone.set(zone, formats);
	}
	return formats;
}

function makeTimeFormats(zone: string) {
	const dateTime = new Intl.DateTimeFormat('en-GB', {
		timeZone: zone,
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit'
	});
	// The audit log orders events that happen seconds apart.
	const withSeconds = new Intl.DateTimeFormat('en-GB', {
		timeZone: zone,
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	});
	const shortDate = new Intl.DateTimeFormat('en-GB', {
		timeZone: zone,
		day: 'numeric',
		month: 'short'
	});
	const clock = new Intl.DateTimeFormat('en-GB', {
		timeZone: zone,
		hour: '2-digit',
		minute: '2-digit'
	});
	return {
		zone,
		/** "26 Nov 2026, 17:47"; `missing` (default "–") when there is no instant. */
		dateTime: (instant: number | null, missing = '–') =>
			instant === null ? missing : dateTime.format(instant),
		/** "26 Nov 2026, 17:47:16" */
		dateTimeSeconds: (instant: number) => withSeconds.format(instant),
		date: (instant: number) => shortDate.format(instant),
		clock: (instant: number) => clock.format(instant),
		iso: (instant: number) => new Date(instant).toISOString()
	};
}

/** 95 s → "1 min 35 s"; 7,300 s → "2 h 2 min". */
export function formatDuration(seconds: number | null): string {
	if (seconds === null || !Number.isFinite(seconds)) return '–';
	if (seconds < 60) return `${Math.round(seconds)} s`;
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
	const hours = Math.floor(minutes / 60);
	if (hours < 48) return `${hours} h ${minutes % 60} min`;
	return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
