import { csvResponse } from '$lib/server/http/csv';
import { searchObject, TrendsCsvQuery } from '$lib/server/dashboard/query';
import { trendsCsv } from '$lib/server/dashboard/trends';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, url }) => {
	const query = TrendsCsvQuery.safeParse(searchObject(url));
	return csvResponse(query.success ? trendsCsv(locals.services.db, query.data) : null);
};
