import Database from 'better-sqlite3';
import { chmodSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import type { DbHandle } from './client';

/**
 * A consistent copy of the live database, taken with SQLite's online backup API (through
 * better-sqlite3's `backup()`): the server keeps reading and writing meanwhile, and the
 * copy is one point in time. It is written beside the destination and renamed when it is
 * complete and passes `quick_check`, so a half-written file never carries the backup's
 * name. It holds transcripts: mode 0600.
 */
export async function backupDatabase(
	handle: DbHandle,
	destination: string
): Promise<{ bytes: number; pages: number }> {
	if (existsSync(destination)) throw new Error(`${destination} exists; choose a new file name`);
	const partial = `${destination}.partial`;
	rmSync(partial, { force: true });
	try {
		// SQLite restarts an online backup whenever another connection commits, so copying a
		// few pages per step never ends while the server imports (it commits every batch). The
		// pages after the first step are copied in one step, inside one read transaction: a
		// consistent snapshot that writers in WAL mode do not wait for.
		const result = await handle.sqlite.backup(partial, {
			progress: ({ totalPages }) => Math.max(totalPages, 1)
		});
		chmodSync(partial, 0o600);
		const copy = new Database(partial);
		try {
			// One self-contained file (the live database runs in WAL mode): restoring is a copy.
			copy.pragma('journal_mode = DELETE');
			const check = copy.pragma('quick_check', { simple: true });
			if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${String(check)}`);
		} finally {
			copy.close();
		}
		for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
		renameSync(partial, destination);
		return { bytes: statSync(destination).size, pages: result.totalPages };
	} catch (error) {
		rmSync(partial, { force: true });
		throw error;
	}
}
