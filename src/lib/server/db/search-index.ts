import type Database from 'better-sqlite3';

/**
 * The full-text index of transcripts: one FTS5 document per conversation (rowid = the
 * conversation's id) holding the text of all its messages, so that a search yields
 * conversation ids directly, in the order the transcript list pages through them.
 *
 * Contentless (the text stays in `messages` only) with `contentless_delete`, so a document
 * can be removed and re-added when a later export changes a conversation, and with
 * `secure-delete`, so that erasing a customer also removes their words from the index
 * rather than leaving them in older index segments. The import store queues what to index
 * (`search_pending`) and the drain indexes it in chunks (repos/search.ts); the trigger below
 * removes a document with its conversation, however it is deleted.
 *
 * drizzle-kit has no notion of virtual tables or triggers; this is applied after the
 * migrations on every open and is idempotent. A database that predates it has all its
 * conversations queued, on the first open that creates the table.
 */

export const SEARCH_TABLE = 'conversation_text';

const CREATE_TABLE = `CREATE VIRTUAL TABLE ${SEARCH_TABLE} USING fts5(
	body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
)`;

const CREATE_TRIGGER = `CREATE TRIGGER IF NOT EXISTS ${SEARCH_TABLE}_delete AFTER DELETE ON conversations
BEGIN
	DELETE FROM ${SEARCH_TABLE} WHERE rowid = old.id;
END`;

export function ensureSearchIndex(sqlite: Database.Database): void {
	const findTable = sqlite.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?");
	sqlite
		.transaction(() => {
			// Asked under the write lock: asked before it, two processes opening a new database
			// at once both found no table and the second failed creating it.
			if (!findTable.get(SEARCH_TABLE)) {
				sqlite.exec(CREATE_TABLE);
				sqlite
					.prepare(
						`INSERT INTO ${SEARCH_TABLE} (${SEARCH_TABLE}, rank) VALUES ('secure-delete', 1)`
					)
					.run();
				sqlite.exec(
					'INSERT OR IGNORE INTO search_pending (conversation_id, replace) SELECT id, 0 FROM conversations'
				);
			}
			sqlite.exec(CREATE_TRIGGER);
		})
		.immediate();
}
