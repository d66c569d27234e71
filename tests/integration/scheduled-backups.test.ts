import Database from 'better-sqlite3';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	adminSettings,
	AdminSettingsForm,
	backupNow,
	updateAdminSettings
} from '../../src/lib/server/admin-settings';
import { openAppDatabase } from '../../src/lib/server/app';
import { getSetting, setSetting } from '../../src/lib/server/db/repos/settings';
import {
	backupFileName,
	listBackups,
	startBackupSchedule,
	takeScheduledBackup
} from '../../src/lib/server/db/scheduled-backups';
import { importFiles } from '../../src/lib/server/ingest/service';
import { SYSTEM } from '../helpers/auth';
import { testDb } from '../helpers/db';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

const at = (iso: string) => () => Date.parse(iso);

/** A database file with two conversations (and so the identity key beside it). */
async function storedDatabase() {
	const dir = scratchDir();
	const handle = openAppDatabase(join(dir, 'parity.db'));
	const file = writeFile(
		dir,
		'two.ndjson',
		ndjson(
			['c1', 'c2'].map((id) => ({
				id,
				channel: 'chat',
				customer: { email: `${id}@example.com` },
				messages: [
					{ role: 'customer', created_at: '2026-11-02T09:00:00Z', text: 'Where is my refund?' },
					{ role: 'ai', created_at: '2026-11-02T09:00:04Z', text: 'It is on its way.' }
				]
			}))
		)
	);
	await importFiles(handle, [file]);
	return { dir, handle };
}

describe('an automatic backup', () => {
	it('is a checked copy beside the database, readable by its owner, with the key copied once', async () => {
		const { dir, handle } = await storedDatabase();
		const outcome = await takeScheduledBackup(handle, { now: at('2026-11-27T03:00:00Z') });
		expect(outcome).toEqual({
			at: Date.parse('2026-11-27T03:00:00Z'),
			file: 'parity-2026-11-27T03-00-00Z.db',
			bytes: expect.any(Number),
			removed: 0,
			error: null
		});
		const path = join(dir, 'backups', outcome.file!);
		expect(statSync(path).mode & 0o777).toBe(0o600);
		expect(statSync(path).size).toBe(outcome.bytes);
		const copy = new Database(path, { readonly: true });
		expect(copy.prepare('SELECT count(*) AS n FROM conversations').get()).toEqual({ n: 2 });
		copy.close();
		expect(statSync(join(dir, 'backups', 'secret.key')).mode & 0o777).toBe(0o600);
		expect(getSetting(handle, 'backup.last')).toEqual(outcome);
		handle.close();
	});

	it('keeps the newest backup.keep of its own files and leaves other files alone', async () => {
		const { dir, handle } = await storedDatabase();
		setSetting(handle, 'backup.keep', 2);
		writeFileSync(join(dir, 'backups-readme.txt'), 'not a backup');
		for (const day of ['24', '25', '26'])
			await takeScheduledBackup(handle, { now: at(`2026-11-${day}T03:00:00Z`) });
		const last = await takeScheduledBackup(handle, { now: at('2026-11-27T03:00:00Z') });
		expect(last.removed).toBe(1);
		expect(listBackups(join(dir, 'backups')).map((backup) => backup.file)).toEqual([
			'parity-2026-11-27T03-00-00Z.db',
			'parity-2026-11-26T03-00-00Z.db'
		]);
		expect(readdirSync(join(dir, 'backups')).sort()).toEqual([
			'parity-2026-11-26T03-00-00Z.db',
			'parity-2026-11-27T03-00-00Z.db',
			'secret.key'
		]);
		expect(existsSync(join(dir, 'backups-readme.txt'))).toBe(true);
		handle.close();
	});

	it('records why it failed, rather than throwing, when its folder cannot be made', async () => {
		const { dir, handle } = await storedDatabase();
		const blocked = writeFile(dir, 'a-file', 'in the way');
		const outcome = await takeScheduledBackup(handle, {
			now: at('2026-11-27T03:00:00Z'),
			env: { PARITY_BACKUP_DIR: join(blocked, 'backups') }
		});
		expect(outcome.file).toBeNull();
		expect(outcome.error).toMatch(/ENOTDIR|not a directory/);
		expect(getSetting(handle, 'backup.last')?.error).toBe(outcome.error);
		handle.close();
	});

	it('has no folder for an in-memory database, and says so rather than writing anywhere', async () => {
		const handle = testDb();
		const outcome = await takeScheduledBackup(handle, { now: at('2026-11-27T03:00:00Z'), env: {} });
		expect(outcome.error).toBe('the database is in memory: set PARITY_BACKUP_DIR');
		expect(existsSync(join(process.cwd(), 'backups'))).toBe(false);
		expect(adminSettings(handle, {}).backups).toMatchObject({ dir: null, kept: 0 });
		// Back up now says the same, as the server's own problem (503), and is audited.
		await expect(backupNow(handle, SYSTEM)).resolves.toEqual({
			ok: false,
			status: 503,
			errors: { backup: 'The backup failed: the database is in memory: set PARITY_BACKUP_DIR' }
		});
		const audited = handle.sqlite
			.prepare("SELECT action, target FROM audit_log WHERE action = 'backup'")
			.all();
		expect(audited).toEqual([{ action: 'backup', target: null }]);
	});

	it('names its files in UTC so that they sort as they were taken', () => {
		expect(backupFileName(Date.parse('2026-03-29T01:30:00Z'))).toBe(
			'parity-2026-03-29T01-30-00Z.db'
		);
	});
});

