import { fail } from '@sveltejs/kit';
import { outboxOverview, retryFailedMessage } from '$lib/server/alerts/service';
import { readFormData } from '$lib/server/http/forms';
import type { FieldErrors } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => outboxOverview(locals.services.db, 200);

export const actions: Actions = {
	retry: async ({ request, locals }) => {
		const id = Number((await readFormData(request))?.get('id'));
		if (!Number.isInteger(id) || !retryFailedMessage(locals.services.db, id)) {
			const errors: FieldErrors = { id: `message #${id} is not a failed message` };
			return fail(400, { errors });
		}
		return { retried: id };
	}
};
