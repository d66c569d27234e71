import { describe, expect, it } from 'vitest';
import {
	changeOwnPassword,
	changeRole,
	createFirstAdmin,
	createUser,
	resetPassword,
	setDisabled,
	signIn,
	signOut
} from '../../src/lib/server/auth/accounts';
import {
	resumeSession,
	SESSION_ABSOLUTE_MS,
	SESSION_IDLE_MS,
	startSession
} from '../../src/lib/server/auth/sessions';
import { createSetupState } from '../../src/lib/server/auth/setup';
import { noteFailure, THROTTLE, throttledFor } from '../../src/lib/server/auth/throttle';
import { tokenHash } from '../../src/lib/server/auth/tokens';
import { testDb } from '../helpers/db';
import { auditActions, makeUser, PASSWORD, SYSTEM } from '../helpers/auth';

const ADDRESS = '192.0.2.10';

describe('sign-in', () => {
	it('starts a session for the right password; the cookie token is stored only as its hash', async () => {
		const db = testDb();
		const user = await makeUser(db, 'ana@example.com', 'analyst');
		const result = await signIn(db, { email: 'ana@example.com', password: PASSWORD }, ADDRESS);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.user).toEqual({
			id: user.id,
			email: 'ana@example.com',
			name: null,
			role: 'analyst'
		});
		const stored = db.sqlite.prepare('SELECT id FROM sessions').all() as Array<{ id: string }>;
		expect(stored).toEqual([{ id: tokenHash(result.value.token) }]);
		expect(JSON.stringify(db.sqlite.prepare('SELECT * FROM sessions').all())).not.toContain(
			result.value.token
		);
		expect(resumeSession(db, result.value.token)?.user.email).toBe('ana@example.com');
		expect(auditActions(db)).toEqual(['user.create', 'auth.login']);
	});

	it('answers wrong password, unknown account and disabled account with the same error', async () => {
		const db = testDb();
		const user = await makeUser(db, 'ana@example.com', 'analyst');
		await makeUser(db, 'off@example.com', 'viewer');
		setDisabled(db, SYSTEM, (await signInId(db, 'off@example.com')) ?? 0, true);
		const wrong = await signIn(
			db,
			{ email: 'ana@example.com', password: 'nope nope nope' },
			ADDRESS
		);
		const unknown = await signIn(db, { email: 'who@example.com', password: PASSWORD }, ADDRESS);
		const disabled = await signIn(db, { email: 'off@example.com', password: PASSWORD }, ADDRESS);
		for (const result of [wrong, unknown, disabled]) {
			expect(result).toEqual({
				ok: false,
				status: 400,
				errors: { form: 'Email or password is incorrect.' }
			});
		}
		// The log names real accounts only: what was typed for an unknown one may be a password.
		const failures = db.sqlite
			.prepare(
				"SELECT target, detail FROM audit_log WHERE action = 'auth.login_failed' ORDER BY id"
			)
			.all();
		expect(failures).toEqual([
			{ target: 'ana@example.com', detail: '{"reason":"wrong password"}' },
			{ target: null, detail: null },
			{ target: 'off@example.com', detail: '{"reason":"disabled"}' }
		]);
		expect(user.id).toBeGreaterThan(0);
	});

	it('throttles an account after five failures, whoever tries, known or not', async () => {
		const db = testDb();
		await makeUser(db, 'ana@example.com', 'analyst');
		const t0 = Date.UTC(2026, 2, 2, 9);
		for (let i = 0; i < THROTTLE.perAccount; i++) {
			const address = `198.51.100.${i}`;
			const result = await signIn(
				db,
				{ email: 'ana@example.com', password: 'wrong password' },
				address,
				t0 + i
			);
			expect(result.ok).toBe(false);
		}
		// Even the right password is refused while throttled, from a fresh address too.
		const blocked = await signIn(
			db,
			{ email: 'ana@example.com', password: PASSWORD },
			'203.0.113.9',
			t0 + 10
		);
		expect(blocked).toMatchObject({ ok: false, status: 429 });
		expect(!blocked.ok && blocked.errors.form).toMatch(/Try again in 15 minutes/);
		// Unknown accounts are throttled the same way, so the lock tells nothing either.
		for (let i = 0; i < THROTTLE.perAccount; i++) {
			await signIn(
				db,
				{ email: 'ghost@example.com', password: 'x' },
				`198.51.100.${50 + i}`,
				t0 + i
			);
		}
		expect(
			await signIn(db, { email: 'ghost@example.com', password: 'x' }, '203.0.113.1', t0 + 20)
		).toMatchObject({
			status: 429
		});
		// The lock is logged once per account; the refused attempts after it write nothing.
		expect(auditActions(db).filter((action) => action === 'auth.throttled')).toHaveLength(2);
		// After the window the account may try again.
		const later = t0 + THROTTLE.windowMs + 5;
		expect(
			(await signIn(db, { email: 'ana@example.com', password: PASSWORD }, '203.0.113.9', later)).ok
		).toBe(true);
	});

	it('a successful sign-in forgives the account its failures', async () => {
		const db = testDb();
		await makeUser(db, 'ana@example.com', 'analyst');
		const t0 = Date.UTC(2026, 2, 2, 9);
		const subject = { account: 'ana@example.com', address: ADDRESS };
		for (let i = 0; i < THROTTLE.perAccount - 1; i++) noteFailure(db, subject, t0 + i);
		expect(
			(await signIn(db, { email: 'ana@example.com', password: PASSWORD }, ADDRESS, t0 + 10)).ok
		).toBe(true);
		for (let i = 0; i < THROTTLE.perAccount - 1; i++) noteFailure(db, subject, t0 + 20 + i);
		expect(throttledFor(db, subject, t0 + 30)).toBe(0);
		noteFailure(db, subject, t0 + 40);
		expect(throttledFor(db, subject, t0 + 50)).toBe(THROTTLE.windowMs - 30);
	});

	it('throttles an address after thirty failures across accounts', async () => {
		const db = testDb();
		await makeUser(db, 'ana@example.com', 'analyst');
		const t0 = Date.UTC(2026, 2, 2, 9);
		const wrong = await signIn(db, { email: 'guess@example.com', password: 'x' }, ADDRESS, t0);
		expect(wrong.ok).toBe(false);
		for (let i = 1; i < THROTTLE.perAddress; i++) {
			noteFailure(db, { account: `guess${i}@example.com`, address: ADDRESS }, t0 + i);
		}
		expect(
			await signIn(db, { email: 'ana@example.com', password: PASSWORD }, ADDRESS, t0 + 100)
		).toMatchObject({ status: 429 });
		expect(
			(await signIn(db, { email: 'ana@example.com', password: PASSWORD }, '192.0.2.99', t0 + 100))
				.ok
		).toBe(true);
	});
});

