import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parity } from '../helpers/cli';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

const root = new URL('../..', import.meta.url).pathname;

describe('the command line', () => {
	it('adds users with a password from stdin, prints nothing secret, refuses bad input', () => {
		const dir = scratchDir();
		const added = parity(
			dir,
			['user', 'add', '--email', 'Root@Example.com', '--role', 'admin', '--password-stdin'],
			'a very long secret\n'
		);
		expect(added).toMatchObject({ code: 0, out: 'Added admin root@example.com (user #1).\n' });
		expect(added.out + added.err).not.toContain('a very long secret');
		expect(
			parity(
				dir,
				['user', 'add', '--email', 'x@example.com', '--role', 'viewer', '--password-stdin'],
				'short\n'
			)
		).toMatchObject({
			code: 2,
			err: 'parity user: password: at least 10 characters\n'
		});
		// No terminal and no --password-stdin: it will not invent or echo a password.
		expect(
			parity(dir, ['user', 'add', '--email', 'x@example.com', '--role', 'viewer'], '')
		).toMatchObject({ code: 2 });
		expect(
			parity(dir, ['user', 'add', '--email', 'x@example.com', '--role', 'owner'], '')
		).toMatchObject({
			code: 2,
			err: 'parity user: --role must be one of viewer, analyst, admin\n'
		});
		expect(parity(dir, ['user', 'list']).out).toBe('   1  admin    root@example.com\n');
		const db = new Database(join(dir, 'parity.db'), { readonly: true });
		expect(db.prepare('SELECT actor, action, target FROM audit_log').all()).toEqual([
			{
				actor: expect.stringMatching(/^cli \(.+\)$/),
				action: 'user.create',
				target: 'root@example.com'
			}
		]);
		db.close();
		expect(statSync(join(dir, 'parity.db')).mode & 0o777).toBe(0o600);
	}, 120_000);

	it('erases a customer (a dry run first) and backs the database up', () => {
		const dir = scratchDir();
		const file = writeFile(
			dir,
			'export.ndjson',
			ndjson(
				['jane@example.com', 'bob@example.com'].map((email, i) => ({
					id: `c${i}`,
					customer: { email },
					messages: [
						{ role: 'customer', created_at: '2026-03-02T09:00:00Z', text: `hi from ${email}` }
					]
				}))
			)
		);
		expect(parity(dir, ['import', file]).code).toBe(0);
		expect(parity(dir, ['erase', '--customer', 'JANE@example.com'])).toMatchObject({
			code: 0,
			out: 'Would erase 1 conversation, 1 message of 1 customer record. Run again with --yes to erase them.\n'
		});
		expect(parity(dir, ['erase', '--customer', 'JANE@example.com', '--yes']).code).toBe(0);
		expect(parity(dir, ['erase', '--customer', 'jane@example.com', '--yes'])).toMatchObject({
			code: 1
		});

		const backup = join(dir, 'backup.db');
		const result = parity(dir, ['backup', backup]);
		expect(result.code).toBe(0);
		expect(result.out).toContain(`to ${backup}`);
		expect(result.out).toContain(join(dir, 'secret.key'));
		const copy = new Database(backup, { readonly: true });
		expect(copy.prepare('SELECT external_id FROM conversations').all()).toEqual([
			{ external_id: 'c1' }
		]);
		expect(copy.prepare('SELECT body FROM messages').all()).toEqual([{ body: 'hi from [EMAIL]' }]);
		copy.close();
		expect(parity(dir, ['backup', backup])).toMatchObject({ code: 1 });
	}, 120_000);

	it('retention: shows the policy and what it deletes, sets it, and sweeps on request', () => {
		const dir = scratchDir();
		// One conversation from March 2026, more than 2 months before any day this runs; one
		// from two days ago.
		const file = writeFile(
			dir,
			'export.ndjson',
			ndjson(
				['2026-03-02T09:00:00Z', new Date(Date.now() - 2 * 86_400_000).toISOString()].map(
					(at, i) => ({
						id: `c${i}`,
						customer: { email: `customer${i}@example.com` },
						messages: [{ role: 'customer', created_at: at, text: 'Where is my parcel?' }]
					})
				)
			)
		);
		expect(parity(dir, ['import', file]).code).toBe(0);
		expect(parity(dir, ['retention'])).toMatchObject({
			code: 0,
			out: 'Conversations are kept for good.\n'
		});
		const set = parity(dir, ['retention', '--months', '2']);
		expect(set.code).toBe(0);
		expect(set.out).toMatch(
			/^Conversations are kept 2 months: those that started before \d{4}-W\d\d go: 1 conversation \(1 message\) and 0 rejected records of imports from before then, at the next sweep or with --apply\.\n$/
		);
		const swept = parity(dir, ['retention', '--apply']);
		expect(swept.code).toBe(0);
		expect(swept.out).toMatch(
			/^Deleted 1 conversation \(1 message\) that started before \d{4}-W\d\d, and 0 rejected records; their weeks were recomputed\./
		);
		expect(parity(dir, ['retention']).out).toMatch(/go; none is stored\.\n$/);
		const db = new Database(join(dir, 'parity.db'), { readonly: true });
		expect(db.prepare('SELECT external_id FROM conversations').all()).toEqual([
			{ external_id: 'c1' }
		]);
		expect(
			db
				.prepare(
					`SELECT action, target FROM audit_log WHERE action IN ('setting.change', 'retention') ORDER BY id`
				)
				.all()
		).toEqual([
			{ action: 'setting.change', target: 'privacy.retentionMonths' },
			{ action: 'retention', target: expect.stringMatching(/^before \d{4}-W\d\d$/) }
		]);
		db.close();
		expect(parity(dir, ['retention', '--months', '0'])).toMatchObject({
			code: 2,
			err: 'parity retention: --months must be a whole number from 1 to 120. Usage: parity retention [--months N | --off] [--apply]\n'
		});
		expect(parity(dir, ['retention', '--off']).out).toBe('Conversations are kept for good.\n');
	}, 120_000);

	it('rollup reports the derivation it ran after a setting changed, not an empty one', () => {
		const dir = scratchDir();
		const file = writeFile(
			dir,
			'export.ndjson',
			ndjson(
				[0, 1, 2].map((i) => ({
					id: `c${i}`,
					customer: { email: 'same@example.com' },
					messages: [
						{ role: 'customer', created_at: `2026-03-0${2 + i * 3}T09:00:00Z`, text: 'hello?' },
						{ role: 'ai', created_at: `2026-03-0${2 + i * 3}T09:00:05Z`, text: 'Hi there.' }
					]
				}))
			)
		);
		expect(parity(dir, ['import', file]).code).toBe(0);
		const db = new Database(join(dir, 'parity.db'));
		db.prepare(
			"INSERT OR REPLACE INTO settings (key, value) VALUES ('repeat.windowDays', '2')"
		).run();
		db.close();
		const result = parity(dir, ['rollup', '--json']);
		expect(result.code).toBe(0);
		expect(JSON.parse(result.out)).toMatchObject({
			conversations: 0,
			rebuilt: 'repeat-and-weeks',
			conversationsInRollups: 3
		});
		expect(JSON.parse(parity(dir, ['rollup', '--json']).out)).toMatchObject({ rebuilt: 'none' });
	}, 120_000);

	it('removes the demo data set (a dry run first), leaving the sources a user imported', () => {
		const dir = scratchDir();
		const record = (id: string) => ({
			id,
			customer: { email: `${id}@example.com` },
			messages: [{ role: 'customer', created_at: '2026-03-02T09:00:00Z', text: 'hello?' }]
		});
		const file = (name: string, ids: string[]) => writeFile(dir, name, ndjson(ids.map(record)));
		expect(parity(dir, ['demo', '--remove']).out).toBe(
			'No demo data is stored. Nothing to remove.\n'
		);
		expect(
			parity(dir, ['import', file('demo.ndjson', ['a', 'b']), '--source', 'Zendesk (demo)']).code
		).toBe(0);
		expect(parity(dir, ['import', file('own.ndjson', ['c']), '--source', 'desk']).code).toBe(0);

		expect(parity(dir, ['demo', '--remove'])).toMatchObject({
			code: 0,
			out: 'Would remove 2 conversations, 2 messages, 1 import and 0 records rejected of "Zendesk (demo)". Run again with --yes to remove them.\n'
		});
		expect(parity(dir, ['demo', '--remove', '--yes']).code).toBe(0);
		expect(parity(dir, ['source', 'list']).out).toBe(
			'desk  (Parity NDJSON / JSON): 1 conversation, 1 import\n'
		);
		expect(parity(dir, ['source', 'remove', 'nope'])).toMatchObject({
			code: 2,
			err: "parity source: no source named 'nope' (stored: 'desk')\n"
		});
	}, 120_000);

	it('notes what changed on the timeline, lists and removes it, naming a wrong option', () => {
		const dir = scratchDir();
		// A day this week, whatever today is: the list shows the last weeks.
		const today = new Date().toISOString().slice(0, 10);
		expect(parity(dir, ['note', 'list'])).toMatchObject({
			code: 0,
			out: 'No notes in the last 13 weeks.\n'
		});
		expect(parity(dir, ['note', 'add', '--day', today, '--text', 'Fin v3 released'])).toMatchObject(
			{
				code: 0,
				out: expect.stringMatching(
					/^Noted “Fin v3 released” on \d{4}-\d{2}-\d{2} \(\d{4}-W\d{2}\)\.\n$/
				)
			}
		);
		expect(parity(dir, ['note', 'add', '--day', '2026-02-31', '--text', 'x'])).toMatchObject({
			code: 2,
			err: 'parity note: --day: a day written YYYY-MM-DD, such as 2026-11-12\n'
		});
		expect(
			parity(dir, ['note', 'add', '--day', today, '--text', 'x', '--source', 'Nope'])
		).toMatchObject({ code: 2, err: 'parity note: --source: no source is called “Nope”\n' });
		expect(parity(dir, ['note', 'list']).out).toMatch(
			new RegExp(`^#1  ${today} \\(\\d{4}-W\\d{2}\\)  Fin v3 released\\n$`)
		);
		expect(parity(dir, ['note', 'remove', '1'])).toMatchObject({
			code: 0,
			out: 'Removed “Fin v3 released”.\n'
		});
		expect(parity(dir, ['note', 'remove', '1'])).toMatchObject({
			code: 2,
			err: 'parity note: no note #1\n'
		});
	}, 60_000);
	it('opens the SQLite file a DATABASE_URL names, and refuses PostgreSQL in one line', () => {
		const dir = scratchDir();
		const run = (url: string) => {
			const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, PARITY_DATA_DIR: dir };
			delete env.PARITY_DB;
			const result = spawnSync(process.execPath, [join(root, 'bin/parity.js'), 'user', 'list'], {
				cwd: root,
				encoding: 'utf8',
				env
			});
			return { code: result.status, out: result.stdout, err: result.stderr };
		};
		expect(run(`file:${join(dir, 'elsewhere.db')}`)).toMatchObject({
			code: 0,
			out: 'No users yet.\n'
		});
		expect(statSync(join(dir, 'elsewhere.db')).isFile()).toBe(true);
		const refused = run('postgres://parity:secret@db.internal/parity');
		expect(refused.code).toBe(1);
		expect(refused.out).toBe('');
		expect(refused.err).toMatch(/^parity user: DATABASE_URL asks for PostgreSQL, .*\n$/);
		expect(refused.err).not.toContain('secret');
		expect(existsSync(join(dir, 'parity.db'))).toBe(false);
	});
});
