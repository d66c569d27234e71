import { TrendsQuery, searchObject } from '$lib/server/dashboard/query';
import { trendsPage } from '$lib/server/dashboard/trends';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) =>
	trendsPage(locals.services.db, TrendsQuery.parse(searchObject(url)));
