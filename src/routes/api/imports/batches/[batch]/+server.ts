import { json } from '@sveltejs/kit';
import { fieldErrors } from '$lib/server/http/forms';
import { actorOf } from '$lib/server/http/session';
import { addBatchFile, BatchFileQuery, discardBatch } from '$lib/server/uploads/batch';
import type { RequestHandler } from './$types';

/** POST /api/imports/batches/<batch>?filename=… with one file of the batch as the body. */
export const POST: RequestHandler = async (event) => {
	const query = BatchFileQuery.safeParse(Object.fromEntries(event.url.searchParams));
	if (!query.success) return json({ errors: fieldErrors(query.error) }, { status: 400 });
	const { db, uploadDir } = event.locals.services;
	const length = event.request.headers.get('content-length');
	const result = await addBatchFile(db, actorOf(event), {
		batch: event.params.batch,
		body: event.request.body,
		declaredBytes: length === null ? null : Number(length),
		fileName: query.data.filename,
		dir: uploadDir,
		signal: event.request.signal
	});
	return result.ok
		? json(result.value)
		: json({ errors: result.errors }, { status: result.status });
};

/** DELETE /api/imports/batches/<batch>: cancels a batch before its import starts. */
export const DELETE: RequestHandler = async (event) => {
	const result = await discardBatch(
		event.locals.services.uploadDir,
		event.params.batch,
		actorOf(event)
	);
	return result.ok
		? json(result.value)
		: json({ errors: result.errors }, { status: result.status });
};
