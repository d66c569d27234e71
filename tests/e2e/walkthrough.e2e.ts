import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/cli/user';
import { DEMO_NOTICE_COOKIE } from '../../src/lib/components/dashboard/demo-notice';
import { openAppDatabase } from '../../src/lib/server/app';
import { audit } from '../../src/lib/server/audit';
import { ensureSource } from '../../src/lib/server/db/repos/sources';
import { setSetting } from '../../src/lib/server/db/repos/settings';
import { launchBrowser, newPage, overflow, PHONE, screenshot } from './browser';
import { startOwnServer } from './own-server';
import { root, type RunningServer } from './server';

/**
 * What a new user's walkthrough found, each as the person saw it: timestamps in two zones
 * without saying which, a demo notice that told viewers to use a page they may not open and
 * filled a phone's first screen, an empty review that ignored what was stored, and pages that
 * went by two names. On a server of this file's own: the demo, its removal and the zone change
 * would change what the other files see.
 */

let browser: Browser;
let server: RunningServer;
const base = () => server.baseUrl;
const db = () => openAppDatabase(join(server.dataDir, 'parity.db'));

function parity(args: string[]) {
	const result = spawnSync(process.execPath, [join(root, 'bin/parity.js'), ...args], {
		cwd: root,
		env: {
			...process.env,
			PARITY_DATA_DIR: server.dataDir,
			PARITY_DB: join(server.dataDir, 'parity.db'),
			PARITY_DEMO: 'off'
		},
		encoding: 'utf8'
	});
	if (result.status !== 0) throw new Error(`parity ${args.join(' ')} failed:\n${result.stderr}`);
	return result.stdout;
}

/** 26 Nov 2026, 16:47:16 UTC: the audit entry the walkthrough saw in UTC. */
const AUDITED_AT = Date.UTC(2026, 10, 26, 16, 47, 16);
/** 29 Mar 2026, 01:00 UTC: the instant Berlin's clocks jump from 02:00 to 03:00. */
const SIGNED_IN_AT = Date.UTC(2026, 2, 29, 1, 0, 0);

