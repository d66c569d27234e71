import { Cron } from 'croner';
import {
	chmodSync,
	copyFileSync,
	existsSync,
	mkdirSync,
	readdirSync,
	rmSync,
	statSync
} from 'node:fs';
import { join } from 'node:path';
import { previousScheduledRun } from '../schedule';
import { secretKeyPath } from '../privacy/key';
import { backupDatabase } from './backup';
import { backupDirFor } from './backup-dir';
import type { DbHandle } from './client';
import { getSetting, setSetting, type SettingValue } from './repos/settings';

/**
 * The server's own backups: a consistent copy of the database (db/backup.ts) on the
 * `backup.schedule` in the organisation's zone, into `backups/` beside the database
 * (PARITY_BACKUP_DIR to put them on another disk), keeping the newest `backup.keep`. The
 * identity key is copied beside them once, since a restore needs it. What the last run did
 * is kept in the `backup.last` setting, for the admin's settings page.
 */

const NAME = /^parity-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z\.db$/;

export type BackupOutcome = NonNullable<SettingValue<'backup.last'>>;

export interface StoredBackup {
	file: string;
	path: string;
	bytes: number;
	/** When it was taken, from its name. */
	at: number;
}

/** Null for an in-memory database (tests) without PARITY_BACKUP_DIR: it has no folder. */
export function backupDir(handle: DbHandle, env: NodeJS.ProcessEnv = process.env): string | null {
	return backupDirFor(handle.path, env);
}

/** "parity-2026-11-27T03-00-00Z.db": UTC, so names sort as the backups were taken. */
export function backupFileName(at: number): string {
	return `parity-${new Date(at).toISOString().slice(0, 19).replace(/:/g, '-')}Z.db`;
}

/** The automatic backups in a folder, newest first; other files there are not Parity's. */
export function listBackups(dir: string | null): StoredBackup[] {
	if (dir === null) return [];
	let files: string[];
	try {
		files = existsSync(dir) ? readdirSync(dir) : [];
	} catch {
		// Not a folder, or not readable: the last backup's error on the settings page says why.
		return [];
	}
	const found: StoredBackup[] = [];
	for (const file of files) {
		const match = NAME.exec(file);
		if (!match) continue;
		const path = join(dir, file);
		found.push({
			file,
			path,
			bytes: statSync(path).size,
			at: Date.parse(`${match[1]}T${match[2]}:${match[3]}:${match[4]}Z`)
		});
	}
	return found.sort((a, b) => b.at - a.at);
}

/** Removes all but the newest `keep` automatic backups; the names removed. */
export function pruneBackups(dir: string | null, keep: number): string[] {
	const removed = listBackups(dir).slice(keep);
	for (const backup of removed) rmSync(backup.path, { force: true });
	return removed.map((backup) => backup.file);
}

/** One scheduled backup, then pruning; recorded in `backup.last` whether it worked or not. */
export async function takeScheduledBackup(
	handle: DbHandle,
	options: { now?: () => number; env?: NodeJS.ProcessEnv } = {}
): Promise<BackupOutcome> {
	const at = (options.now ?? Date.now)();
	const dir = backupDir(handle, options.env);
	let outcome: BackupOutcome;
	try {
		if (dir === null) throw new Error('the database is in memory: set PARITY_BACKUP_DIR');
		mkdirSync(dir, { recursive: true, mode: 0o700 });
		const file = backupFileName(at);
		const { bytes } = await backupDatabase(handle, join(dir, file));
		copyKeyOnce(handle, dir);
		const removed = pruneBackups(dir, getSetting(handle, 'backup.keep'));
		outcome = { at, file, bytes, removed: removed.length, error: null };
	} catch (error) {
		outcome = { at, file: null, bytes: null, removed: 0, error: (error as Error).message };
	}
	setSetting(handle, 'backup.last', outcome);
	return outcome;
}

/** The identity key beside the backups (mode 0600), once: it never changes. */
function copyKeyOnce(handle: DbHandle, dir: string): void {
	const key = secretKeyPath(handle.path);
	const copy = join(dir, 'secret.key');
	if (key === null || !existsSync(key) || existsSync(copy)) return;
	copyFileSync(key, copy);
	chmodSync(copy, 0o600);
}

export interface BackupSchedule {
	nextRun(): Date | null;
	/** The run made up at start for a scheduled backup missed while the server was down. */
	readonly catchUp: Promise<BackupOutcome | null>;
	stop(): void;
}

/**
 * Runs takeScheduledBackup on the schedule in the settings, following changes to them
 * within a minute. A backup missed while the server was down is taken at start, once the
 * installation has taken one before (a fresh install waits for its first scheduled time).
 */
export function startBackupSchedule(
	handle: DbHandle,
	options: { now?: () => number; env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {}
): BackupSchedule {
	const now = options.now ?? Date.now;
	const log = options.log ?? ((line: string) => console.log(line));
	let job: Cron | null = null;
	let signature = '';
	let running: Promise<BackupOutcome> | null = null;

	function run(): Promise<BackupOutcome> {
		running ??= takeScheduledBackup(handle, { now, env: options.env })
			.then((outcome) => {
				log(
					outcome.error === null
						? `backup: ${outcome.file} written, ${outcome.removed} older removed`
						: `backup: failed: ${outcome.error}`
				);
				return outcome;
			})
			.finally(() => {
				running = null;
			});
		return running;
	}

	function sync(): void {
		const enabled = getSetting(handle, 'backup.enabled');
		const pattern = getSetting(handle, 'backup.schedule');
		const zone = getSetting(handle, 'org.timeZone');
		const next = enabled ? `${pattern}|${zone}` : 'off';
		if (next === signature) return;
		job?.stop();
		job = null;
		signature = next;
		if (!enabled) return;
		// Unreferenced: a pending backup must not keep a stopping server alive.
		job = new Cron(pattern, { timezone: zone, protect: true, unref: true }, () => {
			void run();
		});
	}

	sync();
	const last = getSetting(handle, 'backup.last');
	const missed = getSetting(handle, 'backup.enabled')
		? previousScheduledRun(
				getSetting(handle, 'backup.schedule'),
				getSetting(handle, 'org.timeZone'),
				now()
			)
		: null;
	const catchUp =
		last !== null && missed !== null && last.at < missed ? run() : Promise.resolve(null);
	const interval = setInterval(() => {
		try {
			sync();
		} catch (error) {
			log(`backup: schedule not updated: ${(error as Error).message}`);
		}
	}, 60_000);
	interval.unref();

	return {
		// From the clock the schedule was given, so that what it reports agrees with what it did.
		nextRun: () => job?.nextRun(new Date(now())) ?? null,
		catchUp,
		stop() {
			clearInterval(interval);
			job?.stop();
		}
	};
}
