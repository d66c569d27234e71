import type { DbHandle } from '../client';
import { SEARCH_TABLE } from '../search-index';

/**
 * Indexing queued conversations' text (db/search-index.ts): one document per conversation,
 * its messages in order, read straight from storage in one statement per chunk.
 */
export function createSearchIndexRepo(handle: DbHandle) {
	const { sqlite } = handle;
	const pending = sqlite.prepare<[number], { id: number; replace: number }>(
		'SELECT conversation_id AS id, replace FROM search_pending ORDER BY conversation_id LIMIT ?'
	);
	const remove = sqlite.prepare(
		`DELETE FROM ${SEARCH_TABLE} WHERE rowid IN (SELECT value FROM json_each(?))`
	);
	const insert = sqlite.prepare(
		`INSERT INTO ${SEARCH_TABLE} (rowid, body)
		 SELECT conversation_id, group_concat(body, char(10) ORDER BY created_at, id)
		   FROM messages WHERE conversation_id IN (SELECT value FROM json_each(?))
		  GROUP BY conversation_id`
	);
	const dequeue = sqlite.prepare(
		'DELETE FROM search_pending WHERE conversation_id IN (SELECT value FROM json_each(?))'
	);
	const indexChunk = sqlite.transaction((rows: Array<{ id: number; replace: number }>) => {
		const replaced = rows.filter((row) => row.replace === 1).map((row) => row.id);
		if (replaced.length) remove.run(JSON.stringify(replaced));
		const ids = JSON.stringify(rows.map((row) => row.id));
		insert.run(ids);
		dequeue.run(ids);
	});
	return {
		/** Indexes up to `limit` queued conversations in one transaction; how many it did. */
		indexPending(limit: number): number {
			const rows = pending.all(limit);
			if (rows.length) indexChunk.immediate(rows);
			return rows.length;
		}
	};
}
