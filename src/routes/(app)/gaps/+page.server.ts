import { CHANNELS } from '$lib/domain/conversation';
import { gapsPage } from '$lib/server/dashboard/gaps';
import {
	GAP_SPANS,
	GapsQuery,
	ignoredParameters,
	oneOf,
	searchObject
} from '$lib/server/dashboard/query';
import { count } from '$lib/plural';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const raw = searchObject(url);
	const query = GapsQuery.parse(raw);
	const page = gapsPage(locals.services.db, query);
	if (page.state !== 'ready') return { ...page, ignored: [] };
	return {
		...page,
		ignored: ignoredParameters(raw, query, {
			weeks: `not ${oneOf(GAP_SPANS)}; showing ${count(page.span, 'week')}`,
			channel: `not ${oneOf(CHANNELS)}; showing all channels`,
			source: 'not a source name; showing all sources',
			colour: `not raw or adjusted; showing ${page.filters.colour}`
		})
	};
};
