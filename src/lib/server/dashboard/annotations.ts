import { z } from 'zod';
import { AnnotationInput, weekOfDay, type Annotation } from '../../domain/annotations';
import { addWeeks, calendarDay, isoWeekOf, isoWeekStart } from '../../domain/time';
import { audit, type Actor } from '../audit';
import type { DbHandle } from '../db/client';
import {
	annotationsBetween,
	deleteAnnotation,
	getAnnotation,
	insertAnnotation
} from '../db/repos/annotations';
import { getSetting } from '../db/repos/settings';
import { sourceIdByName } from '../db/repos/sources';
import { ok, refuse, type Result } from '../result';

/** Annotations: what changed in the support operation, noted by analysts, read by everyone. */

export const AddAnnotationForm = AnnotationInput;
export const RemoveAnnotationForm = z.object({
	annotation: z.coerce.number({ error: 'not an annotation' }).int().positive()
});

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The annotations of the ISO weeks `from` to `to` (labels, both included), oldest first; with
 * `source`, those about it and about the whole operation.
 */
export function annotationsInWeeks(
	handle: DbHandle,
	from: string,
	to: string,
	source: string | null = null
): Annotation[] {
	// A day is in one ISO week in every zone: the weeks' first and last days, read in UTC.
	const firstDay = calendarDay(isoWeekStart(from, 'UTC'), 'UTC');
	const lastDay = calendarDay(isoWeekStart(to, 'UTC') + 6 * DAY_MS, 'UTC');
	return annotationsBetween(handle, firstDay, lastDay, source).map((stored) => ({
		...stored,
		week: weekOfDay(stored.day)
	}));
}

/** The annotations of the last `weeks` weeks, this one included (weeks in the organisation's zone). */
export function recentAnnotations(handle: DbHandle, weeks: number, now = Date.now()): Annotation[] {
	const thisWeek = isoWeekOf(now, getSetting(handle, 'org.timeZone'));
	return annotationsInWeeks(handle, addWeeks(thisWeek, 1 - weeks), thisWeek);
}

export function addAnnotation(
	handle: DbHandle,
	actor: Actor,
	input: z.output<typeof AddAnnotationForm>,
	now = Date.now()
): Result<{ note: Annotation; message: string }> {
	const sourceId = input.source === null ? null : sourceIdByName(handle, input.source);
	if (sourceId === null && input.source !== null)
		return refuse(400, { source: `no source is called “${input.source}”` });
	const id = insertAnnotation(handle, {
		day: input.day,
		text: input.text,
		sourceId,
		createdBy: actor.userId,
		now
	});
	audit(handle, actor, 'annotation.change', `#${id}`, { added: input }, now);
	const about = input.source === null ? '' : ` for ${input.source}`;
	const week = weekOfDay(input.day);
	return ok({
		note: { ...getAnnotation(handle, id)!, week },
		message: `Noted “${input.text}”${about} on ${input.day} (${week}).`
	});
}

export function removeAnnotation(
	handle: DbHandle,
	actor: Actor,
	input: z.output<typeof RemoveAnnotationForm>
): Result<{ message: string }> {
	const stored = getAnnotation(handle, input.annotation);
	if (!stored || !deleteAnnotation(handle, input.annotation))
		return refuse(404, { form: 'That note no longer exists.' });
	audit(handle, actor, 'annotation.change', `#${input.annotation}`, {
		removed: { day: stored.day, text: stored.text }
	});
	return ok({ message: `Removed “${stored.text}”.` });
}
