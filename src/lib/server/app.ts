import { chmodSync, existsSync } from 'node:fs';
import { openDatabase, type DbHandle } from './db/client';
import { seedDefaultAlertRules } from './db/repos/alert-rules';
import { seedDefaultBotRules } from './db/repos/bot-rules';
import { markInterruptedImports } from './db/repos/imports';
import { defaultDatabasePath } from './paths';

/**
 * Opens (creating and migrating) the application database and brings it to a usable
 * state: shipped defaults installed, imports orphaned by a dead process marked as such.
 * Commands that may run beside a live server (user, erase, backup) pass
 * `recoverImports: false`: the server's own running import is not orphaned.
 */
export function openAppDatabase(
	path: string = defaultDatabasePath,
	options: { recoverImports?: boolean } = {}
): DbHandle {
	const created = path !== ':memory:' && !existsSync(path);
	const handle = openDatabase(path);
	// It holds transcripts: readable by the account that runs Parity only.
	if (created) chmodSync(path, 0o600);
	seedDefaultBotRules(handle);
	seedDefaultAlertRules(handle);
	if (options.recoverImports !== false) markInterruptedImports(handle);
	return handle;
}
