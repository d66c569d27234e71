import { json } from '@sveltejs/kit';
import { MappingInput, saveMapping } from '$lib/server/dashboard/imports';
import { parseJsonBody } from '$lib/server/http/json-body';
import { userActor } from '$lib/server/http/session';
import type { RequestHandler } from './$types';

/**
 * POST /api/imports/mappings with `{ source, headers, mapping }` (JSON): saves the analyst's
 * column mapping for files with this header from this source.
 */
export const POST: RequestHandler = async (event) => {
	const input = await parseJsonBody(event.request, MappingInput);
	if (!input.ok) return input.response;
	const result = saveMapping(event.locals.services.db, userActor(event), input.data);
	return result.ok
		? json(result.value)
		: json({ errors: result.errors }, { status: result.status });
};
