import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { projectRoot } from '../paths';
import type { DbHandle } from './client';

/**
 * A consistent copy of the live database, taken with SQLite's online backup API (through
 * better-sqlite3's `backup()`) in a worker thread with its own read-only connection
 * (copy-database.js): the server keeps answering, reading and writing meanwhile, and the
 * copy is one point in time. It is written beside the destination and renamed when it is
 * complete and passes `quick_check`, so a half-written file never carries the backup's
 * name. It holds transcripts: mode 0600.
 */
export async function backupDatabase(
	handle: DbHandle,
	destination: string
): Promise<{ bytes: number; pages: number }> {
	if (handle.path === ':memory:') throw new Error('an in-memory database has no file to copy');
	if (existsSync(destination)) throw new Error(`${destination} exists; choose a new file name`);
	const partial = `${destination}.partial`;
	rmSync(partial, { force: true });
	// Found from the project folder, as the CLI is: the bundled server runs from build/.
	const worker = new Worker(join(projectRoot, 'src', 'lib', 'server', 'db', 'copy-database.js'), {
		workerData: { source: handle.path, partial, destination }
	});
	try {
		const result = await new Promise<CopyResult>((resolve, reject) => {
			worker.once('message', resolve);
			worker.once('error', reject);
			worker.once('exit', (code) =>
				reject(new Error(`the backup thread stopped with exit code ${code}`))
			);
		});
		if (!result.ok) throw new Error(result.message);
		return { bytes: result.bytes, pages: result.pages };
	} finally {
		await worker.terminate();
		for (const suffix of ['', '-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
	}
}

type CopyResult = { ok: true; bytes: number; pages: number } | { ok: false; message: string };
