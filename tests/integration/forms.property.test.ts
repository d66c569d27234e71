import { isActionFailure, isRedirect, type RequestEvent } from '@sveltejs/kit';
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Role } from '../../src/lib/domain/roles';
import type { DbHandle } from '../../src/lib/server/db/client';
import type { Services } from '../../src/lib/server/services';
import { makeUser } from '../helpers/auth';
import { testDb } from '../helpers/db';
import { routesOnDisk } from '../helpers/routes';
import { pathOf } from '../helpers/routes';
import { scratchDir } from '../helpers/files';

/**
 * Every form action of every page on disk, fed thousands of random and hostile forms: each
 * must answer a clean validation error (fail with errors per field) or do its job — never
 * throw, and never leave the accounts in a state the rules forbid.
 */

type Action = (event: RequestEvent) => Promise<unknown>;

const FIELDS = [
	'email',
	'password',
	'confirm',
	'current',
	'name',
	'role',
	'id',
	'code',
	'identity',
	'kind',
	'scope',
	'minimizeAtImport',
	'uploadMaxMb',
	'backupEnabled',
	'backupSchedule',
	'backupKeep'
];
const value = fc.oneof(
	fc.string({ maxLength: 30 }),
	fc.string({ unit: 'grapheme', maxLength: 20 }),
	fc.constantFrom(
		'',
		' ',
		'on',
		'yes',
		'admin',
		'analyst',
		'viewer',
		'ingest',
		'email',
		'phone',
		'0',
		'1',
		'2',
		'-1',
		'1e309',
		'NaN',
		'9007199254740993',
		'jane@example.com',
		'ADMIN@example.com',
		'correct horse battery',
		'another long password'
	),
	fc.integer().map(String),
	fc.string({ minLength: 300, maxLength: 3000 })
);
const form = fc.dictionary(
	fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 8 })),
	value,
	{
		maxKeys: 7
	}
);
/** Bodies that are not the urlencoded form they claim to be, or far too large. */
const rawBody = fc.oneof(
	fc
		.uint8Array({ maxLength: 300 })
		.map((bytes) => ({ type: 'multipart/form-data; boundary=x', body: bytes })),
	fc
		.string({ maxLength: 200 })
		.map((text) => ({ type: 'application/json', body: new TextEncoder().encode(text) })),
	fc.constant({
		type: 'application/x-www-form-urlencoded',
		body: new TextEncoder().encode(`a=${'x'.repeat(70_000)}`)
	})
);

function cookies() {
	const jar = new Map<string, string>();
	return {
		get: (name: string) => jar.get(name),
		getAll: () => [...jar].map(([name, value]) => ({ name, value })),
		set: (name: string, value: string) => void jar.set(name, value),
		delete: (name: string) => void jar.delete(name),
		serialize: () => ''
	};
}

function eventFor(
	routeId: string,
	actionName: string,
	body: { type: string; body: Uint8Array<ArrayBuffer> },
	services: Services,
	user: { id: number; email: string; name: string | null; role: Role } | null
): RequestEvent {
	const url = new URL(
		`http://parity.test${pathOf(routeId)}${actionName === 'default' ? '' : `?/${actionName}`}`
	);
	const request = new Request(url, {
		method: 'POST',
		body: body.body,
		headers: { 'content-type': body.type }
	});
	return {
		request,
		url,
		route: { id: routeId },
		params: {},
		locals: { services, user, sessionId: null, token: null },
		cookies: cookies(),
		getClientAddress: () => '192.0.2.77',
		platform: undefined,
		isDataRequest: false,
		isSubRequest: false,
		isRemoteRequest: false,
		setHeaders: () => {},
		fetch
	} as unknown as RequestEvent;
}

function expectRulesHold(db: DbHandle, route: string) {
	const admins = db.sqlite
		.prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL")
		.get() as { n: number };
	if (!route.endsWith('/setup'))
		expect(admins.n, 'an active admin remains').toBeGreaterThanOrEqual(1);
	const emails = db.sqlite.prepare('SELECT email FROM users').all() as Array<{ email: string }>;
	for (const { email } of emails) expect(email).toBe(email.toLowerCase().trim());
}

const pages = routesOnDisk().filter((route) => route.files.includes('+page.server.ts'));
const cases: Array<[string, string, string]> = [];
for (const page of pages) {
	const module = (await import(join(page.dir, '+page.server.ts'))) as {
		actions?: Record<string, Action>;
	};
	for (const name of Object.keys(module.actions ?? {}))
		cases.push([`${page.id} ?/${name}`, page.id, name]);
}

describe('every form answers any input with a clean error or its result', () => {
	it('found the forms', () => expect(cases.length).toBeGreaterThanOrEqual(12));

	it.each(cases)(
		'%s',
		async (_label, routeId, actionName) => {
			const page = pages.find((p) => p.id === routeId);
			const module = (await import(join(page?.dir ?? '', '+page.server.ts'))) as {
				actions: Record<string, Action>;
			};
			const action = module.actions[actionName] as Action;
			const db = testDb();
			const services: Services = { db, setup: { code: 'ABCD-EFGH-JKMN' }, uploadDir: scratchDir() };
			let user = null;
			if (!routeId.endsWith('/setup')) {
				const admin = await makeUser(db, 'root@example.com', 'admin');
				await makeUser(db, 'jane@example.com', 'analyst');
				user = { id: admin.id, email: admin.email, name: null, role: admin.role };
			}
			let outcomes = 0;
			await fc.assert(
				fc.asyncProperty(
					fc.oneof(
						{
							weight: 6,
							arbitrary: form.map((values) => ({
								type: 'application/x-www-form-urlencoded',
								body: new TextEncoder().encode(new URLSearchParams(values).toString())
							}))
						},
						{ weight: 1, arbitrary: rawBody }
					),
					async (body) => {
						try {
							const result = await action(eventFor(routeId, actionName, body, services, user));
							if (isActionFailure(result)) {
								// 503: what the server cannot do as it is set up (a backup with nowhere to go).
								expect([400, 404, 409, 413, 429, 503]).toContain(result.status);
								const errors = (result.data as unknown as { errors: Record<string, unknown> })
									.errors;
								expect(Object.keys(errors).length).toBeGreaterThan(0);
								for (const message of Object.values(errors)) expect(message).toMatch(/\S/);
							} else {
								expect(typeof result).toBe('object');
							}
						} catch (error) {
							// Sign-in and setup end in a redirect when they succeed; nothing else may throw.
							if (!isRedirect(error)) throw error;
						}
						outcomes++;
						expectRulesHold(db, routeId);
					}
				),
				{ numRuns: 250 }
			);
			expect(outcomes).toBeGreaterThanOrEqual(250);
		},
		300_000
	);
});
