import { changeOwnPassword, ChangePasswordForm } from '$lib/server/auth/accounts';
import { formAction } from '$lib/server/http/forms';
import { setSessionCookie, userActor } from '$lib/server/http/session';
import { ok } from '$lib/server/result';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({ user: locals.user });

export const actions: Actions = {
	default: formAction(ChangePasswordForm, async (input, event) => {
		const result = await changeOwnPassword(event.locals.services.db, userActor(event), {
			current: input.current,
			next: input.password
		});
		if (!result.ok) return result;
		setSessionCookie(event, result.value.token, result.value.expiresAt);
		return ok({ changed: true });
	})
};