beforeAll(async () => {
	server = await startOwnServer({ demo: true });
	browser = await launchBrowser();
	// Twelve conversations nobody answered, in a source of their own, beside the demo.
	const file = join(server.dataDir, 'unanswered.ndjson');
	writeFileSync(
		file,
		Array.from({ length: 12 }, (_, i) =>
			JSON.stringify({
				id: `u${i + 1}`,
				channel: 'email',
				customer: { email: `waiting${i}@example.com` },
				messages: [
					{ role: 'customer', created_at: '2026-03-04T09:00:00Z', text: 'Is anyone there?' }
				]
			})
		).join('\n') + '\n'
	);
	parity(['import', file, '--source', 'Acme desk']);
	const handle = db();
	try {
		// A source whose every record was rejected holds nothing: the notice must not count it.
		ensureSource(handle, 'Empty desk', 'zendesk');
		setSetting(handle, 'org.timeZone', 'Europe/Berlin');
		audit(
			handle,
			{ userId: null, label: 'cli:ops', address: null },
			'backup',
			null,
			null,
			AUDITED_AT
		);
		const user = await addUser(handle, {
			email: 'dst@parity.test',
			role: 'viewer',
			password: 'a long enough password'
		});
		handle.sqlite
			.prepare('UPDATE users SET last_login_at = ? WHERE id = ?')
			.run(SIGNED_IN_AT, user.id);
	} finally {
		handle.close();
	}
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const text = async (page: Page, selector: string) =>
	((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('timestamps are in the organisation zone, which each page names', () => {
	it('the audit log shows Berlin time (it showed UTC) and says so', async () => {
		const page = await newPage(browser, 'admin', base());
		await page.goto(`${base()}/admin/audit?action=backup`);
		await expect(text(page, 'tbody td[data-label="When"]')).resolves.toBe('26 Nov 2026, 17:47:16');
		await expect(text(page, '.times-in')).resolves.toBe('Times in Europe/Berlin.');
		// Every action kind has a label in the filter, none a raw key.
		const options = await page.locator('#action option').allTextContents();
		expect(options).toEqual(
			expect.arrayContaining(['bot-detection rules', 'topic taxonomy', 'column mappings'])
		);
		for (const option of options) expect(option).not.toMatch(/_|\./);
		await page.context().close();
	});

	it('the users page shows a last sign-in across the DST change in Berlin time', async () => {
		const page = await newPage(browser, 'admin', base());
		await page.goto(`${base()}/admin/users`);
		const row = page.locator('tr', { hasText: 'dst@parity.test' });
		// 01:00 UTC is 03:00 CEST: the clocks skipped 02:00–03:00 that night.
		await expect(row.textContent()).resolves.toContain('29 Mar 2026, 03:00');
		await expect(text(page, '.times-in')).resolves.toBe('Times in Europe/Berlin.');
		await page.context().close();
	});
});

describe('the demo notice', () => {
	it('tells a viewer who can import, and counts only sources that hold conversations', async () => {
		const page = await newPage(browser, 'viewer', base());
		await page.goto(base());
		const notice = await text(page, 'aside.demo');
		expect(notice).toContain('Demo data is mixed in with your own.');
		expect(notice).toContain('beside those of 1 source you imported');
		expect(notice).toContain(
			'To see your own data, an admin or analyst can import an export of your help desk'
		);
		expect(notice).not.toContain('npx parity import');
		await expect(page.locator('aside.demo a[href="/imports"]').count()).resolves.toBe(0);
		await page.context().close();
	});

	it('is one line on a phone, opens on request, and stays hidden for the session once hidden', async () => {
		const page = await newPage(browser, 'analyst', base());
		await page.setViewportSize({ width: 1366, height: 900 });
		await page.goto(base(), { waitUntil: 'networkidle' });
		const notice = page.locator('aside.demo');
		await expect(notice.textContent()).resolves.toContain('on the Imports page or with');
		await expect(notice.locator('.details').isVisible()).resolves.toBe(true);
		await screenshot(page, 'demo-notice-1366');

		await page.setViewportSize(PHONE);
		await screenshot(page, 'demo-notice-390');
		// It took half of the first screen (about 420 of 844 px); now the line and two buttons.
		const height = (await notice.boundingBox())?.height ?? 0;
		expect(height).toBeGreaterThan(0);
		expect(height).toBeLessThan(90);
		await expect(notice.locator('.details').isVisible()).resolves.toBe(false);
		expect(await overflow(page)).toBeLessThanOrEqual(0);
		await notice.getByRole('button', { name: 'More' }).click();
		await expect(notice.locator('.details').isVisible()).resolves.toBe(true);
		await screenshot(page, 'demo-notice-390-more');

		await notice
			.getByRole('button', { name: 'Hide the demo notice for this browser session' })
			.click();
		await expect(page.locator('aside.demo').count()).resolves.toBe(0);
		// The page wrote the cookie; the browser hands it to its cookie store a moment later.
		await expect
			.poll(async () => (await page.context().cookies()).map((cookie) => cookie.name))
			.toContain(DEMO_NOTICE_COOKIE);
		// Left out of the page the server renders (no flash, no jump), here and on other pages.
		const html = await (await page.request.get(`${base()}/trends`)).text();
		expect(html).not.toContain('aria-label="Demo data"');
		await page.goto(`${base()}/trends`);
		await expect(page.locator('aside.demo').count()).resolves.toBe(0);
		await page.getByRole('link', { name: 'Weekly review' }).click();
		await page.waitForURL(`${base()}/`);
		await expect(page.locator('aside.demo').count()).resolves.toBe(0);
		await page.context().close();

		// A new session sees it again.
		const fresh = await newPage(browser, 'analyst', base());
		await fresh.goto(base());
		await expect(fresh.locator('aside.demo').count()).resolves.toBe(1);
		await fresh.context().close();
	});
});

describe('names and lists a person reads', () => {
	it('one name per page, the tool by its label, and what redaction replaces', async () => {
		const page = await newPage(browser, 'admin', base());
		await page.goto(base());
		const nav = page.getByRole('navigation', { name: 'Main' });
		await expect(nav.getByRole('link').allTextContents()).resolves.toEqual(
			expect.arrayContaining(['Where automation hurts', 'Analysis settings'])
		);
		// The longer names wrapped inside themselves at 1280 px ("Analysis / settings").
		for (const width of [1280, 1366]) {
			await page.setViewportSize({ width, height: 900 });
			const heights = await nav
				.getByRole('link')
				.evaluateAll((links) => links.map((link) => link.getBoundingClientRect().height));
			expect(new Set(heights).size, `nav links at ${width}`).toBe(1);
			// Nor does the bar wrap: at 1280 px "Analysis settings" went onto a second line.
			const tops = await nav
				.getByRole('link')
				.evaluateAll((links) => links.map((link) => link.getBoundingClientRect().top));
			expect(new Set(tops).size, `rows of nav links at ${width}`).toBe(1);
			await screenshot(page, `nav-admin-${width}`);
		}
		await page.goto(`${base()}/settings`);
		await expect(text(page, 'h1')).resolves.toBe('Analysis settings');
		await expect(page.title()).resolves.toBe('Analysis settings · Parity');

		await page.goto(`${base()}/admin/settings`);
		await expect(text(page, 'h1')).resolves.toBe('System settings');
		await expect(
			page
				.getByRole('navigation', { name: 'Administration' })
				.getByRole('link', { name: 'System settings' })
				.getAttribute('aria-current')
		).resolves.toBe('page');
		const privacy = await text(page, 'label.check');
		expect(privacy).toContain(
			'Email addresses, phone numbers, card numbers, IBANs and US social security numbers in messages are replaced by [EMAIL], [PHONE], [CARD], [IBAN], [SSN]'
		);
		// Backups are on from the first start, due at 03:00 in the organisation's zone.
		const backups = page.locator('section', {
			has: page.getByRole('heading', { name: 'Automatic backups' })
		});
		const backupStatus = (await backups.locator('.backup-status').textContent()) ?? '';
		expect(backupStatus.replace(/\s+/g, ' ').trim()).toMatch(
			/No automatic backup yet\.\s+They go to \S+backups; next \d+ \w{3} \d{4}, 03:00 \(Europe\/Berlin\)\./
		);
		await expect(backups.getByLabel('Backups kept').inputValue()).resolves.toBe('7');
		// The settings save (a named action beside the test email's), and a test email is queued.
		await backups.getByLabel('Backups kept').fill('5');
		await Promise.all([
			page.waitForURL((url) => url.search.includes('/save')),
			page.getByRole('button', { name: 'Save settings' }).click()
		]);
		await expect(text(page, '.notice.success')).resolves.toBe(
			'Saved. Changes are recorded in the audit log.'
		);
		await expect(backups.getByLabel('Backups kept').inputValue()).resolves.toBe('5');
		// Retention: off by default; set, the page says what the next sweep deletes before it
		// does (the sweep runs at 04:00 and on start, so nothing goes here); emptied, off again.
		const retention = page.locator('section', {
			has: page.getByRole('heading', { name: 'Retention' })
		});
		const plan = async () =>
			((await retention.locator('.retention-plan').textContent()) ?? '')
				.replace(/\s+/g, ' ')
				.trim();
		await expect(plan()).resolves.toBe('Conversations are kept for good.');
		const saveSettings = () =>
			Promise.all([
				page.waitForURL((url) => url.search.includes('/save')),
				page.getByRole('button', { name: 'Save settings' }).click()
			]);
		await retention.getByLabel('Keep conversations (months)').fill('1');
		await saveSettings();
		await expect(plan()).resolves.toMatch(
			/^The next sweep, \d+ \w{3} \d{4}, 04:00, deletes [\d,]+ conversations? \([\d,]+ messages?\) that started before \d{4}-W\d\d \(Monday \d+ \w+\)( and [\d,]+ rejected records? of imports from before then)?\. Empty the field and save to keep them\.$/
		);
		await retention.getByLabel('Keep conversations (months)').fill('');
		await saveSettings();
		await expect(plan()).resolves.toBe('Conversations are kept for good.');
		await Promise.all([
			page.waitForURL((url) => url.search.includes('/backupNow')),
			page.getByRole('button', { name: 'Back up now' }).click()
		]);
		await expect(text(page, '.backup-now .notice')).resolves.toMatch(
			/^Backed up to parity-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}Z\.db \(\d+(\.\d+)? [KM]B\) in \S+backups\.$/
		);
		await expect(text(page, '.backup-status')).resolves.toMatch(/^Last backup .* 1 backup kept/);
		await Promise.all([
			page.waitForURL((url) => url.search.includes('/testEmail')),
			page.getByRole('button', { name: 'Send a test email' }).click()
		]);
		await expect(text(page, '.test-email .notice')).resolves.toMatch(
			/^Queued a test email to admin@\S+ \(message #\d+\)\. The server writes it to \S+outbox \(no SMTP_URL is set\) within 15 seconds/
		);
		// No recipient was made up: the page says none is set.
		await expect(page.getByLabel('Alert recipients').inputValue()).resolves.toBe('');
		await expect(text(page, '#alertRecipients-note')).resolves.toContain(
			'No recipient is set: alerts are recorded on the Alerts page but not emailed.'
		);
		await page.goto(`${base()}/alerts`);
		await expect(text(page, 'main')).resolves.toContain(
			'No alert recipient is set, so alerts are recorded here but not emailed'
		);

		await page.goto(`${base()}/imports`);
		const acme = page.locator('table.sources tr', { hasText: 'Acme desk' });
		await expect(acme.locator('td[data-label="Tool"]').textContent()).resolves.toBe(
			'Parity NDJSON / JSON'
		);
		await expect(text(page, '.times-in')).resolves.toBe('Times in Europe/Berlin.');
		await page.context().close();
	});
});

describe('after the demo is removed', () => {
	it('the review says the stored conversations were not answered, not "import something"', async () => {
		parity(['demo', '--remove', '--yes']);
		const page = await newPage(browser, 'analyst', base());
		await page.goto(base());
		const empty = await text(page, '.empty-state');
		expect(empty).toContain(
			'12 conversations are stored, but none was answered by an AI or a human agent, so no week has figures'
		);
		expect(empty).not.toContain('once it has some to read');
		expect(empty).not.toContain('npx parity demo');
		await expect(page.locator('aside.demo').count()).resolves.toBe(0);
		await screenshot(page, 'review-unanswered');
		await page.context().close();

		const report = parity(['report']);
		expect(report).toContain(
			'parity report: 12 conversations are stored, but none was answered by an AI or a human agent, so no week has figures.'
		);
		expect(report).not.toContain('run parity rollup');
		expect(report).not.toContain('))');
	});
});
