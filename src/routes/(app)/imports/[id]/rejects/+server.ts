import { error } from '@sveltejs/kit';
import { rejectsCsvLines, rejectsCsvName } from '$lib/server/dashboard/rejects-csv';
import { csvStream } from '$lib/server/http/csv';
import type { RequestHandler } from './$types';

/** Every reject of an import as a CSV file, streamed page by page. */
export const GET: RequestHandler = ({ locals, params }) => {
	const id = Number(params.id);
	const name = Number.isSafeInteger(id) ? rejectsCsvName(locals.services.db, id) : null;
	if (name === null) error(404, 'There is no such import.');
	return csvStream(rejectsCsvLines(locals.services.db, id), name);
};
