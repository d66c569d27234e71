import type { Role } from '../../domain/roles';
import type { DbHandle } from '../db/client';
import {
	deleteSession,
	deleteStaleSessions,
	deleteUserSessions,
	findSession,
	insertSession,
	touchSession
} from '../db/repos/sessions';
import { randomToken, tokenHash } from './tokens';

/**
 * Sessions: the cookie holds a random 256-bit token, the database its SHA-256. A session
 * ends after SESSION_IDLE_MS without a request, after SESSION_ABSOLUTE_MS whatever
 * happens, on sign-out, and when the user's password changes or the user is disabled.
 * Eight hours idle is a working day at the dashboard; a week absolute makes a stolen
 * cookie worth a week at most.
 */
export const SESSION_COOKIE = 'parity_session';
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** Activity is written at most this often, not on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

export interface SessionUser {
	id: number;
	email: string;
	name: string | null;
	role: Role;
}

export interface ResumedSession {
	/** The stored id (the token's hash): what may be logged or compared, never the token. */
	id: string;
	user: SessionUser;
	expiresAt: number;
}

export function startSession(
	handle: DbHandle,
	userId: number,
	now = Date.now()
): { token: string; expiresAt: number } {
	const token = randomToken();
	const expiresAt = now + SESSION_ABSOLUTE_MS;
	deleteStaleSessions(handle, now, SESSION_IDLE_MS);
	insertSession(handle, { id: tokenHash(token), userId, now, expiresAt });
	return { token, expiresAt };
}

/** The session a cookie's token belongs to, if it is still valid; an expired one is removed. */
export function resumeSession(
	handle: DbHandle,
	token: string,
	now = Date.now()
): ResumedSession | null {
	if (token.length < 20 || token.length > 100) return null;
	const id = tokenHash(token);
	const row = findSession(handle, id);
	if (!row) return null;
	if (row.disabledAt !== null || now >= row.expiresAt || now - row.lastSeenAt >= SESSION_IDLE_MS) {
		deleteSession(handle, id);
		return null;
	}
	if (now - row.lastSeenAt >= TOUCH_EVERY_MS) touchSession(handle, id, now);
	return {
		id,
		user: { id: row.userId, email: row.email, name: row.name, role: row.role },
		expiresAt: row.expiresAt
	};
}

export function endSession(handle: DbHandle, token: string): void {
	deleteSession(handle, tokenHash(token));
}

/** Ends every session of a user (password change, reset, disable). */
export function endUserSessions(handle: DbHandle, userId: number): number {
	return deleteUserSessions(handle, userId);
}
