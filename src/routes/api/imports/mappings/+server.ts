import { json } from '@sveltejs/kit';
import { MappingInput, saveMapping } from '$lib/server/dashboard/imports';
import { fieldErrors } from '$lib/server/http/forms';
import { userActor } from '$lib/server/http/session';
import type { RequestHandler } from './$types';

/**
 * POST /api/imports/mappings with `{ source, headers, mapping }` (JSON): saves the analyst's
 * column mapping for files with this header from this source.
 */
export const POST: RequestHandler = async (event) => {
	let body: unknown;
	try {
		body = await event.request.json();
	} catch {
		return json({ errors: { form: 'The body is not JSON.' } }, { status: 400 });
	}
	const input = MappingInput.safeParse(body);
	if (!input.success) return json({ errors: fieldErrors(input.error) }, { status: 400 });
	const result = saveMapping(event.locals.services.db, userActor(event), input.data);
	return result.ok
		? json(result.value)
		: json({ errors: result.errors }, { status: result.status });
};
