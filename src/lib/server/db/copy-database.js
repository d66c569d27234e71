// Worker-thread body of backupDatabase (backup.ts): the copy of a live database, on a
// connection of its own. Copying and checking a database of gigabytes takes seconds to
// minutes; in the server's own thread every request would wait for it. Plain JavaScript, so
// that the bundled server can start it without the TypeScript loader the CLI uses.
import Database from 'better-sqlite3';
import { chmodSync, renameSync, rmSync, statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

/** @type {{ source: string; partial: string; destination: string }} */
const { source, partial, destination } = workerData;

/** @returns {Promise<{ bytes: number; pages: number }>} */
async function copy() {
	const live = new Database(source, { readonly: true, fileMustExist: true });
	live.pragma('busy_timeout = 5000');
	let pages;
	try {
		// SQLite restarts an online backup whenever another connection commits, so copying a few
		// pages per step never ends while an import commits batch after batch. The pages after
		// the first step are copied in one step, inside one read transaction: a consistent
		// snapshot that writers in WAL mode do not wait for.
		({ totalPages: pages } = await live.backup(partial, {
			progress: ({ totalPages }) => Math.max(totalPages, 1)
		}));
	} finally {
		live.close();
	}
	chmodSync(partial, 0o600);
	const copied = new Database(partial);
	try {
		// One self-contained file (the live database runs in WAL mode): restoring is a copy.
		copied.pragma('journal_mode = DELETE');
		const check = copied.pragma('quick_check', { simple: true });
		if (check !== 'ok') throw new Error(`the copy failed its integrity check: ${String(check)}`);
	} finally {
		copied.close();
	}
	for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
	renameSync(partial, destination);
	return { bytes: statSync(destination).size, pages };
}

try {
	parentPort?.postMessage({ ok: true, ...(await copy()) });
} catch (error) {
	for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
	parentPort?.postMessage({ ok: false, message: /** @type {Error} */ (error).message });
}