describe('the backup schedule', () => {
	it('makes up a backup missed while the server was down, once it has taken one before', async () => {
		const { dir, handle } = await storedDatabase();
		setSetting(handle, 'org.timeZone', 'Europe/Berlin');
		// Fresh install: the first backup waits for its time (03:00 Berlin).
		const fresh = startBackupSchedule(handle, { now: at('2026-11-27T10:00:00Z'), log: () => {} });
		await expect(fresh.catchUp).resolves.toBeNull();
		expect(fresh.nextRun()?.toISOString()).toBe('2026-11-28T02:00:00.000Z');
		fresh.stop();

		// The last one two days ago: today's 03:00 was missed, and is taken at start.
		setSetting(handle, 'backup.last', {
			at: Date.parse('2026-11-25T02:00:00Z'),
			file: 'parity-2026-11-25T02-00-00Z.db',
			bytes: 1,
			removed: 0,
			error: null
		});
		const lines: string[] = [];
		const restarted = startBackupSchedule(handle, {
			now: at('2026-11-27T10:00:00Z'),
			log: (line) => lines.push(line)
		});
		await expect(restarted.catchUp).resolves.toMatchObject({
			file: 'parity-2026-11-27T10-00-00Z.db',
			error: null
		});
		expect(lines).toEqual(['backup: parity-2026-11-27T10-00-00Z.db written, 0 older removed']);
		expect(existsSync(join(dir, 'backups', 'parity-2026-11-27T10-00-00Z.db'))).toBe(true);
		restarted.stop();

		// Turned off: nothing scheduled, nothing made up.
		setSetting(handle, 'backup.enabled', false);
		const off = startBackupSchedule(handle, { now: at('2026-11-29T10:00:00Z'), log: () => {} });
		expect(off.nextRun()).toBeNull();
		await expect(off.catchUp).resolves.toBeNull();
		off.stop();
		handle.close();
	});
});

describe('backup settings on the admin settings page', () => {
	it('saves the schedule and how many are kept, audits them, and says what is kept', async () => {
		const { handle } = await storedDatabase();
		await takeScheduledBackup(handle, { now: at('2026-11-27T03:00:00Z') });
		const parsed = AdminSettingsForm.safeParse({
			uploadMaxMb: '2048',
			digestSchedule: '0 8 * * 1',
			backupEnabled: 'on',
			backupSchedule: '30 1 * * *',
			backupKeep: '14'
		});
		expect(parsed.success).toBe(true);
		const result = updateAdminSettings(handle, SYSTEM, parsed.data!, {});
		expect(result.ok).toBe(true);
		expect(getSetting(handle, 'backup.schedule')).toBe('30 1 * * *');
		expect(getSetting(handle, 'backup.keep')).toBe(14);
		const audited = handle.sqlite
			.prepare("SELECT target FROM audit_log WHERE action = 'setting.change' ORDER BY id")
			.all() as Array<{ target: string }>;
		expect(audited.map((row) => row.target)).toEqual(
			expect.arrayContaining(['backup.schedule', 'backup.keep'])
		);
		const now = await backupNow(handle, SYSTEM);
		expect(now).toMatchObject({ ok: true, value: { error: null, file: expect.any(String) } });
		const status = adminSettings(handle, {}).backups;
		expect(status).toMatchObject({ kept: 2, last: { file: now.ok ? now.value.file : null } });
		expect(status.next).toBeGreaterThan(Date.now());

		const wrong = AdminSettingsForm.safeParse({
			uploadMaxMb: '2048',
			digestSchedule: '0 8 * * 1',
			backupSchedule: 'nightly',
			backupKeep: '0'
		});
		expect(wrong.success).toBe(false);
		expect(wrong.error?.issues.map((issue) => [issue.path[0], issue.message])).toEqual([
			['backupSchedule', 'a cron pattern such as 0 3 * * * (every day at 03:00)'],
			['backupKeep', 'at least 1']
		]);
		handle.close();
	});
});
