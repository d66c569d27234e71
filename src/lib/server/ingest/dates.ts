import { wallTimeToInstant } from '../../domain/time';

/**
 * Reading the dates tools and spreadsheets write. One rule for every importer:
 * - ISO 8601 with or without an offset (`2026-03-01T09:30:00Z`, `2026-03-01 09:30:00+01:00`);
 * - epoch seconds or milliseconds, as numbers or digit strings (values below 1e11 are seconds:
 *   as milliseconds they would fall in 1973);
 * - day/month/year forms with `/`, `.` or `-`, whose order is decided for a whole column
 *   (`inferDateOrder`) rather than guessed value by value;
 * - RFC 2822 and other month-name forms (`Tue, 03 Mar 2026 10:00:00 +0000`).
 * Times without a zone are wall times in the configured zone (default UTC).
 */

export type DateOrder = 'dmy' | 'mdy';

export interface DateOptions {
	/** IANA zone for times written without an offset. */
	zone: string;
	/** How to read `01/08/2026`; without it, an ambiguous value is an error. */
	order?: DateOrder;
}

export type DateResult = { ok: true; instant: number } | { ok: false; reason: string };

const ISO =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/;
const NUMERIC_DMY =
	/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[T ,]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AaPp][Mm])?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/;
const YMD_SLASH =
	/^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/;
const DIGITS = /^-?\d+(?:\.\d+)?$/;
const HAS_ZONE = /(?:\b(?:Z|UTC|GMT)\b|[+-]\d{2}:?\d{2}\s*(?:\([^)]*\))?$)/;
const MONTH_NAME = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b/i;

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function offsetMillis(zone: string): number {
	if (/^(Z|UTC|GMT)$/i.test(zone)) return 0;
	const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
	if (!match) return NaN;
	const sign = match[1] === '-' ? -1 : 1;
	return sign * (Number(match[2]) * 60 + Number(match[3] ?? 0)) * 60_000;
}

function fractionToMillis(fraction: string | undefined): number {
	return fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
}

function fromFields(
	raw: string,
	fields: {
		year: number;
		month: number;
		day: number;
		hour: number;
		minute: number;
		second: number;
		millisecond: number;
		zone: string | undefined;
	},
	options: DateOptions
): DateResult {
	const { year, month, day, hour, minute, second } = fields;
	if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
		return { ok: false, reason: `not a date: '${raw}'` };
	}
	if (hour > 23 || minute > 59 || second > 60) return { ok: false, reason: `not a time: '${raw}'` };
	if (fields.zone !== undefined) {
		const offset = offsetMillis(fields.zone);
		if (Number.isNaN(offset)) return { ok: false, reason: `unknown time zone in '${raw}'` };
		return {
			ok: true,
			instant: Date.UTC(year, month - 1, day, hour, minute, second, fields.millisecond) - offset
		};
	}
	return { ok: true, instant: wallTimeToInstant({ ...fields }, options.zone) };
}

function fromEpoch(value: number, raw: string): DateResult {
	if (!Number.isFinite(value)) return { ok: false, reason: `not a date: '${raw}'` };
	const millis = Math.abs(value) < 1e11 ? value * 1000 : value;
	// Beyond ±10,000 years is not a timestamp but some other number in a date column.
	if (Math.abs(millis) > 253_402_300_799_999) return { ok: false, reason: `not a date: '${raw}'` };
	return { ok: true, instant: Math.round(millis) };
}

function twoDigitYear(year: string): number {
	const value = Number(year);
	return year.length === 2 ? (value < 70 ? 2000 + value : 1900 + value) : value;
}

