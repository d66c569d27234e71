import { csvResponse } from '$lib/server/http/csv';
import { gapsCsv } from '$lib/server/dashboard/gaps';
import { GapsQuery, searchObject } from '$lib/server/dashboard/query';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = ({ locals, url }) =>
	csvResponse(gapsCsv(locals.services.db, GapsQuery.parse(searchObject(url))));
