import { json } from '@sveltejs/kit';
import { fieldErrors } from '$lib/server/http/forms';
import { actorOf } from '$lib/server/http/session';
import { startBatch } from '$lib/server/uploads/batch';
import { UploadQuery } from '$lib/server/uploads/import-upload';
import type { RequestHandler } from './$types';

const JobQuery = UploadQuery.pick({ format: true, source: true, wait: true });

/**
 * POST /api/imports/batches/<batch>/import[?format=…][&source=…][&wait=0]: imports the
 * batch's files as one job, as `parity import` reads the files of a folder. Answers as
 * POST /api/imports does: 200 with the report, or with `wait=0` 202 `{ job, progress }`.
 */
export const POST: RequestHandler = async (event) => {
	const query = JobQuery.safeParse(Object.fromEntries(event.url.searchParams));
	if (!query.success) return json({ errors: fieldErrors(query.error) }, { status: 400 });
	const { db, uploadDir } = event.locals.services;
	const result = await startBatch(db, actorOf(event), {
		batch: event.params.batch,
		dir: uploadDir,
		query: query.data
	});
	if (!result.ok) return json({ errors: result.errors }, { status: result.status });
	return json(
		{ ...result.value, progress: `/api/imports/jobs/${result.value.job}` },
		{ status: result.value.files ? 200 : 202 }
	);
};
