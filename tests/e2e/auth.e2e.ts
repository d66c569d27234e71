import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ACCOUNTS } from './accounts';
import {
	atBothWidths,
	DESKTOP,
	launchBrowser,
	loginAs,
	newPage,
	PHONE,
	screenshot
} from './browser';
import { freshDataDir, startServer } from './server';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

/** Content-Security-Policy violations and script errors the page reports. */
function watchConsole(page: Page): string[] {
	const problems: string[] = [];
	page.on('console', (message) => {
		// A form answered 400 is logged as a failed resource: that is the form working.
		if (message.type() === 'error' && !/status of 400/.test(message.text())) {
			problems.push(message.text());
		}
	});
	page.on('pageerror', (error) => problems.push(error.message));
	return problems;
}

describe('first visit of a fresh installation', () => {
	it('asks for the first admin, and only with the setup code printed in the server log', async () => {
		// Started exactly as the README's quick start does: no ORIGIN, plain http.
		const server = await startServer(freshDataDir(), { quickStart: true });
		try {
			const code = /one-time setup code:\s+([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(
				server.log()
			)?.[1];
			expect(code, server.log()).toBeDefined();
			const page = await newPage(browser);
			const problems = watchConsole(page);
			await page.goto(`${server.baseUrl}/admin/audit`);
			expect(new URL(page.url()).pathname).toBe('/setup');
			await screenshot(page, 'setup');

			await page.getByLabel('Setup code').fill('AAAA-BBBB-CCCC');
			await page.getByLabel('Your email').fill('owner@example.com');
			await page.getByLabel('Password', { exact: true }).fill('owner password 123');
			await page.getByLabel('Password again').fill('owner password 123');
			await page.getByRole('button', { name: 'Create admin and sign in' }).click();
			await expect(
				page.getByText('Not the setup code printed in the server log.').isVisible()
			).resolves.toBe(true);

			await page.getByLabel('Setup code').fill(code ?? '');
			await page.getByLabel('Password', { exact: true }).fill('owner password 123');
			await page.getByLabel('Password again').fill('owner password 123');
			await Promise.all([
				page.waitForURL((url) => url.pathname === '/admin/users'),
				page.getByRole('button', { name: 'Create admin and sign in' }).click()
			]);
			await expect(page.locator('td', { hasText: 'owner@example.com' }).count()).resolves.toBe(1);
			await expect(
				page.getByRole('status').filter({ hasText: 'Your admin account is ready' }).count()
			).resolves.toBe(1);

			// On plain http the session cookie cannot be Secure, and no HSTS is promised.
			const [cookie] = await page.context().cookies();
			expect(cookie?.secure).toBe(false);
			const home = await page.goto(`${server.baseUrl}/`);
			expect(home?.headers()['strict-transport-security']).toBeUndefined();

			// Setup is closed for good: the next visitor is asked to sign in instead, and may
			// reach the server by another name than the first one did.
			const byName = server.baseUrl.replace('127.0.0.1', 'localhost');
			const other = await newPage(browser);
			await other.goto(`${byName}/setup`);
			expect(new URL(other.url()).pathname).toBe('/login');
			await other.getByLabel('Email').fill('owner@example.com');
			await other.getByLabel('Password').fill('owner password 123');
			await Promise.all([
				other.waitForURL((url) => !url.pathname.startsWith('/login')),
				other.getByRole('button', { name: 'Sign in' }).click()
			]);
			expect(new URL(other.url()).host).toBe(new URL(byName).host);
			expect(problems).toEqual([]);
		} finally {
			await server.stop();
		}
	});
});

describe('signing in and out', () => {
	it('refuses a wrong password with the same words as an unknown account, then signs in and out', async () => {
		const page = await newPage(browser);
		const problems = watchConsole(page);
		const response = await page.goto(`${inject('baseUrl')}/login`);
		await screenshot(page, 'login');
		// The CSP really is sent, with framing forbidden, and the page still runs under it.
		const csp = response?.headers()['content-security-policy'] ?? '';
		expect(csp).toContain("frame-ancestors 'none'");
		expect(csp).toMatch(/script-src 'self' 'sha256-/);
		expect(response?.headers()['x-content-type-options']).toBe('nosniff');
		expect(response?.headers()['referrer-policy']).toBe('same-origin');

		for (const email of [ACCOUNTS.analyst.email, 'nobody@parity.test']) {
			await page.getByLabel('Email').fill(email);
			await page.getByLabel('Password').fill('not the password');
			await page.getByRole('button', { name: 'Sign in' }).click();
			await page.getByRole('alert').waitFor();
			await expect(page.getByRole('alert').textContent()).resolves.toBe(
				'Email or password is incorrect.'
			);
		}
		await screenshot(page, 'login-error');

		await loginAs(page, 'analyst');
		expect(new URL(page.url()).pathname).toBe('/');
		await expect(page.locator('header').textContent()).resolves.toContain(ACCOUNTS.analyst.name);
		const [cookie] = await page.context().cookies();
		expect(cookie).toMatchObject({
			name: 'parity_session',
			httpOnly: true,
			sameSite: 'Lax',
			secure: false
		});

		// Sign out sits in the account menu behind the user's name.
		await page.locator('header details.who summary').click();
		await Promise.all([
			page.waitForURL((url) => url.pathname === '/login'),
			page.getByRole('button', { name: 'Sign out' }).click()
		]);
		await page.goto(`${inject('baseUrl')}/`);
		expect(new URL(page.url()).pathname).toBe('/login');
		// The old cookie is worthless now, even replayed.
		const replay = await fetch(`${inject('baseUrl')}/`, {
			headers: { cookie: `parity_session=${cookie?.value}`, accept: 'text/html' },
			redirect: 'manual'
		});
		expect(replay.status).toBe(303);
		expect(problems).toEqual([]);
	});

	it('returns to the page asked for after signing in', async () => {
		const page = await newPage(browser);
		await page.goto(`${inject('baseUrl')}/account`);
		expect(page.url()).toContain('/login?next=%2Faccount');
		await page.getByLabel('Email').fill(ACCOUNTS.viewer.email);
		await page.getByLabel('Password').fill(ACCOUNTS.viewer.password);
		await Promise.all([
			page.waitForURL((url) => url.pathname === '/account'),
			page.getByRole('button', { name: 'Sign in' }).click()
		]);
	});
});

describe('roles', () => {
	it('a viewer cannot reach an admin page, nor see the way there', async () => {
		const page = await newPage(browser, 'viewer');
		// Admin is in the account menu, for admins: open it, and it is not there.
		await page.locator('header details.who summary').click();
		await expect(page.getByRole('link', { name: 'Your account' }).count()).resolves.toBe(1);
		await expect(page.getByRole('link', { name: 'Admin', exact: true }).count()).resolves.toBe(0);
		const response = await page.goto(`${inject('baseUrl')}/admin/users`);
		expect(response?.status()).toBe(403);
		await expect(page.locator('h1').textContent()).resolves.toBe('Not for your role');
		await screenshot(page, 'forbidden');
		// Nor post an admin's form.
		const post = await page.request.post(`${inject('baseUrl')}/admin/users?/create`, {
			form: { email: 'sneaky@parity.test', role: 'admin', password: 'sneaky password 1' },
			headers: { origin: inject('baseUrl') }
		});
		expect(post.status()).toBe(403);
	});

	it('offers a viewer only the alert pages a viewer may open', async () => {
		const page = await newPage(browser, 'viewer');
		await page.goto(`${inject('baseUrl')}/alerts`);
		await expect(page.locator('h1').textContent()).resolves.toBe('Alerts');
		// Rules and the outbox are for admins: their tabs answered 403.
		await expect(page.getByRole('link', { name: 'Rules' }).count()).resolves.toBe(0);
		await expect(page.getByRole('link', { name: 'Outbox' }).count()).resolves.toBe(0);
		await expect(page.getByRole('button', { name: 'Acknowledge' }).count()).resolves.toBe(0);
		const admin = await newPage(browser, 'admin');
		await admin.goto(`${inject('baseUrl')}/alerts`);
		await expect(
			admin.getByRole('navigation', { name: 'Alerts' }).getByRole('link').allTextContents()
		).resolves.toEqual(['Alert history', 'Rules', 'Outbox']);
		await admin.close();
		await page.close();
	});

	it('answers an address no route serves with a styled page', async () => {
		const page = await newPage(browser, 'viewer');
		const response = await page.goto(`${inject('baseUrl')}/nonexistent`);
		expect(response?.status()).toBe(404);
		await expect(page.locator('h1').textContent()).resolves.toBe('There is no such page');
		await expect(page.getByRole('link', { name: 'Go to the weekly review' }).count()).resolves.toBe(
			1
		);
		// The app's stylesheet is applied (SvelteKit's bare page had none).
		await expect(
			page.locator('section.panel').evaluate((el) => getComputedStyle(el).borderStyle)
		).resolves.toBe('solid');
		await atBothWidths(page, 'not-found');
		await page.close();
	});

	it('an admin manages users and reads the audit log, with client-side navigation working under the CSP', async () => {
		const page = await newPage(browser, 'admin');
		const problems = watchConsole(page);
		await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
		await page.locator('header details.who summary').click();
		await page.getByRole('link', { name: 'Admin', exact: true }).click();
		await page.waitForURL((url) => url.pathname === '/admin/users');
		// Still the same document: SvelteKit's router ran (its scripts were allowed by the CSP).
		await expect(
			page.evaluate(() => (window as unknown as { marker?: number }).marker)
		).resolves.toBe(42);

		const add = page.locator('section', { hasText: 'Add a user' });
		await add.getByLabel('Email').fill('new.analyst@parity.test');
		await add.getByLabel('Name').fill('Nia New');
		await add.getByLabel('Role').selectOption('analyst');
		await add.getByLabel('Initial password').fill('a fine long password');
		await add.getByRole('button', { name: 'Add user' }).click();
		await page.getByText('Added new.analyst@parity.test as analyst.').waitFor();
		// The users table was 787 px wide at 390 px, and the System settings tab ran off the screen;
		// then 860 px inside a box that scrolled, Status, Disable and Reset password out of sight.
		await atBothWidths(page, 'users', { reachable: true });
		await page.setViewportSize(PHONE);
		const nia = page.getByRole('row', { name: /new\.analyst@parity\.test/ });
		await expect(nia.getByRole('button', { name: 'Disable' }).isVisible()).resolves.toBe(true);
		await expect(nia.getByText('Reset password').isVisible()).resolves.toBe(true);
		await page.setViewportSize(DESKTOP);

		await page.getByRole('link', { name: 'Audit log' }).click();
		await page.waitForURL((url) => url.pathname === '/admin/audit');
		const log = (await page.locator('table').textContent()) ?? '';
		expect(log).toContain('user.create');
		expect(log).toContain('new.analyst@parity.test');
		expect(log).toContain('auth.login');
		await atBothWidths(page, 'audit', { reachable: true });
		await page
			.getByRole('navigation', { name: 'Administration' })
			.getByRole('link', { name: 'System settings' })
			.click();
		await page.waitForURL((url) => url.pathname === '/admin/settings');
		await atBothWidths(page, 'admin-settings');
		expect(problems).toEqual([]);
	});
});

describe('forgery and framing', () => {
	it("refuses a form posted from another site (SvelteKit's CSRF check is on)", async () => {
		const response = await fetch(`${inject('baseUrl')}/login`, {
			method: 'POST',
			headers: {
				origin: 'http://evil.example',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ email: ACCOUNTS.admin.email, password: ACCOUNTS.admin.password })
		});
		expect(response.status).toBe(403);
		await expect(response.text()).resolves.toContain(
			'Cross-site POST form submissions are forbidden'
		);
	});
});
