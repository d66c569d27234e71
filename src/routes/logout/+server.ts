import { redirect } from '@sveltejs/kit';
import { signOut } from '$lib/server/auth/accounts';
import { SESSION_COOKIE } from '$lib/server/auth/sessions';
import { actorOf, clearSessionCookie } from '$lib/server/http/session';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = (event) => {
	signOut(event.locals.services.db, actorOf(event), event.cookies.get(SESSION_COOKIE) ?? null);
	clearSessionCookie(event);
	redirect(303, '/login');
};
