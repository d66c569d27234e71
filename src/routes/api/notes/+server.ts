import { json } from '@sveltejs/kit';
import {
	AddAnnotationForm,
	addAnnotation,
	recentAnnotations
} from '$lib/server/dashboard/annotations';
import { parseJsonBody } from '$lib/server/http/json-body';
import { actorOf } from '$lib/server/http/session';
import type { RequestHandler } from './$types';

/**
 * Notes on the timeline over HTTP, for a deploy pipeline that notes each bot release itself
 * (an API token with the `notes` scope, or a signed-in analyst).
 *
 * GET /api/notes?weeks=13: `{ notes }`, the last weeks' notes, oldest first.
 * POST /api/notes with `{ day: "2026-11-12", text: "…", source?: "Intercom" }` (JSON):
 * 201 `{ note, message }`, or 400 `{ errors }` naming the field.
 */
export const GET: RequestHandler = ({ locals, url }) => {
	const weeks = Number(url.searchParams.get('weeks') ?? 13);
	if (!Number.isInteger(weeks) || weeks < 1 || weeks > 520)
		return json({ errors: { weeks: 'a whole number of weeks from 1 to 520' } }, { status: 400 });
	return json({ notes: recentAnnotations(locals.services.db, weeks) });
};

export const POST: RequestHandler = async (event) => {
	const input = await parseJsonBody(event.request, AddAnnotationForm);
	if (!input.ok) return input.response;
	const result = addAnnotation(event.locals.services.db, actorOf(event), input.data);
	return result.ok
		? json(result.value, { status: 201 })
		: json({ errors: result.errors }, { status: result.status });
};
