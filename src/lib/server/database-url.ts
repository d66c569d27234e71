import { join, resolve } from 'node:path';
import { StartupError } from './startup-error';

/**
 * Which database file Parity opens. PARITY_DB names it; a DATABASE_URL naming an SQLite file
 * (`file:` or `sqlite:`, as other tools write it, or a bare path) is taken too, so that an
 * installation configured the common way gets what it asked for. Any other DATABASE_URL
 * (PostgreSQL, say) is refused rather than silently ignored: the data would otherwise land in
 * a file the admin never chose, while they believe it is in their database server.
 */

/** A database setting Parity cannot start with; its message says what to change. */
export class DatabaseUrlError extends StartupError {
	override name = 'DatabaseUrlError';
}

const UNSET_OR_FILE =
	'Unset DATABASE_URL (PARITY_DB chooses the file, default data/parity.db), or give it as file:/path/to/parity.db.';

const SQLITE_URL = /^(?:sqlite3?|file):(?:\/\/)?(.*)$/i;

export function databasePathFrom(
	env: Readonly<Record<string, string | undefined>>,
	dataDir: string
): string {
	if (env.PARITY_DB) return resolve(env.PARITY_DB);
	const url = env.DATABASE_URL?.trim();
	if (!url) return resolve(join(dataDir, 'parity.db'));
	const sqlite = SQLITE_URL.exec(url);
	if (sqlite) {
		// Query parameters (?mode=…) are other drivers' options: the path is what precedes them.
		const path = decodeURIComponent((sqlite[1] ?? '').split('?')[0] ?? '');
		if (path === '' || path === ':memory:')
			throw new DatabaseUrlError(`DATABASE_URL=${url} names no database file. ${UNSET_OR_FILE}`);
		return resolve(path);
	}
	const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
	// A bare path is a file too.
	if (!scheme) return resolve(url);
	const asked =
		scheme === 'postgres' || scheme === 'postgresql' ? 'PostgreSQL' : `a ${scheme}: database`;
	throw new DatabaseUrlError(
		`DATABASE_URL asks for ${asked}, which this version of Parity cannot use: it keeps its data in an embedded SQLite file. ${UNSET_OR_FILE}`
	);
}
