import { openDatabase, type DbHandle } from './db/client';
import { seedDefaultBotRules } from './db/repos/bot-rules';
import { markInterruptedImports } from './db/repos/imports';
import { seedTopics } from './db/repos/topics';
import { drainChanges } from './derive/drain';
import { defaultDatabasePath } from './paths';

/**
 * Opens (creating and migrating) the application database and brings it to a usable
 * state: shipped defaults installed, imports orphaned by a dead process marked as such, and
 * what such an import left un-derived (scores, repeat links, rollups) derived.
 */
export function openAppDatabase(path: string = defaultDatabasePath): DbHandle {
	const handle = openDatabase(path);
	seedDefaultBotRules(handle);
	seedTopics(handle);
	markInterruptedImports(handle);
	drainChanges(handle);
	return handle;
}
