import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../src/lib/server/app';
import { AddAnnotationForm, addAnnotation } from '../../src/lib/server/dashboard/annotations';
import { setSetting } from '../../src/lib/server/db/repos/settings';
import { csatFinding, digestContent } from '../helpers/alerts';
import { SYSTEM } from '../helpers/auth';
import { scratchDir, writeFile } from '../helpers/files';

const root = new URL('../..', import.meta.url).pathname;

function parity(dataDir: string, ...args: string[]) {
	const result = spawnSync(process.execPath, [join(root, 'bin/parity.js'), ...args], {
		cwd: root,
		env: {
			...process.env,
			PARITY_DATA_DIR: dataDir,
			PARITY_DB: join(dataDir, 'parity.db'),
			SMTP_URL: ''
		},
		encoding: 'utf8'
	});
	return { code: result.status, out: result.stdout, err: result.stderr };
}

// Each command is a fresh process compiling TypeScript through tsx: seconds apiece here.
describe('parity alerts / parity digest', { timeout: 120_000 }, () => {
	it('evaluates hand-made findings, writes the emails to data/outbox, and sends nothing twice', () => {
		const dataDir = scratchDir();
		const handle = openAppDatabase(join(dataDir, 'parity.db'));
		setSetting(handle, 'alerts.recipients', ['lead@example.com']);
		// A note in the week the change began (the finding's since, week 46): the email names it.
		addAnnotation(
			handle,
			SYSTEM,
			AddAnnotationForm.parse({ day: '2026-11-10', text: 'Refund macro rewritten' })
		);
		handle.close();
		const file = writeFile(
			dataDir,
			'findings.json',
			JSON.stringify({ findings: [csatFinding()], digest: digestContent() })
		);

		const dry = parity(
			dataDir,
			'alerts',
			'run',
			'--week',
			'2026-W47',
			'--findings',
			file,
			'--dry-run'
		);
		expect(dry.code, dry.err).toBe(0);
		expect(dry.out).toContain('[dry run] week 2026-W47: 1 finding; 1 to fire');
		// The segment in the words of the pages and emails, not the alert's internal key.
		expect(dry.out).toContain('fire     CSAT dropped: AI · Chat · Refunds\n');
		expect(dry.out).not.toContain('handler=');
		expect(existsSync(join(dataDir, 'outbox'))).toBe(false);

		const first = parity(dataDir, 'alerts', 'run', '--week', '2026-W47', '--findings', file);
		expect(first.code, first.err).toBe(0);
		expect(first.out).toContain('fire     CSAT dropped: AI · Chat · Refunds\n');
		expect(first.out).toContain('emails: 1 queued');
		expect(first.out).toMatch(/outbox \(files in .*outbox\): 1 sent/);

		const second = parity(dataDir, 'alerts', 'run', '--week', '2026-W47', '--findings', file);
		expect(second.out).toContain('0 to fire, 1 still open');
		expect(second.out).toContain('0 sent');

		const digest = parity(dataDir, 'digest', '--week', '2026-W47', '--content', file);
		expect(digest.code, digest.err).toBe(0);
		expect(digest.out).toContain('digest for 2026-W47: queued as outbox #2');
		expect(parity(dataDir, 'digest', '--week', '2026-W47', '--content', file).out).toContain(
			'already queued before (outbox #2); nothing new'
		);
		expect(readdirSync(join(dataDir, 'outbox')).sort()).toEqual([
			'000001-alert.eml',
			'000002-digest.eml'
		]);
		const alertEmail = readFileSync(join(dataDir, 'outbox', '000001-alert.eml'), 'utf8');
		expect(alertEmail).toContain('Noted:      Refund macro rewritten (2026-11-10)');

		const list = parity(dataDir, 'alerts', 'list');
		expect(list.out).toMatch(
			/^#1 open {5}critical 2026-W47 {2}CSAT dropped: AI · Chat · Refunds$/m
		);
		expect(parity(dataDir, 'alerts', 'ack', '1', '--by', 'Dana').out).toContain(
			'alert #1 acknowledged by Dana'
		);
		expect(parity(dataDir, 'alerts', 'outbox').out).toContain(
			'outbox: 0 pending, 0 sending, 2 sent, 0 failed'
		);

		// The next week has no finding there: the alert resolves, named as it fired.
		const next = parity(dataDir, 'alerts', 'run', '--week', '2026-W48', '--findings', file);
		expect(next.code, next.err).toBe(0);
		expect(next.out).toContain('resolve  #1 CSAT dropped: AI · Chat · Refunds\n');
		expect(next.out).not.toContain('handler=');
	});

	it('refuses a bad week, and evaluates the analytics of an empty database to nothing', () => {
		const dataDir = scratchDir();
		const bad = parity(dataDir, 'digest', '--week', '47');
		expect(bad.code).toBe(2);
		expect(bad.err).toContain("--week takes an ISO week like 2026-W47, not '47'");
		const empty = parity(dataDir, 'alerts', 'run', '--week', '2026-W47');
		expect(empty.code, empty.err).toBe(0);
		expect(empty.out).toContain('week 2026-W47: 0 findings; 0 to fire, 0 still open, 0 resolved');
	});
});
