import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pathOf, routesOnDisk } from '../helpers/routes';
import { DESKTOP, loginAs, PHONE } from './browser';
import { ownDemoServer } from './own-server';
import { freshDataDir, startServer } from './server';

/**
 * Every page, on the demo data set, checked with axe-core against WCAG 2.1 A and AA (the
 * level public buyers ask for): signed in as an admin, who sees every page, and the sign-in
 * page signed out. The pages are read from src/routes, so a new page is checked without
 * anyone listing it; a page with a parameter is opened on a real record of the demo.
 */

const own = ownDemoServer();
const base = () => own.server.baseUrl;
const axeSource = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One line per violation: the rule, how many elements, and the first of them. */
async function violations(page: Page): Promise<string[]> {
	await page.addScriptTag({ path: axeSource });
	return page.evaluate(async (tags) => {
		const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
		const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
		return result.violations.map(
			(violation) =>
				`${violation.id} (${violation.nodes.length}×, e.g. ${violation.nodes[0]?.target.join(' ')}): ${violation.help}`
		);
	}, WCAG_21_AA);
}

/** A page of its own context, which lets the checker's script past the pages' CSP. */
async function checkerPage(signedIn: boolean): Promise<Page> {
	const context = await own.browser.newContext({ viewport: DESKTOP, bypassCSP: true });
	const page = await context.newPage();
	if (signedIn) await loginAs(page, 'admin', base());
	return page;
}

/** The pages an admin opens, with a demo conversation and import for the parameters. */
function pagePaths(): string[] {
	const db = new Database(join(own.server.dataDir, 'parity.db'), { readonly: true });
	const ids = {
		conversation: db
			.prepare("SELECT id FROM conversations WHERE handler = 'hybrid' ORDER BY id LIMIT 1")
			.pluck()
			.get() as number,
		import: db.prepare('SELECT id FROM imports ORDER BY id LIMIT 1').pluck().get() as number
	};
	db.close();
	return routesOnDisk()
		.filter((route) => route.files.includes('+page.svelte'))
		.filter((route) => route.id.startsWith('/(app)'))
		.map((route) =>
			pathOf(
				route.id
					.replace('/conversations/[id]', `/conversations/${ids.conversation}`)
					.replace('/imports/[id]', `/imports/${ids.import}`)
			)
		);
}

describe('accessibility (WCAG 2.1 AA, axe-core)', () => {
	it('finds nothing on any page an admin opens', async () => {
		const page = await checkerPage(true);
		const paths = pagePaths();
		expect(paths).toContain('/trends');
		const found: Record<string, string[]> = {};
		for (const path of paths) {
			const response = await page.goto(`${base()}${path}`);
			expect(response?.status(), path).toBe(200);
			// Charts are drawn once the page has loaded: they are checked too.
			await page.waitForLoadState('networkidle');
			const list = await violations(page);
			if (list.length) found[path] = list;
		}
		expect(found).toEqual({});
	}, 180_000);

	it('finds nothing on the main pages at a phone width, nor on the sign-in page', async () => {
		const page = await checkerPage(true);
		await page.setViewportSize(PHONE);
		const found: Record<string, string[]> = {};
		for (const path of ['/', '/trends', '/gaps', '/conversations']) {
			await page.goto(`${base()}${path}`);
			await page.waitForLoadState('networkidle');
			const list = await violations(page);
			if (list.length) found[path] = list;
		}
		const signedOut = await checkerPage(false);
		await signedOut.goto(`${base()}/login`);
		const login = await violations(signedOut);
		if (login.length) found['/login'] = login;
		expect(found).toEqual({});
	}, 120_000);
	it('gives the sign-in, first-run setup and not-found pages one main landmark around all they show', async () => {
		// /login had no <main>: axe's landmark-one-main and region (best practices, not WCAG
		// rules, so the checks above did not ask for them).
		const rules = [
			'landmark-one-main',
			'region',
			'landmark-no-duplicate-main',
			'landmark-main-is-top-level'
		];
		const landmarks = async (page: Page) => {
			await page.addScriptTag({ path: axeSource });
			return page.evaluate(async (ids) => {
				const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
				const result = await axe.run(document, { runOnly: { type: 'rule', values: ids } });
				return result.violations.map((v) => `${v.id} (${v.nodes.length}×)`);
			}, rules);
		};
		const found: Record<string, string[]> = {};
		const signedOut = await checkerPage(false);
		await signedOut.goto(`${base()}/login`);
		found['/login'] = await landmarks(signedOut);
		const signedIn = await checkerPage(true);
		const missing = await signedIn.goto(`${base()}/no-such-page`);
		expect(missing?.status()).toBe(404);
		found['/no-such-page'] = await landmarks(signedIn);
		// The setup page shows only while no account exists: a server of its own, empty.
		const empty = await startServer(freshDataDir());
		try {
			const context = await own.browser.newContext({ viewport: DESKTOP, bypassCSP: true });
			const setup = await context.newPage();
			await setup.goto(`${empty.baseUrl}/login`);
			expect(new URL(setup.url()).pathname).toBe('/setup');
			found['/setup'] = await landmarks(setup);
			await expect(setup.getByRole('main').getByLabel('Setup code').count()).resolves.toBe(1);
		} finally {
			await empty.stop();
		}
		expect(found).toEqual({ '/login': [], '/no-such-page': [], '/setup': [] });
		await expect(signedOut.getByRole('main').getByLabel('Password').count()).resolves.toBe(1);
	});

	it('lets the keyboard skip the navigation: the first Tab offers it, Enter lands on the page', async () => {
		const page = await checkerPage(true);
		await page.goto(`${base()}/trends`);
		await page.keyboard.press('Tab');
		const skip = page.getByRole('link', { name: 'Skip to the page' });
		await expect(skip.evaluate((link) => link === document.activeElement)).resolves.toBe(true);
		// Shown while it has the focus, above the header.
		await expect(skip.boundingBox().then((box) => (box?.y ?? -1) >= 0)).resolves.toBe(true);
		await page.keyboard.press('Enter');
		await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('content');
		// The next Tab goes into the page (its first control), not back through the navigation.
		await page.keyboard.press('Tab');
		await expect(
			page.evaluate(() => document.activeElement?.closest('main') !== null)
		).resolves.toBe(true);
	});
});
