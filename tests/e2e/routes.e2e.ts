import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ROLES, roleAllows, type Role } from '../../src/lib/domain/roles';
import { ROUTE_POLICIES, type Access } from '../../src/lib/server/auth/policy';
import { pathOf, routesOnDisk } from '../helpers/routes';
import { ACCOUNTS } from './accounts';

/**
 * Walks every route on disk over HTTP against the running server, as nobody and as each
 * role: a route that answers without a session, or lets a lower role read it or run one
 * of its actions or methods, fails here. The route list is read from src/routes, so a new
 * route is walked without anyone adding it (its policy is checked by
 * tests/integration/route-policy.test.ts).
 */

const base = () => inject('baseUrl');
const cookies: Partial<Record<Role, string>> = {};

async function signIn(role: Role): Promise<string> {
	const response = await fetch(`${base()}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			accept: 'text/html',
			origin: base(),
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email: ACCOUNTS[role].email, password: ACCOUNTS[role].password })
	});
	const cookie = /parity_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0];
	if (response.status !== 303 || !cookie)
		throw new Error(`could not sign in as ${role}: ${response.status}`);
	return cookie;
}

beforeAll(async () => {
	for (const role of ROLES) cookies[role] = await signIn(role);
});

function request(path: string, method: string, cookie?: string): Promise<Response> {
	const post = method !== 'GET';
	return fetch(`${base()}${path}`, {
		method,
		redirect: 'manual',
		headers: {
			accept: 'text/html',
			origin: base(),
			...(cookie ? { cookie } : {}),
			...(post ? { 'content-type': 'application/x-www-form-urlencoded' } : {})
		},
		body: post ? '' : undefined
	});
}

function expectSignInRequired(response: Response, what: string) {
	expect([303, 401], `${what} without a session: ${response.status}`).toContain(response.status);
	if (response.status === 303) expect(response.headers.get('location'), what).toMatch(/^\/login/);
}

/**
 * Independent of the table: whatever it says, everything under /admin is for admins. A
 * table entry loosened by mistake then fails here as well as in the policy test.
 */
function atLeast(path: string, access: Access): Access {
	return path.startsWith('/admin') ? 'admin' : access;
}

const lower = (access: Role) => ROLES.filter((role) => !roleAllows(role, access));

interface Check {
	label: string;
	path: string;
	method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
	access: Access;
}

const checks: Check[] = [];
for (const route of routesOnDisk()) {
	const policy = ROUTE_POLICIES[route.id];
	const path = pathOf(route.id);
	const read = atLeast(path, policy?.read ?? 'admin');
	checks.push({ label: `GET ${path}`, path, method: 'GET', access: read });
	for (const [name, access] of Object.entries(policy?.actions ?? {})) {
		const actionPath = name === 'default' ? path : `${path}?/${name}`;
		checks.push({
			label: `POST ${actionPath}`,
			path: actionPath,
			method: 'POST',
			access: atLeast(path, access)
		});
	}
	for (const [method, access] of Object.entries(policy?.methods ?? {})) {
		checks.push({
			label: `${method} ${path}`,
			path,
			method: method as Check['method'],
			access: atLeast(path, access)
		});
	}
}

describe('every route, as nobody and as each role', () => {
	it('covers the app', () => expect(checks.length).toBeGreaterThan(15));

	it.each(checks.map((check) => [check.label, check] as const))('%s', async (_label, check) => {
		const anonymous = await request(check.path, check.method);
		if (check.access === 'public') {
			expect(anonymous.status, 'public').not.toBe(401);
			expect(anonymous.status, 'public').not.toBe(403);
			return;
		}
		expectSignInRequired(anonymous, check.label);
		for (const role of lower(check.access)) {
			const response = await request(check.path, check.method, cookies[role]);
			expect(response.status, `${check.label} as ${role}`).toBe(403);
		}
		// The role it needs gets past the guard (the answer may still be a validation error,
		// or 405 for a read of an endpoint that has none). Signing out ends the session, so
		// it gets a session of its own.
		const cookie = check.path === '/logout' ? await signIn(check.access) : cookies[check.access];
		const allowed = await request(check.path, check.method, cookie);
		expect([401, 403], `${check.label} as ${check.access}: ${allowed.status}`).not.toContain(
			allowed.status
		);
	});

	it('a path no route serves needs a session too, and is a plain 404 with one', async () => {
		expectSignInRequired(await request('/no-such-page', 'GET'), '/no-such-page');
		expect((await request('/no-such-page', 'GET', cookies.viewer)).status).toBe(404);
	});

	it("a page's data (__data.json) is guarded like the page", async () => {
		const response = await fetch(`${base()}/admin/users/__data.json`, {
			headers: { cookie: cookies.viewer ?? '' }
		});
		expect(response.status).toBe(403);
		const anonymous = await fetch(`${base()}/admin/users/__data.json`);
		await expect(anonymous.json()).resolves.toEqual({ type: 'redirect', location: '/login' });
	});

	it("a proxy's Basic auth header in front of Parity does not get in the way of the session", async () => {
		const response = await fetch(`${base()}/`, {
			headers: { cookie: cookies.viewer ?? '', authorization: 'Basic cHJveHk6cHJveHk=' }
		});
		expect(response.status).toBe(200);
	});

	it('refuses an oversized form before reading it (uploads have their own limit)', async () => {
		const response = await fetch(`${base()}/login`, {
			method: 'POST',
			headers: { origin: base(), 'content-type': 'application/x-www-form-urlencoded' },
			body: `email=${'x'.repeat(200_000)}`
		});
		expect(response.status).toBe(413);
	});
});
