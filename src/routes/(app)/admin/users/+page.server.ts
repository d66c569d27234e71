import {
	changeRole,
	createUser,
	NewUser,
	resetPassword,
	ResetPasswordForm,
	RoleForm,
	setDisabled,
	UserIdForm,
	usersForAdmin
} from '$lib/server/auth/accounts';
import { formAction } from '$lib/server/http/forms';
import { actorOf } from '$lib/server/http/session';
import { ok } from '$lib/server/result';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({
	users: usersForAdmin(locals.services.db),
	me: locals.user?.id ?? null
});

const done = (message: string) => ok({ done: message });

export const actions: Actions = {
	create: formAction(NewUser, async (input, event) => {
		const result = await createUser(event.locals.services.db, actorOf(event), input);
		return result.ok ? done(`Added ${result.value.email} as ${result.value.role}.`) : result;
	}),
	role: formAction(RoleForm, (input, event) => {
		const result = changeRole(event.locals.services.db, actorOf(event), input.id, input.role);
		return result.ok ? done(`${result.value.email} is now ${result.value.role}.`) : result;
	}),
	disable: formAction(UserIdForm, (input, event) => {
		const result = setDisabled(event.locals.services.db, actorOf(event), input.id, true);
		return result.ok ? done(`Disabled ${result.value.email}; their sessions ended.`) : result;
	}),
	enable: formAction(UserIdForm, (input, event) => {
		const result = setDisabled(event.locals.services.db, actorOf(event), input.id, false);
		return result.ok ? done(`Enabled ${result.value.email}.`) : result;
	}),
	reset: formAction(ResetPasswordForm, async (input, event) => {
		const db = event.locals.services.db;
		const result = await resetPassword(db, actorOf(event), input.id, input.password);
		return result.ok
			? done(`New password set for ${result.value.email}; their sessions ended.`)
			: result;
	})
};
