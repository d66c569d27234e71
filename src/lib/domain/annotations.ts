import { z } from 'zod';
import { isoWeekOf } from './time';

/**
 * An annotation: something that changed in the support operation on a day (the bot moved to a
 * new model, a help-centre article went live, the team was short-staffed), marked on the
 * trends so that a regression can be read against what happened that week. A calendar day in
 * the organisation's own terms, not an instant: "we switched on the 12th".
 */

export const ANNOTATION_TEXT_MAX = 140;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `text` is a real calendar day written YYYY-MM-DD (no 31 February). */
export function isCalendarDay(text: string): boolean {
	const match = DAY.exec(text);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/** The ISO week (Monday start) a calendar day falls in: a day belongs to one week in every zone. */
export function weekOfDay(day: string): string {
	if (!isCalendarDay(day)) throw new Error(`not a calendar day: '${day}' (expected YYYY-MM-DD)`);
	const [year, month, date] = day.split('-').map(Number) as [number, number, number];
	return isoWeekOf(Date.UTC(year, month - 1, date, 12), 'UTC');
}

export const AnnotationInput = z.object({
	day: z.string().trim().refine(isCalendarDay, 'a day written YYYY-MM-DD, such as 2026-11-12'),
	text: z
		.string()
		.trim()
		.min(1, 'say what changed, such as “Fin moved to the new model”')
		.max(ANNOTATION_TEXT_MAX, `at most ${ANNOTATION_TEXT_MAX} characters`),
	/** The source it is about, by name; none (the whole operation) when empty. */
	source: z
		.string()
		.trim()
		.max(200)
		.optional()
		.transform((name) => name || null)
});
export type AnnotationInput = z.output<typeof AnnotationInput>;

/** An annotation as the pages show it. */
export interface Annotation {
	id: number;
	day: string;
	week: string;
	text: string;
	/** The source it is about; null: the whole operation. */
	source: string | null;
	/** Who noted it (their address); null when nobody signed in did (the demo's notes). */
	author: string | null;
}
