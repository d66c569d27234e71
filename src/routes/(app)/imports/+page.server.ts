import { z } from 'zod';
import { deleteMapping, importsPage } from '$lib/server/dashboard/imports';
import { formAction } from '$lib/server/http/forms';
import { userActor } from '$lib/server/http/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = (event) =>
	importsPage(event.locals.services.db, userActor(event).label);

export const actions: Actions = {
	deleteMapping: formAction(z.object({ id: z.coerce.number().int().positive() }), (input, event) =>
		deleteMapping(event.locals.services.db, userActor(event), input.id)
	)
};