export function parseInstant(value: unknown, options: DateOptions): DateResult {
	if (typeof value === 'number') return fromEpoch(value, String(value));
	if (value instanceof Date) {
		const time = value.getTime();
		return Number.isNaN(time) ? { ok: false, reason: 'not a date' } : { ok: true, instant: time };
	}
	if (typeof value !== 'string') {
		return { ok: false, reason: value == null ? 'missing' : `not a date: ${typeof value}` };
	}
	const raw = value.trim();
	if (raw === '') return { ok: false, reason: 'missing' };

	const iso = ISO.exec(raw);
	if (iso) {
		return fromFields(
			raw,
			{
				year: Number(iso[1]),
				month: Number(iso[2]),
				day: Number(iso[3]),
				hour: Number(iso[4] ?? 0),
				minute: Number(iso[5] ?? 0),
				second: Number(iso[6] ?? 0),
				millisecond: fractionToMillis(iso[7]),
				zone: iso[8]
			},
			options
		);
	}
	if (DIGITS.test(raw)) return fromEpoch(Number(raw), raw);

	const ymd = YMD_SLASH.exec(raw);
	if (ymd) {
		return fromFields(
			raw,
			{
				year: Number(ymd[1]),
				month: Number(ymd[2]),
				day: Number(ymd[3]),
				hour: Number(ymd[4] ?? 0),
				minute: Number(ymd[5] ?? 0),
				second: Number(ymd[6] ?? 0),
				millisecond: 0,
				zone: ymd[7]
			},
			options
		);
	}

	const numeric = NUMERIC_DMY.exec(raw);
	if (numeric) {
		const first = Number(numeric[1]);
		const second = Number(numeric[2]);
		let order = options.order;
		if (!order) {
			if (first > 12 && second <= 12) order = 'dmy';
			else if (second > 12 && first <= 12) order = 'mdy';
			else if (first !== second) {
				return {
					ok: false,
					reason: `ambiguous date: '${raw}' (day-first or month-first? set dateOrder in the mapping)`
				};
			} else order = 'dmy';
		}
		let hour = Number(numeric[4] ?? 0);
		const meridiem = numeric[8]?.toLowerCase();
		if (meridiem) {
			if (hour < 1 || hour > 12) return { ok: false, reason: `not a time: '${raw}'` };
			hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
		}
		return fromFields(
			raw,
			{
				year: twoDigitYear(numeric[3] ?? ''),
				month: order === 'dmy' ? second : first,
				day: order === 'dmy' ? first : second,
				hour,
				minute: Number(numeric[5] ?? 0),
				second: Number(numeric[6] ?? 0),
				millisecond: fractionToMillis(numeric[7]),
				zone: numeric[9]
			},
			options
		);
	}

	if (MONTH_NAME.test(raw)) {
		// Month-name forms are unambiguous; V8's parser reads them, but only with an explicit
		// zone is it independent of the machine's zone, so zone-less values are read as UTC
		// wall fields and then placed in the configured zone.
		if (HAS_ZONE.test(raw)) {
			const parsed = Date.parse(raw);
			if (!Number.isNaN(parsed)) return { ok: true, instant: parsed };
		} else {
			const parsed = new Date(Date.parse(`${raw} UTC`));
			if (!Number.isNaN(parsed.getTime())) {
				return {
					ok: true,
					instant: wallTimeToInstant(
						{
							year: parsed.getUTCFullYear(),
							month: parsed.getUTCMonth() + 1,
							day: parsed.getUTCDate(),
							hour: parsed.getUTCHours(),
							minute: parsed.getUTCMinutes(),
							second: parsed.getUTCSeconds()
						},
						options.zone
					)
				};
			}
		}
	}
	return { ok: false, reason: `not a date: '${raw.length > 60 ? raw.slice(0, 60) + '…' : raw}'` };
}

/**
 * Decides day-first or month-first for a whole column of values: any value whose first
 * part exceeds 12 proves day-first, any whose second part does proves month-first. Returns
 * null when the column is all ambiguous (or has no slash dates) — the caller then uses
 * the mapping's `dateOrder` or reports the ambiguity; a column with proof both ways is
 * 'mixed', and each value is then read on its own evidence.
 */
export function inferDateOrder(values: Iterable<unknown>): DateOrder | 'mixed' | null {
	let dayFirst = false;
	let monthFirst = false;
	for (const value of values) {
		if (typeof value !== 'string') continue;
		const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}\b/.exec(value);
		if (!match) continue;
		const first = Number(match[1]);
		const second = Number(match[2]);
		if (first > 12 && second <= 12) dayFirst = true;
		else if (second > 12 && first <= 12) monthFirst = true;
	}
	if (dayFirst && monthFirst) return 'mixed';
	if (dayFirst) return 'dmy';
	if (monthFirst) return 'mdy';
	return null;
}

/** Incremental form of inferDateOrder for a streaming pre-scan. */
export class DateOrderEvidence {
	dayFirst = false;
	monthFirst = false;
	add(value: unknown): void {
		const result = inferDateOrder([value]);
		if (result === 'dmy') this.dayFirst = true;
		else if (result === 'mdy') this.monthFirst = true;
	}
	get order(): DateOrder | 'mixed' | null {
		if (this.dayFirst && this.monthFirst) return 'mixed';
		return this.dayFirst ? 'dmy' : this.monthFirst ? 'mdy' : null;
	}
}
