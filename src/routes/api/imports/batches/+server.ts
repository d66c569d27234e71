import { json } from '@sveltejs/kit';
import { actorOf } from '$lib/server/http/session';
import { createBatch } from '$lib/server/uploads/batch';
import type { RequestHandler } from './$types';

/**
 * POST /api/imports/batches: a new batch of files to import together (the tables of one
 * export). Answers 201 `{ batch }`; then POST each file to /api/imports/batches/<batch>
 * and start the import with POST /api/imports/batches/<batch>/import.
 */
export const POST: RequestHandler = async (event) => {
	const { batch } = await createBatch(event.locals.services.uploadDir, actorOf(event));
	return json({ batch }, { status: 201 });
};
