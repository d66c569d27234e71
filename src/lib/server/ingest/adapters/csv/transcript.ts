import { instantToWallTime, wallTimeToInstant } from '../../../../domain/time';
import { parseInstant, type DateOrder } from '../../dates';

/**
 * A whole conversation in one cell, one turn per line behind a speaker prefix:
 *   Customer: my card was declined
 *   [10:02] Agent: let me check
 *   (10:02:11 AM) Visitor 4521: thanks
 *   2026-03-01 10:02:11 - Maria Lopez: you're welcome
 * A line without a prefix continues the turn before it. A bracketed time or a full date
 * makes a turn whatever name follows; otherwise (no time, or a bare `10:30`) the name must be a
 * speaker we know — a role word, a name from the mapping, the customer's name, or a name
 * already seen as a speaker — so that "Order number: 1234" inside a message stays text.
 */

const CLOCK = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?`;
const DAY = String.raw`(?:\d{4}-\d{2}-\d{2}|\d{4}/\d{1,2}/\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})`;
const ZONE = String.raw`(?:\s?(?:Z|UTC|GMT|[+-]\d{2}:?\d{2}))`;
const STAMP = String.raw`(?:${DAY}(?:[T ,]+${CLOCK}(?:[.,]\d{1,9})?)?${ZONE}?|${CLOCK})`;
const LABEL = String.raw`\p{L}[\p{L}\p{M}\p{N} .'’_@&#+()[\]-]{0,59}?`;
const SEPARATOR = String.raw`\s*(?:[-–—|]\s*)?`;

const TURN = new RegExp(
	String.raw`^\s*(?:[[(](${STAMP})[\])]${SEPARATOR}|(${STAMP})${SEPARATOR}(?=\p{L}))?(${LABEL})\s*:\s*(.*)$`,
	'u'
);
// "[10:02] Customer: hi [10:03] Agent: hello" written on one line.
const INLINE_TURN = new RegExp(
	String.raw`(\S)[ \t]+(?=[[(]${STAMP}[\])]${SEPARATOR}${LABEL}\s*:)`,
	'gu'
);
const CLOCK_ONLY = new RegExp(
	String.raw`^(\d{1,2}):(\d{2})(?::(\d{2}))?\s?(?:([AaPp])\.?[Mm]\.?)?$`
);

export type Stamp =
	| { kind: 'datetime'; raw: string }
	| { kind: 'clock'; raw: string; hour: number; minute: number; second: number };

export interface Turn {
	/** Line of the cell the turn starts on, from 1. */
	line: number;
	label: string;
	stamp: Stamp | null;
	text: string;
}

export interface SplitTranscript {
	/** Text before the first turn ("Chat started …"), if any. */
	preamble: string | null;
	turns: Turn[];
}

function readStamp(raw: string | undefined): Stamp | null {
	if (raw === undefined) return null;
	const clock = CLOCK_ONLY.exec(raw.trim());
	if (!clock) return { kind: 'datetime', raw: raw.trim() };
	let hour = Number(clock[1]);
	const meridiem = clock[4]?.toLowerCase();
	if (meridiem) hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
	return {
		kind: 'clock',
		raw: raw.trim(),
		hour,
		minute: Number(clock[2]),
		second: Number(clock[3] ?? 0)
	};
}

function lineTurn(line: string) {
	const match = TURN.exec(line);
	if (!match) return null;
	const stamp = readStamp(match[1] ?? match[2]);
	return {
		stamp,
		// A bracketed time or a full date marks a turn; a bare "10:30 Meeting:" may be text.
		marked: match[1] !== undefined || stamp?.kind === 'datetime',
		label: (match[3] as string).trim(),
		text: match[4] as string
	};
}

/**
 * The turns of a transcript cell. `knownSpeaker` says whether a label without a time
 * prefix is a speaker (see above); labels seen with a time count as known afterwards.
 */
export function splitTranscript(
	cell: string,
	knownSpeaker: (label: string) => boolean
): SplitTranscript {
	const lines = cell.replace(/\r\n?/g, '\n').replace(INLINE_TURN, '$1\n').split('\n');
	const seen = new Set<string>();
	const preamble: string[] = [];
	const turns: Turn[] = [];
	let current: { turn: Turn; lines: string[] } | null = null;
	const close = () => {
		if (current) current.turn.text = current.lines.join('\n').trim();
	};
	lines.forEach((line, i) => {
		const turn = lineTurn(line);
		const isTurn =
			turn !== null &&
			(turn.marked || seen.has(turn.label.toLowerCase()) || knownSpeaker(turn.label));
		if (turn && isTurn) {
			close();
			seen.add(turn.label.toLowerCase());
			current = {
				turn: { line: i + 1, label: turn.label, stamp: turn.stamp, text: '' },
				lines: [turn.text]
			};
			turns.push(current.turn);
		} else if (current) current.lines.push(line);
		else preamble.push(line);
	});
	close();
	const before = preamble.join('\n').trim();
	return { preamble: before === '' ? null : before, turns };
}

/** The date-and-time prefixes of a transcript cell, for deciding the file's date order. */
export function transcriptDates(cell: string): string[] {
	const dates: string[] = [];
	for (const line of cell.replace(INLINE_TURN, '$1\n').split(/\r?\n/)) {
		const turn = lineTurn(line);
		if (turn?.stamp?.kind === 'datetime') dates.push(turn.stamp.raw);
	}
	return dates;
}

const MINUTE = 60_000;
const HALF_DAY = 12 * 60 * MINUTE;

/** The instant a clock shows on the day of `reference` (shifted by whole days). */
function clockOnDayOf(
	stamp: Extract<Stamp, { kind: 'clock' }>,
	reference: number,
	zone: string
): (dayShift: number) => number {
	const wall = instantToWallTime(reference, zone);
	return (dayShift) =>
		wallTimeToInstant(
			{
				year: wall.year,
				month: wall.month,
				day: wall.day + dayShift,
				hour: stamp.hour,
				minute: stamp.minute,
				second: stamp.second
			},
			zone
		);
}

export type TurnTimes = { ok: true; times: number[] } | { ok: false; line: number; reason: string };

/**
 * An instant for every turn. Full dates are read by the shared date rules; a bare clock
 * (`[10:02]`) takes its date from the turn before it, or from the row's start for the
 * first, moving to the next day when the clock goes backwards (a chat past midnight); a
 * turn without a time shares the time of the turn before it.
 */
export function turnTimes(
	turns: readonly Turn[],
	start: number | null,
	options: { zone: string; order?: DateOrder }
): TurnTimes {
	const times: number[] = [];
	let previous: number | null = null;
	for (const turn of turns) {
		let at: number;
		if (turn.stamp?.kind === 'datetime') {
			const parsed = parseInstant(turn.stamp.raw, { zone: options.zone, order: options.order });
			if (!parsed.ok) return { ok: false, line: turn.line, reason: parsed.reason };
			at = parsed.instant;
		} else if (turn.stamp?.kind === 'clock') {
			const stamp = turn.stamp;
			if (stamp.hour > 23 || stamp.minute > 59 || stamp.second > 59) {
				return { ok: false, line: turn.line, reason: `not a time: '${stamp.raw}'` };
			}
			const reference = previous ?? start;
			if (reference === null) {
				return {
					ok: false,
					line: turn.line,
					reason: `no date for the time '${stamp.raw}': the row has no start time`
				};
			}
			const on = clockOnDayOf(stamp, reference, options.zone);
			at = on(0);
			if (previous !== null) {
				if (at < previous - MINUTE) at = on(1);
			} else if (at < reference - HALF_DAY) at = on(1);
			else if (at > reference + HALF_DAY) at = on(-1);
		} else {
			const reference = previous ?? start;
			if (reference === null) {
				return { ok: false, line: turn.line, reason: 'no time, and the row has no start time' };
			}
			at = reference;
		}
		times.push(at);
		previous = at;
	}
	return { ok: true, times };
}
