import { createTestDb, type DbHandle } from '../../src/lib/server/db/client';
import { seedDefaultBotRules } from '../../src/lib/server/db/repos/bot-rules';
import { seedTopics } from '../../src/lib/server/db/repos/topics';

/** An in-memory database with the real migrations and the shipped defaults. */
export function testDb(): DbHandle {
	const handle = createTestDb();
	seedDefaultBotRules(handle);
	seedTopics(handle);
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
