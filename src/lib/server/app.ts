import { openDatabase, type DbHandle } from './db/client';
import { seedDefaultAlertRules } from './db/repos/alert-rules';
import { seedDefaultBotRules } from './db/repos/bot-rules';
import { markInterruptedImports } from './db/repos/imports';
import { defaultDatabasePath } from './paths';

/**
 * Opens (creating and migrating) the application database and brings it to a usable
 * state: shipped defaults installed, imports orphaned by a dead process marked as such.
 */
export function openAppDatabase(path: string = defaultDatabasePath): DbHandle {
	const handle = openDatabase(path);
	seedDefaultBotRules(handle);
	seedDefaultAlertRules(handle);
	markInterruptedImports(handle);
	return handle;
}