async function signInId(db: ReturnType<typeof testDb>, email: string): Promise<number | null> {
	const row = db.sqlite.prepare('SELECT id FROM users WHERE email = ?').get(email) as
		{ id: number } | undefined;
	return row?.id ?? null;
}

describe('sessions', () => {
	it('end after the idle time, and after the absolute time however active', async () => {
		const db = testDb();
		const user = await makeUser(db, 'ana@example.com', 'viewer');
		const t0 = Date.UTC(2026, 2, 2, 9);
		const idle = startSession(db, user.id, t0);
		expect(resumeSession(db, idle.token, t0 + SESSION_IDLE_MS - 1)).not.toBeNull();
		expect(resumeSession(db, idle.token, t0 + 2 * SESSION_IDLE_MS - 2)).not.toBeNull();
		expect(resumeSession(db, idle.token, t0 + 3 * SESSION_IDLE_MS)).toBeNull();
		// Removed, not only refused.
		expect(resumeSession(db, idle.token, t0 + 2 * SESSION_IDLE_MS)).toBeNull();

		const busy = startSession(db, user.id, t0);
		let now = t0;
		while (now < t0 + SESSION_ABSOLUTE_MS - SESSION_IDLE_MS) {
			now += SESSION_IDLE_MS / 2;
			expect(resumeSession(db, busy.token, now)).not.toBeNull();
		}
		expect(resumeSession(db, busy.token, t0 + SESSION_ABSOLUTE_MS)).toBeNull();
	});

	it('end on sign-out, on disable, on a reset, and on a password change (which starts a fresh one)', async () => {
		const db = testDb();
		const admin = await makeUser(db, 'root@example.com', 'admin');
		const user = await makeUser(db, 'ana@example.com', 'analyst');
		const adminActor = { userId: admin.id, label: admin.email, address: null };

		const a = startSession(db, user.id);
		signOut(db, { userId: user.id, label: user.email, address: null }, a.token);
		expect(resumeSession(db, a.token)).toBeNull();

		const b = startSession(db, user.id);
		expect(setDisabled(db, adminActor, user.id, true).ok).toBe(true);
		expect(resumeSession(db, b.token)).toBeNull();
		expect(setDisabled(db, adminActor, user.id, false).ok).toBe(true);

		const c = startSession(db, user.id);
		expect((await resetPassword(db, adminActor, user.id, 'another long password')).ok).toBe(true);
		expect(resumeSession(db, c.token)).toBeNull();

		const d = startSession(db, user.id);
		const e = startSession(db, user.id);
		const actor = { userId: user.id, label: user.email, address: null };
		expect(
			await changeOwnPassword(db, actor, { current: 'wrong one here', next: 'x'.repeat(12) })
		).toMatchObject({
			ok: false,
			errors: { current: 'Not your current password.' }
		});
		const changed = await changeOwnPassword(db, actor, {
			current: 'another long password',
			next: 'yet another password'
		});
		expect(changed.ok).toBe(true);
		expect(resumeSession(db, d.token)).toBeNull();
		expect(resumeSession(db, e.token)).toBeNull();
		if (changed.ok) expect(resumeSession(db, changed.value.token)?.user.id).toBe(user.id);
		expect(
			(await signIn(db, { email: user.email, password: 'yet another password' }, ADDRESS)).ok
		).toBe(true);
	});
});

