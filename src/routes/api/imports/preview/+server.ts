import { json } from '@sveltejs/kit';
import { PreviewQuery, previewUpload } from '$lib/server/dashboard/imports';
import { fieldErrors } from '$lib/server/http/forms';
import type { RequestHandler } from './$types';

/**
 * POST /api/imports/preview?filename=…[&source=…][&format=…] with the first bytes of a file
 * (up to 64 KB): its format, and for a CSV file its header, first rows, the proposed
 * mapping and whether the analyst must map columns before it can be imported.
 */
export const POST: RequestHandler = async ({ locals, request, url }) => {
	const query = PreviewQuery.safeParse(Object.fromEntries(url.searchParams));
	if (!query.success) return json({ errors: fieldErrors(query.error) }, { status: 400 });
	const result = await previewUpload(locals.services.db, {
		body: request.body,
		query: query.data,
		dir: locals.services.uploadDir
	});
	return result.ok
		? json(result.value)
		: json({ errors: result.errors }, { status: result.status });
};
