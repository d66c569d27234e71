import { formAction } from '$lib/server/http/forms';
import { actorOf } from '$lib/server/http/session';
import { removeSources, SourceRemovalForm, storedSources } from '$lib/server/remove-sources';
import { ok } from '$lib/server/result';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) => ({
	sources: storedSources(event.locals.services.db)
});

export const actions: Actions = {
	remove: formAction(SourceRemovalForm, (input, event) => {
		const result = removeSources(event.locals.services.db, actorOf(event), [input.source]);
		return result.ok ? ok({ removed: result.value }) : result;
	})
};
