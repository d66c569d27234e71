import { gapsPage } from '$lib/server/dashboard/gaps';
import { GapsQuery, searchObject } from '$lib/server/dashboard/query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) =>
	gapsPage(locals.services.db, GapsQuery.parse(searchObject(url)));
