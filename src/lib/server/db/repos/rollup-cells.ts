import { z } from 'zod';
import { Channel } from '../../../domain/conversation';
import type { RollupCell } from '../../../domain/rollup';
import { ROLLUP_COUNT_FIELDS, rollupColumn } from '../../../domain/rollup-fields';
import type { DbHandle } from '../client';

/**
 * Reads weekly rollup cells for analytics. The `rollup_weekly` table belongs to the rollups
 * stage; the contract with it is RollupCell: one row per week × handler × channel × topic ×
 * source, columns named as the snake_case of the fields (csatTop2 → csat_top2, see
 * rollupColumn), weeks as ISO labels ('2026-W09') so that BETWEEN on text is BETWEEN on time.
 */

const TABLE = 'rollup_weekly';

const count = z.number().finite();
const RollupRow = z.object({
	week: z.string().regex(/^\d{4}-W\d{2}$/),
	handler: z.enum(['ai', 'human', 'hybrid']),
	channel: Channel,
	topic: z.string(),
	// a source name, or an id where the table keys sources by id: analytics only groups by it
	source: z.union([z.string(), z.number()]).transform(String),
	...Object.fromEntries(ROLLUP_COUNT_FIELDS.map((field) => [field, count]))
});

const COLUMNS = [
	'week',
	'handler',
	'channel',
	'topic',
	'source',
	...ROLLUP_COUNT_FIELDS.map((field) => `${rollupColumn(field)} AS "${field}"`)
].join(', ');

/** Every cell of the weeks fromWeek..toWeek (inclusive). A malformed row is an error, not a skip. */
export function loadCells(handle: DbHandle, fromWeek: string, toWeek: string): RollupCell[] {
	const rows = handle.sqlite
		.prepare(`SELECT ${COLUMNS} FROM ${TABLE} WHERE week BETWEEN ? AND ? ORDER BY week`)
		.all(fromWeek, toWeek) as unknown[];
	return rows.map((row, i) => {
		const parsed = RollupRow.safeParse(row);
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			throw new Error(
				`${TABLE} row ${i + 1} of ${fromWeek}..${toWeek}: ${issue?.path.join('.')} ${issue?.message}`
			);
		}
		return parsed.data as RollupCell;
	});
}

/** The newest conversation start: the review's default week is the last complete one before it. */
export function newestConversationStart(handle: DbHandle): number | null {
	const row = handle.sqlite.prepare('SELECT MAX(started_at) AS newest FROM conversations').get() as
		{ newest: number | null } | undefined;
	return row?.newest ?? null;
}
