import { redirect } from '@sveltejs/kit';
import { createFirstAdmin, SetupForm } from '$lib/server/auth/accounts';
import { setupOpen } from '$lib/server/auth/setup';
import { formAction } from '$lib/server/http/forms';
import { clientAddress, setSessionCookie } from '$lib/server/http/session';
import type { Result } from '$lib/server/result';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (!setupOpen(locals.services.db, locals.services.setup)) redirect(303, '/login');
	return {};
};

export const actions: Actions = {
	default: formAction(SetupForm, async (input, event): Promise<Result<never>> => {
		const { db, setup } = event.locals.services;
		const result = await createFirstAdmin(db, setup, input, clientAddress(event));
		if (!result.ok) return result;
		setSessionCookie(event, result.value.token, result.value.expiresAt);
		// Users first, to add the team; the page greets the new admin and links the dashboard.
		redirect(303, '/admin/users?welcome');
	})
};
