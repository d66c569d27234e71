import { CHANNELS } from '$lib/domain/conversation';
import {
	TREND_SPANS,
	TrendsQuery,
	ignoredParameters,
	oneOf,
	searchObject
} from '$lib/server/dashboard/query';
import { trendsPage } from '$lib/server/dashboard/trends';
import {
	AddAnnotationForm,
	addAnnotation,
	RemoveAnnotationForm,
	removeAnnotation
} from '$lib/server/dashboard/annotations';
import { formAction } from '$lib/server/http/forms';
import { userActor } from '$lib/server/http/session';
import { count } from '$lib/plural';
import type { Actions, PageServerLoad } from './$types';

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

export const actions: Actions = {
	addNote: formAction(AddAnnotationForm, (input, event) =>
		addAnnotation(event.locals.services.db, userActor(event), input)
	),
	removeNote: formAction(RemoveAnnotationForm, (input, event) =>
		removeAnnotation(event.locals.services.db, userActor(event), input)
	)
};
