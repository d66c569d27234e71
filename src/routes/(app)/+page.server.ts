import { reviewPage } from '$lib/server/dashboard/review';
import { ReviewQuery, searchObject } from '$lib/server/dashboard/query';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) =>
	reviewPage(locals.services.db, ReviewQuery.parse(searchObject(url)));
