import { reviewPage } from '$lib/server/dashboard/review';
import { ReviewQuery, searchObject } from '$lib/server/dashboard/query';
import type { PageServerLoad } from './$types';

/**
 * The review is text, tables and links, with no chart to draw in the browser: it is sent as
 * plain HTML, without the page's data serialised a second time for hydration. That halves
 * what the server writes per request, and a phone gets the page without running any script.
 */
export const csr = false;

export const load: PageServerLoad = ({ locals, url }) =>
	reviewPage(locals.services.db, ReviewQuery.parse(searchObject(url)));
