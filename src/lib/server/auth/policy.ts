import type { Role, TokenScope } from '../../domain/roles';

/**
 * Who may reach each route, in one table that hooks.server.ts enforces for every request.
 * Routes hold no permission checks of their own. A route missing from this table is
 * refused to everyone (fail closed), and tests/integration/route-policy.test.ts fails when
 * a route file, a form action or an endpoint method on disk has no entry here.
 */

export type Access = Role | 'public';

export const ENDPOINT_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type EndpointMethod = (typeof ENDPOINT_METHODS)[number];

export interface RoutePolicy {
	/** GET (and HEAD) of the page, its data, or the endpoint. */
	read: Access;
	/** The page's form actions by name (`default` for the unnamed one). */
	actions?: Readonly<Record<string, Access>>;
	/** The endpoint's (+server.ts) other methods. */
	methods?: Readonly<Partial<Record<EndpointMethod, Access>>>;
	/** An API token with this scope is accepted instead of a session. */
	tokenScope?: TokenScope;
	/** Takes a file as its body: its own size limit applies, not the one for forms. */
	acceptsFiles?: true;
}

export const ROUTE_POLICIES: Readonly<Record<string, RoutePolicy>> = {
	'/health': { read: 'public' },
	'/(public)/login': { read: 'public', actions: { default: 'public' } },
	'/(public)/setup': { read: 'public', actions: { default: 'public' } },
	'/logout': { read: 'viewer', methods: { POST: 'viewer' } },

	'/(app)': { read: 'viewer' },
	// Notes on the timeline are the analyst's, as the taxonomy and the bot rules are.
	'/(app)/trends': { read: 'viewer', actions: { addNote: 'analyst', removeNote: 'analyst' } },
	'/(app)/trends/csv': { read: 'viewer' },
	'/(app)/gaps': { read: 'viewer' },
	'/(app)/gaps/csv': { read: 'viewer' },
	'/(app)/account': { read: 'viewer', actions: { default: 'viewer' } },

	'/(app)/admin/users': {
		read: 'admin',
		actions: { create: 'admin', role: 'admin', disable: 'admin', enable: 'admin', reset: 'admin' }
	},
	'/(app)/admin/tokens': { read: 'admin', actions: { create: 'admin', revoke: 'admin' } },
	'/(app)/admin/audit': { read: 'admin' },
	'/(app)/admin/erasure': { read: 'admin', actions: { find: 'admin', erase: 'admin' } },
	'/(app)/admin/sources': { read: 'admin', actions: { remove: 'admin' } },
	'/(app)/admin/settings': {
		read: 'admin',
		actions: { save: 'admin', backupNow: 'admin', testEmail: 'admin' }
	},

	'/(app)/conversations': { read: 'viewer' },
	'/(app)/conversations/[id]': { read: 'viewer' },
	'/(app)/conversations/csv': { read: 'viewer' },
	'/(app)/imports': { read: 'analyst', actions: { deleteMapping: 'analyst' } },
	'/(app)/imports/[id]': { read: 'analyst' },
	'/(app)/imports/[id]/rejects': { read: 'analyst' },
	'/(app)/settings': {
		read: 'viewer',
		actions: {
			addRule: 'analyst',
			saveRule: 'analyst',
			toggleRule: 'analyst',
			deleteRule: 'analyst',
			// How every figure is computed for everyone: admin (roles.ts), unlike the
			// bot rules and the taxonomy, which are the analyst's to tune.
			repeat: 'admin',
			zones: 'admin',
			saveTopic: 'analyst',
			addTopic: 'analyst',
			deleteTopic: 'analyst',
			moveTopic: 'analyst',
			addKeyword: 'analyst'
		}
	},

	'/(app)/alerts': { read: 'viewer', actions: { acknowledge: 'analyst' } },
	'/(app)/alerts/rules': { read: 'admin', actions: { save: 'admin', delete: 'admin' } },
	'/(app)/alerts/outbox': { read: 'admin', actions: { retry: 'admin' } },
	'/(app)/alerts/outbox/[id]': { read: 'admin' },

	'/api/imports': {
		read: 'analyst',
		methods: { POST: 'analyst' },
		tokenScope: 'ingest',
		acceptsFiles: true
	},
	'/api/imports/batches': { read: 'analyst', methods: { POST: 'analyst' }, tokenScope: 'ingest' },
	'/api/imports/batches/[batch]': {
		read: 'analyst',
		methods: { POST: 'analyst', DELETE: 'analyst' },
		tokenScope: 'ingest',
		acceptsFiles: true
	},
	'/api/imports/batches/[batch]/import': {
		read: 'analyst',
		methods: { POST: 'analyst' },
		tokenScope: 'ingest'
	},
	'/api/imports/jobs/[job]': { read: 'analyst', tokenScope: 'ingest' },
	'/api/imports/jobs/[job]/mapped': {
		read: 'analyst',
		methods: { POST: 'analyst' },
		tokenScope: 'ingest'
	},
	'/api/imports/preview': { read: 'analyst', methods: { POST: 'analyst' } },
	'/api/imports/mappings': { read: 'analyst', methods: { POST: 'analyst' } },
	'/api/notes': { read: 'viewer', methods: { POST: 'analyst' }, tokenScope: 'notes' },
	'/api/report': { read: 'viewer', tokenScope: 'report' },
	'/api/settings/terms': { read: 'analyst' },
	'/api/settings/derivation': { read: 'viewer' }
};

export type Requirement =
	| { ok: true; access: Access; tokenScope: TokenScope | null }
	| { ok: false; status: 403 | 405; reason: string };

/** SvelteKit's rule: `?/name` picks a named action, no such parameter the default one. */
export function actionName(url: URL): string {
	for (const key of url.searchParams.keys()) if (key.startsWith('/')) return key.slice(1);
	return 'default';
}

/**
 * What a request needs: the access level of the route's read, action or method. Unknown
 * routes (SvelteKit will answer 404) need a signed-in user, so that nobody can probe
 * which paths exist without one.
 */
export function requirementFor(
	routeId: string | null,
	method: string,
	url: URL,
	policies: Readonly<Record<string, RoutePolicy>> = ROUTE_POLICIES
): Requirement {
	if (routeId === null) return { ok: true, access: 'viewer', tokenScope: null };
	const policy = policies[routeId];
	if (!policy) return { ok: false, status: 403, reason: `no access policy for route ${routeId}` };
	const tokenScope = policy.tokenScope ?? null;
	if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') {
		return { ok: true, access: policy.read, tokenScope };
	}
	if (method === 'POST' && policy.actions) {
		const name = actionName(url);
		const access = policy.actions[name];
		return access
			? { ok: true, access, tokenScope: null }
			: { ok: false, status: 405, reason: `no form action '${name}' here` };
	}
	const access = policy.methods?.[method as EndpointMethod];
	return access
		? { ok: true, access, tokenScope }
		: { ok: false, status: 405, reason: `${method} is not allowed here` };
}
