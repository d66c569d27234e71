import { json } from '@sveltejs/kit';
import { reviewReport } from '$lib/server/dashboard/review-report';
import type { RequestHandler } from './$types';

/**
 * The weekly review as JSON, the document `parity report --json` prints, for a BI tool or
 * a bot that posts Monday's review (an API token with the `report` scope, or any signed-in
 * user). GET /api/report?week=2026-W47; without `week`, the week the dashboard opens on.
 * 400 `{ errors: { week } }` for a week that is no week; 404 while no week has figures.
 */
export const GET: RequestHandler = ({ locals, url }) => {
	const result = reviewReport(locals.services.db, url.searchParams.get('week'));
	return result.ok
		? json(result.value)
		: json({ errors: result.errors }, { status: result.status });
};
