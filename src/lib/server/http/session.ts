import type { RequestEvent } from '@sveltejs/kit';
import type { Actor } from '../audit';
import { SESSION_COOKIE } from '../auth/sessions';

/** The cookie and the acting person, as SvelteKit's request event carries them. */

export function setSessionCookie(event: RequestEvent, token: string, expiresAt: number): void {
	event.cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		// Behind HTTPS (ORIGIN=https://…, or PROTOCOL_HEADER from the proxy) the cookie never
		// travels in the clear; on plain http (localhost, a LAN) it could not be set otherwise.
		secure: event.url.protocol === 'https:',
		expires: new Date(expiresAt)
	});
}

export function clearSessionCookie(event: RequestEvent): void {
	event.cookies.delete(SESSION_COOKIE, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: event.url.protocol === 'https:'
	});
}

export function clientAddress(event: RequestEvent): string {
	try {
		return event.getClientAddress();
	} catch {
		return 'unknown';
	}
}

export function actorOf(event: RequestEvent): Actor {
	const address = clientAddress(event);
	const { user, token } = event.locals;
	if (user) return { userId: user.id, label: user.email, address };
	if (token) return { userId: null, label: `token #${token.id} (${token.name})`, address };
	return { userId: null, label: 'anonymous', address };
}

/** The signed-in user's actor; the route policy guarantees there is one. */
export function userActor(event: RequestEvent): Actor & { userId: number } {
	const actor = actorOf(event);
	if (actor.userId === null) throw new Error('this route needs a signed-in user');
	return actor as Actor & { userId: number };
}

/** A safe place to return to after signing in: a path on this site, nothing else. */
export function safeNext(next: string | null): string {
	return next && /^\/(?![/\\])/.test(next) ? next : '/';
}
