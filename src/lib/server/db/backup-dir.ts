import { dirname, join, resolve } from 'node:path';

/**
 * Where a database's backups go: PARITY_BACKUP_DIR, else `backups/` beside the database;
 * null for an in-memory database (tests) without PARITY_BACKUP_DIR, which has no folder.
 */
export function backupDirFor(
	databasePath: string,
	env: Readonly<Record<string, string | undefined>> = process.env
): string | null {
	if (env.PARITY_BACKUP_DIR) return resolve(env.PARITY_BACKUP_DIR);
	return databasePath === ':memory:' ? null : join(dirname(resolve(databasePath)), 'backups');
}
