import type { Annotation } from '../../domain/annotations';
import type { WeeklyReview } from '../analytics/report';
import type { DbHandle } from '../db/client';
import { ok, refuse, type Result } from '../result';
import { annotationsInWeeks } from './annotations';
import { dashboardBase, isWeek } from './context';
import { reviewOf } from './review';

/** The weekly review as data: what `parity report --json` prints, the week's notes included. */
export type ReviewReport = WeeklyReview & { notes: Annotation[] };

/**
 * The review of the week asked for, else of the week the dashboard opens on (the last
 * complete week with data), for GET /api/report: a BI tool or a bot that posts Monday's
 * review reads the same figures as the page, from the same kept computation.
 */
export function reviewReport(handle: DbHandle, asked: string | null): Result<ReviewReport> {
	// `?week=` (a form left empty) asks for no week in particular, as on the dashboard.
	const requested = asked === '' ? null : asked;
	if (requested !== null && !isWeek(requested))
		return refuse(400, {
			week: `“${requested.slice(0, 20)}” is not a week (they look like 2026-W47)`
		});
	const base = dashboardBase(handle);
	const week = requested ?? base.defaultWeek;
	if (week === null)
		return refuse(404, { week: 'no week has figures yet: import an export first' });
	return ok({ ...reviewOf(handle, base, week), notes: annotationsInWeeks(handle, week, week) });
}
