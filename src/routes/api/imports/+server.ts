import { json } from '@sveltejs/kit';
import { fieldErrors } from '$lib/server/http/forms';
import { actorOf } from '$lib/server/http/session';
import { importUpload, UploadQuery } from '$lib/server/uploads/import-upload';
import type { RequestHandler } from './$types';

/**
 * POST /api/imports?filename=export.ndjson[&format=…][&source=…][&wait=0] with the file as
 * the body. Answers 200 `{ job, files: [...] }`, the import report, when it has finished; with
 * `wait=0`, 202 `{ job, progress }` as soon as the file is stored and its import started (poll
 * GET /api/imports/jobs/<job>) (docs in README).
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
	if (!result.ok) return json({ errors: result.errors }, { status: result.status });
	return json(
		{ ...result.value, progress: `/api/imports/jobs/${result.value.job}` },
		{ status: result.value.files ? 200 : 202 }
	);
};
