import { z } from 'zod';
import { Role } from '../../domain/roles';
import { audit, type Actor } from '../audit';
import type { DbHandle } from '../db/client';
import {
	countOtherActiveAdmins,
	findUserByEmail,
	getUser,
	getUserRow,
	insertFirstUser,
	insertUser,
	listUsers,
	setLastLogin,
	setUserDisabled,
	setUserPassword,
	setUserRole,
	type UserSummary
} from '../db/repos/users';
import { ok, refuse, type Result } from '../result';
import {
	hashPassword,
	needsRehash,
	PASSWORD_MAX,
	PASSWORD_MIN,
	verifyDummy,
	verifyPassword
} from './password';
import { endSession, endUserSessions, startSession, type SessionUser } from './sessions';
import { setupCodeMatches, setupOpen, type SetupState } from './setup';
import { describeWait, noteFailure, noteSuccess, throttledFor } from './throttle';

/** Accounts: sign-in, the first admin, and the admin's user management. */

export const Email = z
	.string()
	.trim()
	.toLowerCase()
	.max(254, 'at most 254 characters')
	.pipe(z.email('not an email address'));
export const Password = z
	.string()
	.min(PASSWORD_MIN, `at least ${PASSWORD_MIN} characters`)
	.max(PASSWORD_MAX, `at most ${PASSWORD_MAX} characters`);
export const DisplayName = z
	.string()
	.trim()
	.max(100, 'at most 100 characters')
	.transform((value) => (value === '' ? null : value));

export const NewUser = z.object({
	email: Email,
	name: DisplayName.optional().transform((value) => value ?? null),
	role: Role,
	password: Password
});
export type NewUser = z.output<typeof NewUser>;

const INVALID_SIGN_IN = 'Email or password is incorrect.';

export function usersForAdmin(handle: DbHandle): UserSummary[] {
	return listUsers(handle);
}

export async function signIn(
	handle: DbHandle,
	input: { email: string; password: string },
	address: string,
	now = Date.now()
): Promise<Result<{ user: SessionUser; token: string; expiresAt: number }>> {
	const subject = { account: input.email, address };
	const wait = throttledFor(handle, subject, now);
	if (wait > 0) {
		return refuse(429, {
			form: `Too many failed sign-ins. Try again in ${describeWait(wait)}.`
		});
	}
	const user = findUserByEmail(handle, input.email);
	// Unknown accounts cost the same scrypt as known ones, so timing tells nothing either.
	const valid = user
		? await verifyPassword(input.password, user.passwordHash)
		: await verifyDummy(input.password);
	if (!user || !valid || user.disabledAt !== null) {
		noteFailure(handle, subject, now);
		const anonymous = { userId: null, label: 'anonymous', address };
		// What was typed is kept only when it names a real account: it may be a password.
		const target = user ? user.email : null;
		const reason = user
			? { reason: user.disabledAt !== null ? 'disabled' : 'wrong password' }
			: null;
		audit(handle, anonymous, 'auth.login_failed', target, reason, now);
		// Recorded once, when the lock engages: refused attempts after it write nothing,
		// so an attack cannot fill the log.
		if (throttledFor(handle, subject, now) > 0) {
			audit(handle, anonymous, 'auth.throttled', target, null, now);
		}
		return refuse(400, { form: INVALID_SIGN_IN });
	}
	noteSuccess(handle, input.email);
	setLastLogin(handle, user.id, now);
	if (needsRehash(user.passwordHash)) {
		setUserPassword(handle, user.id, await hashPassword(input.password), user.passwordChangedAt);
	}
	const session = startSession(handle, user.id, now);
	audit(
		handle,
		{ userId: user.id, label: user.email, address },
		'auth.login',
		user.email,
		null,
		now
	);
	return ok({
		user: { id: user.id, email: user.email, name: user.name, role: user.role },
		...session
	});
}

/** The first admin of a fresh installation, created with the setup code from the log. */
export async function createFirstAdmin(
	handle: DbHandle,
	setup: SetupState,
	input: { code: string; email: string; name: string | null; password: string },
	address: string,
	now = Date.now()
): Promise<Result<{ user: SessionUser; token: string; expiresAt: number }>> {
	if (!setupOpen(handle, setup))
		return refuse(409, { form: 'This installation is already set up.' });
	const wait = throttledFor(handle, { address }, now);
	if (wait > 0)
		return refuse(429, { form: `Too many wrong codes. Try again in ${describeWait(wait)}.` });
	if (!setupCodeMatches(setup, input.code)) {
		noteFailure(handle, { address }, now);
		return refuse(400, { code: 'Not the setup code printed in the server log.' });
	}
	const passwordHash = await hashPassword(input.password);
	const id = insertFirstUser(handle, {
		email: input.email,
		name: input.name,
		role: 'admin',
		passwordHash,
		now
	});
	if (id === null) return refuse(409, { form: 'This installation is already set up.' });
	setup.code = null;
	const actor = { userId: id, label: input.email, address };
	audit(handle, actor, 'auth.setup', input.email, { role: 'admin' }, now);
	setLastLogin(handle, id, now);
	const session = startSession(handle, id, now);
	return ok({ user: { id, email: input.email, name: input.name, role: 'admin' }, ...session });
}