describe('user management', () => {
	it('keeps at least one active admin, and an admin cannot disable themselves', async () => {
		const db = testDb();
		const root = await makeUser(db, 'root@example.com', 'admin');
		const actor = { userId: root.id, label: root.email, address: null };
		expect(changeRole(db, actor, root.id, 'viewer')).toMatchObject({ ok: false, status: 409 });
		expect(setDisabled(db, actor, root.id, true)).toMatchObject({ ok: false, status: 409 });
		const second = await makeUser(db, 'two@example.com', 'viewer');
		expect(changeRole(db, actor, second.id, 'admin')).toMatchObject({
			ok: true,
			value: { role: 'admin' }
		});
		expect(changeRole(db, actor, root.id, 'viewer')).toMatchObject({
			ok: true,
			value: { role: 'viewer' }
		});
		expect(changeRole(db, actor, 999, 'viewer')).toMatchObject({ ok: false, status: 404 });
		expect(auditActions(db).filter((a) => a === 'user.role')).toHaveLength(2);
		const detail = db.sqlite
			.prepare("SELECT target, detail FROM audit_log WHERE action = 'user.role' ORDER BY id")
			.all();
		expect(detail).toEqual([
			{ target: 'two@example.com', detail: '{"from":"viewer","to":"admin"}' },
			{ target: 'root@example.com', detail: '{"from":"admin","to":"viewer"}' }
		]);
	});

	it('refuses a second account with the same email, whatever its case', async () => {
		const db = testDb();
		await makeUser(db, 'ana@example.com', 'viewer');
		const again = await createUser(db, SYSTEM, {
			email: 'ana@example.com',
			name: null,
			role: 'admin',
			password: PASSWORD
		});
		expect(again).toMatchObject({
			ok: false,
			status: 409,
			errors: { email: 'An account with this email exists.' }
		});
	});
});

describe('first admin', () => {
	it('needs the code from the log, works once, and then setup is closed', async () => {
		const db = testDb();
		const lines: string[] = [];
		const setup = createSetupState(db, (line) => lines.push(line));
		expect(setup.code).toMatch(
			/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/
		);
		expect(lines.join('\n')).toContain(setup.code);

		const input = { email: 'root@example.com', name: 'Root', password: PASSWORD };
		expect(
			await createFirstAdmin(db, setup, { ...input, code: 'AAAA-BBBB-CCCC' }, ADDRESS)
		).toMatchObject({
			ok: false,
			errors: { code: 'Not the setup code printed in the server log.' }
		});
		const code = (setup.code ?? '').toLowerCase().replace(/-/g, ' ');
		const created = await createFirstAdmin(db, setup, { ...input, code }, ADDRESS);
		expect(created).toMatchObject({
			ok: true,
			value: { user: { email: 'root@example.com', role: 'admin' } }
		});
		expect(setup.code).toBeNull();
		expect(
			await createFirstAdmin(db, setup, { ...input, email: 'evil@example.com', code }, ADDRESS)
		).toMatchObject({
			ok: false,
			status: 409
		});
		expect(createSetupState(db, (line) => lines.push(line)).code).toBeNull();
		expect(auditActions(db)).toEqual(['auth.setup']);
	});
});
