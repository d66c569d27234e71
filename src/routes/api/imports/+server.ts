import { json } from '@sveltejs/kit';
import { fieldErrors } from '$lib/server/http/forms';
import { actorOf } from '$lib/server/http/session';
import { importUpload, UploadQuery } from '$lib/server/uploads/import-upload';
import type { RequestHandler } from './$types';

/**
 * POST /api/imports?filename=export.ndjson[&format=…][&source=…] with the file as the body.
 * Answers the import report: `{ files: [...] }` (docs in README, Importing).
 */
export const POST: RequestHandler = async (event) => {
	const query = UploadQuery.safeParse(Object.fromEntries(event.url.searchParams));
	if (!query.success) return json({ errors: fieldErrors(query.error) }, { status: 400 });
	const { db, uploadDir } = event.locals.services;
	const length = event.request.headers.get('content-length');
	const result = await importUpload(db, actorOf(event), {
		body: event.request.body,
		declaredBytes: length === null ? null : Number(length),
		query: query.data,
		dir: uploadDir,
		signal: event.request.signal
	});
	return result.ok
		? json(result.value)
		: json({ errors: result.errors }, { status: result.status });
};
