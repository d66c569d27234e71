import { describe, expect, it } from 'vitest';
import {
	AdminSettingsForm,
	adminSettings,
	updateAdminSettings
} from '../../src/lib/server/admin-settings';
import { recordServerAddress, resolveBaseUrl } from '../../src/lib/server/alerts/base-url';
import { sendDigest } from '../../src/lib/server/alerts/digest';
import { mailSettings } from '../../src/lib/server/alerts/notify';
import { getSetting, setSetting } from '../../src/lib/server/db/repos/settings';
import { fieldErrors } from '../../src/lib/server/http/forms';
import { digestContent } from '../helpers/alerts';
import { SYSTEM } from '../helpers/auth';
import { testDb } from '../helpers/db';

describe('the base URL of links in emails', () => {
	it('is the server’s own address unless an admin sets one', () => {
		const handle = testDb();
		expect(resolveBaseUrl(handle, {})).toEqual({
			url: 'http://localhost:3000',
			source: 'default'
		});
		expect(resolveBaseUrl(handle, { PORT: '4123' }).url).toBe('http://localhost:4123');
		expect(resolveBaseUrl(handle, { PORT: '4123', ORIGIN: 'https://parity.acme.test/' })).toEqual({
			url: 'https://parity.acme.test',
			source: 'origin'
		});
		// An ORIGIN that is not an http(s) address is not used for links.
		expect(resolveBaseUrl(handle, { ORIGIN: 'javascript:alert(1)' }).url).toBe(
			'http://localhost:3000'
		);
		setSetting(handle, 'alerts.baseUrl', 'https://support.acme.test/parity/');
		expect(resolveBaseUrl(handle, { ORIGIN: 'https://parity.acme.test' })).toEqual({
			url: 'https://support.acme.test/parity',
			source: 'setting'
		});
		setSetting(handle, 'alerts.baseUrl', null);
		expect(resolveBaseUrl(handle, {}).source).toBe('default');
	});

	it('reaches the CLI: the server records where it runs, and the CLI’s emails link there', async () => {
		const handle = testDb();
		// The server started on port 4123 …
		expect(recordServerAddress(handle, { PORT: '4123' })).toBe('http://localhost:4123');
		// … and the CLI, run from cron without PORT or ORIGIN, renders the digest.
		expect(mailSettings(handle, {}).baseUrl).toBe('http://localhost:4123');
		const report = await sendDigest(handle, {
			digestForWeek: () => digestContent(),
			week: '2026-W47',
			dryRun: true,
			env: {}
		});
		expect(report.email?.text).toContain('Weekly review: http://localhost:4123/?week=2026-W47');
		// A CLI that has an ORIGIN of its own uses it.
		expect(mailSettings(handle, { ORIGIN: 'https://p.acme.test' }).baseUrl).toBe(
			'https://p.acme.test'
		);
	});
});

describe('alert and digest settings on the admin settings page', () => {
	const form = (values: Record<string, string>) =>
		AdminSettingsForm.safeParse({
			uploadMaxMb: '2048',
			digestSchedule: '0 8 * * 1',
			backupEnabled: 'on',
			backupSchedule: '0 3 * * *',
			backupKeep: '7',
			...values
		});

	it('saves the base URL, recipients and the digest schedule, and audits each change', () => {
		const handle = testDb();
		const parsed = form({
			baseUrl: ' https://parity.acme.test/ ',
			alertRecipients: 'lead@acme.test\nops@acme.test, lead@acme.test',
			digestRecipients: '',
			digestEnabled: 'on',
			digestSchedule: '30 7 * * 1'
		});
		expect(parsed.success).toBe(true);
		const result = updateAdminSettings(handle, SYSTEM, parsed.data!, {});
		expect(result.ok).toBe(true);
		expect(getSetting(handle, 'alerts.baseUrl')).toBe('https://parity.acme.test');
		expect(getSetting(handle, 'alerts.recipients')).toEqual(['lead@acme.test', 'ops@acme.test']);
		expect(getSetting(handle, 'digest.recipients')).toEqual([]);
		expect(getSetting(handle, 'digest.schedule')).toBe('30 7 * * 1');
		const actions = handle.sqlite
			.prepare("SELECT target FROM audit_log WHERE action = 'setting.change' ORDER BY id")
			.all() as Array<{ target: string }>;
		expect(actions.map((row) => row.target)).toEqual([
			'alerts.baseUrl',
			'alerts.recipients',
			'digest.schedule'
		]);
		// Unticked, the digest is off; an empty address goes back to the automatic one.
		updateAdminSettings(handle, SYSTEM, form({ baseUrl: '' }).data!, {});
		expect(getSetting(handle, 'digest.enabled')).toBe(false);
		expect(getSetting(handle, 'alerts.baseUrl')).toBeNull();
		expect(getSetting(handle, 'alerts.recipients')).toEqual([]);
		expect(adminSettings(handle, { PORT: '5000' }).automaticBaseUrl).toEqual({
			url: 'http://localhost:5000',
			source: 'default'
		});
	});

	it('names what is wrong with a field', () => {
		const parsed = form({
			baseUrl: 'parity.acme.test',
			alertRecipients: 'lead@acme.test\nnot-an-address',
			digestSchedule: 'every monday'
		});
		expect(parsed.success).toBe(false);
		expect(fieldErrors(parsed.error!)).toEqual({
			baseUrl: 'an address starting with http:// or https://',
			alertRecipients: 'not an email address: not-an-address',
			digestSchedule: 'a cron pattern such as 0 8 * * 1 (Monday 08:00)'
		});
	});
});
