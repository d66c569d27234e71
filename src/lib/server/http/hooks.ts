import { json, type Handle, type RequestEvent } from '@sveltejs/kit';
import { roleAllows } from '../../domain/roles';
import { authenticateBearer } from '../auth/api-tokens';
import { requirementFor, ROUTE_POLICIES } from '../auth/policy';
import { resumeSession, SESSION_COOKIE } from '../auth/sessions';
import { setupOpen } from '../auth/setup';
import { startServices } from '../services';
import { FORM_BODY_LIMIT } from './forms';
import { clearSessionCookie } from './session';
import { statusPage } from './status-page';

/**
 * The request pipeline, composed with `sequence` in hooks.server.ts: security headers
 * around everything, then services, then who is asking, then the one guard that decides
 * whether they may — for every route, page, form action, data request and endpoint.
 */

const FALLBACK_CSP =
	"default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export const securityHeaders: Handle = async ({ event, resolve }) => {
	let response = await resolve(event);
	try {
		response.headers.set('X-Content-Type-Options', 'nosniff');
	} catch {
		// Headers of some responses (Response.redirect, fetched ones) are immutable: copy.
		response = new Response(response.body, response);
		response.headers.set('X-Content-Type-Options', 'nosniff');
	}
	const headers = response.headers;
	// Not no-referrer: with it, browsers send `Origin: null` on same-origin form posts,
	// which SvelteKit's CSRF check (rightly) refuses.
	headers.set('Referrer-Policy', 'same-origin');
	headers.set('X-Frame-Options', 'DENY');
	headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	headers.set('Cross-Origin-Resource-Policy', 'same-origin');
	headers.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
	// Pages get SvelteKit's CSP (svelte.config.js, with hashes of its inline scripts); JSON,
	// redirects and the guard's own pages get a policy that allows nothing to run.
	if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', FALLBACK_CSP);
	if (event.url.protocol === 'https:') {
		headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	}
	// Transcripts are personal data: no copy in shared caches or the back-forward cache.
	if ((event.locals.user || event.locals.token) && !headers.has('Cache-Control')) {
		headers.set('Cache-Control', 'private, no-store');
	}
	return response;
};

export const attachServices: Handle = ({ event, resolve }) => {
	event.locals.services = startServices();
	event.locals.user = null;
	event.locals.sessionId = null;
	event.locals.token = null;
	return resolve(event);
};

export const loadUser: Handle = ({ event, resolve }) => {
	const { db } = event.locals.services;
	const authorization = event.request.headers.get('authorization');
	// Only Bearer: a proxy's Basic auth in front of Parity passes its header through.
	if (authorization !== null && /^bearer\s/i.test(authorization)) {
		// A machine client: its token alone decides, never a cookie sent alongside.
		event.locals.token = authenticateBearer(db, authorization);
		if (!event.locals.token) {
			return json(
				{ error: 'invalid or revoked API token' },
				{ status: 401, headers: { 'WWW-Authenticate': 'Bearer' } }
			);
		}
		return resolve(event);
	}
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const session = resumeSession(db, token);
		if (session) {
			event.locals.user = session.user;
			event.locals.sessionId = session.id;
		} else clearSessionCookie(event);
	}
	return resolve(event);
};

function wantsPage(event: RequestEvent): boolean {
	const method = event.request.method;
	return (
		(method === 'GET' || method === 'HEAD') &&
		!event.isDataRequest &&
		(event.request.headers.get('accept') ?? '').includes('text/html')
	);
}

function isFormPost(event: RequestEvent): boolean {
	const type = event.request.headers.get('content-type') ?? '';
	return (
		event.request.method === 'POST' &&
		(type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data'))
	);
}

function toSignIn(event: RequestEvent, location: string): Response {
	if (event.isDataRequest) return json({ type: 'redirect', location });
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		return json({ type: 'redirect', status: 303, location });
	}
	if (wantsPage(event) || isFormPost(event)) {
		return new Response(null, { status: 303, headers: { Location: location } });
	}
	return json({ error: 'sign in first' }, { status: 401 });
}

function refuse(event: RequestEvent, status: number, title: string, message: string): Response {
	if (event.isDataRequest) return json(message, { status });
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		return json({ type: 'error', error: { message } }, { status });
	}
	if (wantsPage(event) || isFormPost(event)) {
		return new Response(statusPage(status, title, message), {
			status,
			headers: { 'Content-Type': 'text/html; charset=utf-8' }
		});
	}
	return json({ error: message }, { status });
}

export const guardRoutes: Handle = ({ event, resolve }) => {
	const { request, url, route, locals } = event;
	const requirement = requirementFor(route.id, request.method, url);
	if (!requirement.ok) {
		return refuse(event, requirement.status, 'Not available', `${requirement.reason}.`);
	}
	const policy = route.id === null ? undefined : ROUTE_POLICIES[route.id];
	const declared = Number(request.headers.get('content-length') ?? 0);
	// adapter-node's own limit is off (BODY_SIZE_LIMIT=Infinity) for uploads' sake.
	if (!policy?.acceptsFiles && declared > FORM_BODY_LIMIT) {
		return refuse(event, 413, 'Too large', 'The request is larger than this page accepts.');
	}
	if (requirement.access === 'public') return resolve(event);

	if (locals.token) {
		if (requirement.tokenScope === locals.token.scope) return resolve(event);
		return refuse(event, 403, 'Not for API tokens', 'API tokens are not accepted here.');
	}
	if (!locals.user) {
		if (setupOpen(locals.services.db, locals.services.setup)) return toSignIn(event, '/setup');
		const next = wantsPage(event) && url.pathname !== '/' ? url.pathname + url.search : null;
		return toSignIn(event, next ? `/login?next=${encodeURIComponent(next)}` : '/login');
	}
	if (!roleAllows(locals.user.role, requirement.access)) {
		return refuse(
			event,
			403,
			'Not for your role',
			`This needs the ${requirement.access} role; you are signed in as ${locals.user.role}. Ask an admin if you need access.`
		);
	}
	return resolve(event);
};
