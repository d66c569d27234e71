import { csvCell, csvFileName, type CsvValue } from '../../csv';
import { splitReason } from '../../domain/imports';
import type { DbHandle } from '../db/client';
import { getImport, rejectsAfter } from '../db/repos/imports';

/**
 * An import's rejects as a CSV file, every one, for the analyst who fixes them in a
 * spreadsheet or in the export and imports them again: where each record was, the field and
 * what was wrong, and the record as read (its first 4 KB, minimised at import like everything
 * stored). Analysts only, as the report page that links to it.
 */

export const REJECT_CSV_COLUMNS = ['record', 'field', 'problem', 'record_as_read'] as const;

const line = (cells: readonly CsvValue[]) => cells.map(csvCell).join(',') + '\r\n';

/** "rejects-12-helpdesk-messages-csv.csv", or null when there is no such import. */
export function rejectsCsvName(handle: DbHandle, importId: number): string | null {
	const row = getImport(handle, importId);
	return row ? csvFileName('rejects', String(importId), row.fileName) : null;
}

/** The file's lines, header first, a page of rejects at a time: memory stays flat. */
export function* rejectsCsvLines(
	handle: DbHandle,
	importId: number,
	pageSize = 1000
): Generator<string> {
	// The byte-order mark makes Excel read the file as UTF-8.
	yield '\uFEFF' + line(REJECT_CSV_COLUMNS);
	for (let after = 0; ;) {
		const page = rejectsAfter(handle, importId, after, pageSize);
		if (page.length === 0) return;
		yield page
			.map((reject) => {
				const { field, problem } = splitReason(reject.reason);
				return line([reject.locator, field, problem, reject.raw]);
			})
			.join('');
		after = page.at(-1)!.id;
	}
}
