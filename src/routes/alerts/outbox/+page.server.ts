import { fail } from '@sveltejs/kit';
import { outboxOverview, retryFailedMessage } from '$lib/server/alerts/service';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => outboxOverview(locals.services.db, 200);

export const actions: Actions = {
	retry: async ({ request, locals }) => {
		const id = Number((await request.formData()).get('id'));
		if (!Number.isInteger(id) || !retryFailedMessage(locals.services.db, id))
			return fail(400, { error: `message #${id} is not a failed message` });
		return { retried: id };
	}
};
