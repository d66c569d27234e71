import type { RollupCell } from '../../src/lib/domain/rollup';
import { ROLLUP_COUNT_FIELDS, rollupColumn } from '../../src/lib/domain/rollup-fields';
import type { DbHandle } from '../../src/lib/server/db/client';

/**
 * The `rollup_weekly` table as the RollupCell contract describes it, for tests on a branch
 * where the rollups stage has not created it yet. IF NOT EXISTS: once the real migration
 * creates the table, this is a no-op and the inserts below go into the real one.
 */
export function createRollupTable(handle: DbHandle): void {
	const counts = ROLLUP_COUNT_FIELDS.map(
		(field) => `${rollupColumn(field)} REAL NOT NULL DEFAULT 0`
	);
	handle.sqlite.exec(
		`CREATE TABLE IF NOT EXISTS rollup_weekly (
			week TEXT NOT NULL, handler TEXT NOT NULL, channel TEXT NOT NULL, topic TEXT NOT NULL,
			source TEXT NOT NULL, ${counts.join(', ')},
			PRIMARY KEY (week, handler, channel, topic, source))`
	);
}

export function insertCells(handle: DbHandle, cells: readonly RollupCell[]): void {
	const columns = ['week', 'handler', 'channel', 'topic', 'source', ...ROLLUP_COUNT_FIELDS];
	const insert = handle.sqlite.prepare(
		`INSERT INTO rollup_weekly (${columns.map(rollupColumn).join(', ')})
		 VALUES (${columns.map((column) => `@${column}`).join(', ')})`
	);
	handle.sqlite.transaction(() => {
		for (const cell of cells) insert.run(cell);
	})();
}