export async function createUser(
	handle: DbHandle,
	actor: Actor,
	input: NewUser,
	now = Date.now()
): Promise<Result<UserSummary>> {
	if (findUserByEmail(handle, input.email)) {
		return refuse(409, { email: 'An account with this email exists.' });
	}
	const passwordHash = await hashPassword(input.password);
	// A second check: another request may have added the same email while scrypt ran.
	if (findUserByEmail(handle, input.email)) {
		return refuse(409, { email: 'An account with this email exists.' });
	}
	const id = insertUser(handle, { ...input, passwordHash, now });
	audit(handle, actor, 'user.create', input.email, { role: input.role }, now);
	return ok(getUser(handle, id) as UserSummary);
}

function userOrRefuse(handle: DbHandle, userId: number): Result<UserSummary> {
	const user = getUser(handle, userId);
	return user ? ok(user) : refuse(404, { form: 'No such user.' });
}

export function changeRole(
	handle: DbHandle,
	actor: Actor,
	userId: number,
	role: Role
): Result<UserSummary> {
	const found = userOrRefuse(handle, userId);
	if (!found.ok) return found;
	const user = found.value;
	if (user.role === role) return ok(user);
	if (
		user.role === 'admin' &&
		user.disabledAt === null &&
		countOtherActiveAdmins(handle, userId) === 0
	) {
		return refuse(409, { form: 'This is the last active admin: make someone else admin first.' });
	}
	setUserRole(handle, userId, role);
	audit(handle, actor, 'user.role', user.email, { from: user.role, to: role });
	return ok({ ...user, role });
}

export function setDisabled(
	handle: DbHandle,
	actor: Actor,
	userId: number,
	disabled: boolean,
	now = Date.now()
): Result<UserSummary> {
	const found = userOrRefuse(handle, userId);
	if (!found.ok) return found;
	const user = found.value;
	if ((user.disabledAt !== null) === disabled) return ok(user);
	if (disabled && actor.userId === userId) {
		return refuse(409, { form: 'You cannot disable your own account.' });
	}
	if (disabled && user.role === 'admin' && countOtherActiveAdmins(handle, userId) === 0) {
		return refuse(409, { form: 'This is the last active admin.' });
	}
	setUserDisabled(handle, userId, disabled ? now : null);
	if (disabled) endUserSessions(handle, userId);
	audit(handle, actor, disabled ? 'user.disable' : 'user.enable', user.email, null, now);
	return ok({ ...user, disabledAt: disabled ? now : null });
}

/** An admin sets a new password for someone; all of that user's sessions end. */
export async function resetPassword(
	handle: DbHandle,
	actor: Actor,
	userId: number,
	password: string,
	now = Date.now()
): Promise<Result<UserSummary>> {
	const found = userOrRefuse(handle, userId);
	if (!found.ok) return found;
	setUserPassword(handle, userId, await hashPassword(password), now);
	const ended = endUserSessions(handle, userId);
	audit(handle, actor, 'user.password_reset', found.value.email, { sessionsEnded: ended }, now);
	return ok(found.value);
}

/**
 * A user changes their own password: every session of theirs ends (a thief's too), and
 * the browser they changed it in gets a fresh one.
 */
export async function changeOwnPassword(
	handle: DbHandle,
	actor: Actor & { userId: number },
	input: { current: string; next: string },
	now = Date.now()
): Promise<Result<{ token: string; expiresAt: number }>> {
	const user = getUserRow(handle, actor.userId);
	if (!user || user.disabledAt !== null) return refuse(404, { form: 'No such user.' });
	if (!(await verifyPassword(input.current, user.passwordHash))) {
		return refuse(400, { current: 'Not your current password.' });
	}
	if (input.current === input.next) {
		return refuse(400, { next: 'Choose a password different from the current one.' });
	}
	setUserPassword(handle, user.id, await hashPassword(input.next), now);
	const ended = endUserSessions(handle, user.id);
	audit(handle, actor, 'user.password_change', user.email, { sessionsEnded: ended }, now);
	return ok(startSession(handle, user.id, now));
}

// --- forms ---------------------------------------------------------------------------

/** Sign-in does not judge the email's shape: every mismatch gets the same answer. */
export const SignInForm = z.object({
	email: z.string().trim().toLowerCase().min(1, 'enter your email').max(254, 'too long'),
	password: z.string().min(1, 'enter your password').max(PASSWORD_MAX, 'too long')
});

function confirmed<T extends { password: string; confirm: string }>(value: T) {
	return value.password === value.confirm;
}
const mismatch = { message: 'the two passwords differ', path: ['confirm'] };

export const SetupForm = z
	.object({
		code: z.string().trim().min(1, 'enter the setup code from the server log').max(40),
		email: Email,
		name: DisplayName.optional().transform((value) => value ?? null),
		password: Password,
		confirm: z.string().max(PASSWORD_MAX)
	})
	.refine(confirmed, mismatch);

export const UserIdForm = z.object({
	id: z.coerce.number({ error: 'no such user' }).int('no such user').positive('no such user')
});

export const RoleForm = UserIdForm.extend({ role: Role });

export const ResetPasswordForm = UserIdForm.extend({
	password: Password,
	confirm: z.string().max(PASSWORD_MAX)
}).refine(confirmed, mismatch);

export const ChangePasswordForm = z
	.object({
		current: z.string().min(1, 'enter your current password').max(PASSWORD_MAX),
		password: Password,
		confirm: z.string().max(PASSWORD_MAX)
	})
	.refine(confirmed, mismatch);

export function signOut(handle: DbHandle, actor: Actor, token: string | null): void {
	if (token === null) return;
	endSession(handle, token);
	audit(handle, actor, 'auth.logout', actor.label);
}
