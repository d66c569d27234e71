import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway SQLite file in its own temporary folder, for importers that must stage rows on
 * disk to join or regroup them (row-stage.ts for Zendesk, scratch.ts for Intercom's
 * warehouse). Durability is off: a scratch file lost in a crash is rebuilt by the next import.
 * `close()` closes it and removes the folder, once, whatever happens.
 */
export interface ScratchFile {
	readonly sqlite: Database.Database;
	/** The folder holding the file. */
	readonly dir: string;
	close(): void;
}

export function openScratchFile(prefix: string, cacheKb: number): ScratchFile {
	const dir = mkdtempSync(join(tmpdir(), `parity-${prefix}-`));
	const sqlite = new Database(join(dir, `${prefix}.db`));
	sqlite.pragma('journal_mode = OFF');
	sqlite.pragma('synchronous = OFF');
	sqlite.pragma('temp_store = FILE');
	sqlite.pragma(`cache_size = -${cacheKb}`);
	let closed = false;
	return {
		sqlite,
		dir,
		close() {
			if (closed) return;
			closed = true;
			try {
				sqlite.close();
			} finally {
				rmSync(dir, { recursive: true, force: true });
			}
		}
	};
}
