import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENDPOINT_METHODS, ROUTE_POLICIES } from '../../src/lib/server/auth/policy';
import { pathOf, routesOnDisk } from '../helpers/routes';

/**
 * The route table and the routes on disk must agree: a new route, form action or endpoint
 * method without a policy fails here (and is refused to everyone at run time). The browser
 * tests (tests/e2e/routes.e2e.ts) then walk the same list over HTTP with each role.
 */

const routes = routesOnDisk();
const PUBLIC = ['/(public)/login', '/(public)/setup', '/health'];

describe('every route on disk has an access policy', () => {
	it('finds the routes (sanity: the walker sees the app)', () => {
		expect(routes.map((r) => r.id)).toEqual(
			expect.arrayContaining(['/(app)', '/(app)/admin/users', '/health', '/api/imports'])
		);
		expect(pathOf('/(app)/admin/users')).toBe('/admin/users');
		expect(pathOf('/(app)')).toBe('/');
		expect(pathOf('/(app)/conversations/[id]')).toBe('/conversations/1');
	});

	it.each(routes.map((r) => [r.id, r] as const))('%s', async (id, route) => {
		const policy = ROUTE_POLICIES[id];
		expect(policy, `add '${id}' to ROUTE_POLICIES in src/lib/server/auth/policy.ts`).toBeDefined();
		if (!policy) return;
		expect(
			route.files.includes('+server.ts') && route.files.some((f) => f.startsWith('+page')),
			'a route is either a page or an endpoint (the guard reads POST as an action on pages)'
		).toBe(false);

		if (route.files.includes('+page.server.ts')) {
			const module = (await import(join(route.dir, '+page.server.ts'))) as {
				actions?: Record<string, unknown>;
			};
			expect(Object.keys(module.actions ?? {}).sort(), `form actions of ${id}`).toEqual(
				Object.keys(policy.actions ?? {}).sort()
			);
		} else {
			expect(policy.actions, `${id} has no form actions`).toBeUndefined();
		}
		if (route.files.includes('+server.ts')) {
			const module = (await import(join(route.dir, '+server.ts'))) as Record<string, unknown>;
			const methods = ENDPOINT_METHODS.filter((method) => typeof module[method] === 'function');
			expect(methods.sort(), `methods of ${id}`).toEqual(Object.keys(policy.methods ?? {}).sort());
		} else {
			expect(policy.methods, `${id} is not an endpoint`).toBeUndefined();
			expect(policy.tokenScope, `${id}: only endpoints accept API tokens`).toBeUndefined();
		}

		const levels = [
			policy.read,
			...Object.values(policy.actions ?? {}),
			...Object.values(policy.methods ?? {})
		];
		if (PUBLIC.includes(id)) return;
		expect(levels, `${id} must not be public: only ${PUBLIC.join(', ')} are`).not.toContain(
			'public'
		);
	});

	it('has no policy for a route that no longer exists', () => {
		const onDisk = new Set(routes.map((r) => r.id));
		expect(Object.keys(ROUTE_POLICIES).filter((id) => !onDisk.has(id))).toEqual([]);
	});

	it('pages in (app) need a user; admin pages need an admin for everything', () => {
		for (const [id, policy] of Object.entries(ROUTE_POLICIES)) {
			if (id.startsWith('/(app)')) expect(policy.read, id).not.toBe('public');
			if (id.startsWith('/(app)/admin')) {
				expect([policy.read, ...Object.values(policy.actions ?? {})], id).toEqual(
					expect.arrayContaining(['admin'])
				);
				expect(new Set([policy.read, ...Object.values(policy.actions ?? {})]), id).toEqual(
					new Set(['admin'])
				);
			}
		}
	});
});
