import { chmodSync, existsSync } from 'node:fs';
import { openDatabase, type DbHandle } from './db/client';
import { seedDefaultAlertRules } from './db/repos/alert-rules';
import { seedDefaultBotRules } from './db/repos/bot-rules';
import { markInterruptedImports } from './db/repos/imports';
import { seedTopics } from './db/repos/topics';
import { drainChanges } from './derive/drain';
import { defaultDatabasePath } from './paths';

/**
 * Opens (creating and migrating) the application database and brings it to a usable
 * state: shipped defaults installed, imports orphaned by a dead process marked as such, and
 * what such an import left un-derived (scores, repeat links, rollups) derived.
 * Commands that may run beside a live server (user, erase, backup) pass
 * `recoverImports: false`: the server's own running import is neither orphaned nor raced.
 */
export function openAppDatabase(
	path: string = defaultDatabasePath(),
	options: { recoverImports?: boolean } = {}
): DbHandle {
	const created = path !== ':memory:' && !existsSync(path);
	const handle = openDatabase(path);
	// It holds transcripts: readable by the account that runs Parity only.
	if (created) chmodSync(path, 0o600);
	// One write lock around the checks and inserts: two processes opening a new file seed once.
	handle.sqlite
		.transaction(() => {
			seedDefaultBotRules(handle);
			seedDefaultAlertRules(handle);
			seedTopics(handle);
		})
		.immediate();
	if (options.recoverImports !== false) {
		markInterruptedImports(handle);
		drainChanges(handle);
	}
	return handle;
}
