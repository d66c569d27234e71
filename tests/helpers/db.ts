import { createTestDb, type DbHandle } from '../../src/lib/server/db/client';
import { seedDefaultAlertRules } from '../../src/lib/server/db/repos/alert-rules';
import { seedDefaultBotRules } from '../../src/lib/server/db/repos/bot-rules';
import { setSetting } from '../../src/lib/server/db/repos/settings';
import { seedTopics } from '../../src/lib/server/db/repos/topics';

/**
 * An in-memory database with the real migrations and the shipped defaults — except that
 * personal-data minimisation is off unless asked for: importer tests check what a tool's
 * record maps to (emails, names, text as written); the privacy tests turn it on.
 */
export function testDb(options: { minimize?: boolean } = {}): DbHandle {
	const handle = createTestDb();
	seedDefaultBotRules(handle);
	seedDefaultAlertRules(handle);
	seedTopics(handle);
	setSetting(handle, 'privacy.minimizeAtImport', options.minimize ?? false);
	return handle;
}

/** Every row of the data tables, ordered, for comparing two databases' end states. */
export function dumpTables(
	handle: DbHandle,
	tables = ['customers', 'customer_identities', 'conversations', 'messages']
) {
	const dump: Record<string, unknown[]> = {};
	for (const table of tables) {
		dump[table] = handle.sqlite.prepare(`SELECT * FROM ${table} ORDER BY 1`).all();
	}
	return dump;
}
