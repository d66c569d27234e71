import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deliverOutbox } from '../../src/lib/server/alerts/deliver';
import { queueTestEmail, TestEmailForm } from '../../src/lib/server/alerts/test-email';
import { fileTransport } from '../../src/lib/server/alerts/transport';
import { setSetting } from '../../src/lib/server/db/repos/settings';
import { SYSTEM } from '../helpers/auth';
import { testDb } from '../helpers/db';
import { scratchDir } from '../helpers/files';

describe('a test email from the settings page', () => {
	it('goes through the outbox like an alert, from the sender set, and is audited', async () => {
		const handle = testDb();
		setSetting(handle, 'mail.from', 'Parity <parity@acme.test>');
		setSetting(handle, 'alerts.baseUrl', 'https://parity.acme.test');
		const now = () => Date.parse('2026-11-27T10:00:00Z');
		const input = TestEmailForm.parse({ to: ' lead@acme.test ' });
		const queued = await queueTestEmail(handle, SYSTEM, input, { now, env: {} });
		expect(queued).toMatchObject({
			ok: true,
			value: { to: 'lead@acme.test', delivery: { kind: 'file' } }
		});

		const dir = scratchDir();
		const report = await deliverOutbox(handle, fileTransport(dir), { now });
		expect(report.messages).toEqual([expect.objectContaining({ outcome: 'sent' })]);
		const eml = readFileSync(join(dir, '000001-test.eml'), 'utf8');
		expect(eml).toContain('To: lead@acme.test');
		expect(eml).toContain('From: Parity <parity@acme.test>');
		expect(eml).toContain('Subject: Parity test email: alerts will reach this address');

		const audited = handle.sqlite
			.prepare("SELECT action, target FROM audit_log WHERE action = 'email.test'")
			.all();
		expect(audited).toEqual([{ action: 'email.test', target: 'lead@acme.test' }]);
	});

	it('names the field when the address is not one', () => {
		const parsed = TestEmailForm.safeParse({ to: 'lead at acme' });
		expect(parsed.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
			['to', 'an email address, such as you@example.com']
		]);
	});
});
