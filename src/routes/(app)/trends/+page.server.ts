import { CHANNELS } from '$lib/domain/conversation';
import {
	TREND_SPANS,
	TrendsQuery,
	ignoredParameters,
	oneOf,
	searchObject
} from '$lib/server/dashboard/query';
import { trendsPage } from '$lib/server/dashboard/trends';
import { count } from '$lib/plural';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const raw = searchObject(url);
	const query = TrendsQuery.parse(raw);
	const page = trendsPage(locals.services.db, query);
	if (page.state !== 'ready') return { ...page, ignored: [] };
	return {
		...page,
		ignored: ignoredParameters(raw, query, {
			weeks: `not ${oneOf(TREND_SPANS)}; showing ${count(page.span, 'week')}`,
			channel: `not ${oneOf(CHANNELS)}; showing all channels`,
			topic: 'not a topic name; showing all topics',
			source: 'not a source name; showing all sources'
		})
	};
};
