import { describe, expect, it } from 'vitest';
import { actionName, requirementFor, type RoutePolicy } from './policy';

const policies: Record<string, RoutePolicy> = {
	'/page': { read: 'viewer', actions: { default: 'analyst', remove: 'admin' } },
	'/api': { read: 'analyst', methods: { POST: 'analyst' }, tokenScope: 'ingest' },
	'/open': { read: 'public' }
};
const url = (path: string) => new URL(`http://parity.test${path}`);

describe('route requirements', () => {
	it('reads, named and default actions, and endpoint methods each have their own level', () => {
		expect(requirementFor('/page', 'GET', url('/page'), policies)).toEqual({
			ok: true,
			access: 'viewer',
			tokenScope: null
		});
		expect(requirementFor('/page', 'POST', url('/page'), policies)).toMatchObject({
			access: 'analyst'
		});
		expect(requirementFor('/page', 'POST', url('/page?/remove'), policies)).toMatchObject({
			access: 'admin'
		});
		expect(requirementFor('/api', 'POST', url('/api'), policies)).toEqual({
			ok: true,
			access: 'analyst',
			tokenScope: 'ingest'
		});
	});

	it('fails closed: an undeclared route, action or method is refused', () => {
		expect(requirementFor('/new-route', 'GET', url('/new-route'), policies)).toMatchObject({
			ok: false,
			status: 403
		});
		expect(requirementFor('/page', 'POST', url('/page?/unknown'), policies)).toMatchObject({
			ok: false,
			status: 405
		});
		expect(requirementFor('/api', 'DELETE', url('/api'), policies)).toMatchObject({
			ok: false,
			status: 405
		});
		expect(requirementFor('/open', 'POST', url('/open'), policies)).toMatchObject({ ok: false });
	});

	it('a path no route matches still needs a signed-in user (no probing for routes)', () => {
		expect(requirementFor(null, 'GET', url('/nothing'), policies)).toMatchObject({
			access: 'viewer'
		});
	});

	it('reads the action name the way SvelteKit does', () => {
		expect(actionName(url('/users?/create'))).toBe('create');
		expect(actionName(url('/users?page=2&/role'))).toBe('role');
		expect(actionName(url('/users'))).toBe('default');
	});
});
