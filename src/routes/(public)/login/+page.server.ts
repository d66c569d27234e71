import { redirect } from '@sveltejs/kit';
import { signIn, SignInForm } from '$lib/server/auth/accounts';
import { setupOpen } from '$lib/server/auth/setup';
import { formAction } from '$lib/server/http/forms';
import { clientAddress, safeNext, setSessionCookie } from '$lib/server/http/session';
import type { Result } from '$lib/server/result';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (setupOpen(locals.services.db, locals.services.setup)) redirect(303, '/setup');
	if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
	return {};
};

export const actions: Actions = {
	default: formAction(SignInForm, async (input, event): Promise<Result<never>> => {
		const result = await signIn(event.locals.services.db, input, clientAddress(event));
		if (!result.ok) return result;
		setSessionCookie(event, result.value.token, result.value.expiresAt);
		redirect(303, safeNext(event.url.searchParams.get('next')));
	})
};
