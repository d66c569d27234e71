import { json } from '@sveltejs/kit';
import { z } from 'zod';
import { fieldErrors } from '$lib/server/http/forms';
import { parseJsonBody } from '$lib/server/http/json-body';
import { actorOf } from '$lib/server/http/session';
import { HeldKeys, importHeldFiles } from '$lib/server/uploads/held';
import { UploadQuery } from '$lib/server/uploads/import-upload';
import type { RequestHandler } from './$types';

const WaitQuery = UploadQuery.pick({ wait: true });

/**
 * POST /api/imports/jobs/<job>/mapped[?wait=0] with `{ files: [key, …] }` (JSON): imports
 * files of an uploaded batch that waited for a column mapping (the keys its job lists under
 * `awaiting`), once the mapping is saved, into the same job and source. Answers as
 * POST /api/imports does: 200 with the report, or with `wait=0` 202 `{ job, progress }`.
 */
export const POST: RequestHandler = async (event) => {
	const query = WaitQuery.safeParse(Object.fromEntries(event.url.searchParams));
	if (!query.success) return json({ errors: fieldErrors(query.error) }, { status: 400 });
	const keys = await parseJsonBody(event.request, HeldKeys);
	if (!keys.ok) return keys.response;
	const job = z
		.string()
		.regex(/^[\w-]{6,40}$/)
		.safeParse(event.params.job);
	if (!job.success) return json({ errors: { job: 'No such job.' } }, { status: 404 });
	const { db, uploadDir } = event.locals.services;
	const result = await importHeldFiles(db, actorOf(event), {
		job: job.data,
		files: keys.data.files,
		dir: uploadDir,
		wait: query.data.wait
	});
	if (!result.ok) return json({ errors: result.errors }, { status: result.status });
	return json(
		{ ...result.value, progress: `/api/imports/jobs/${result.value.job}` },
		{ status: result.value.files ? 200 : 202 }
	);
};
