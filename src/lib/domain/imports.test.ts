import { describe, expect, it } from 'vitest';
import {
	filesLabel,
	formatBytes,
	interruptedJobNotice,
	interruptedNotice,
	processStopped,
	rejectsSummary,
	splitReason
} from './imports';

describe('splitReason', () => {
	it('takes the field an importer names before the first colon', () => {
		expect(splitReason("messages[0].created_at: not a date: 'not a time 2'")).toEqual({
			field: 'messages[0].created_at',
			problem: "not a date: 'not a time 2'"
		});
		expect(splitReason("Created At: not a date: '31/02/2026 16:45'")).toEqual({
			field: 'Created At',
			problem: "not a date: '31/02/2026 16:45'"
		});
	});

	it('names no field for a reason about the whole record, or a colon inside a quoted value', () => {
		expect(
			splitReason('12 cells where the header has 11 (a delimiter or quote out of place?)')
		).toEqual({
			field: null,
			problem: '12 cells where the header has 11 (a delimiter or quote out of place?)'
		});
		expect(splitReason("'a: b' is not an id")).toEqual({
			field: null,
			problem: "'a: b' is not an id"
		});
		expect(splitReason('no colon-space:here')).toEqual({
			field: null,
			problem: 'no colon-space:here'
		});
	});

	// Reasons the importers wrote on the fixtures (tests/fixtures, /work/shared/fixtures).
	it('takes field paths, indexes, lines and title-case CSV columns as the place', () => {
		const places: Array<[string, string, string]> = [
			['[0].id: missing', '[0].id', 'missing'],
			[
				'id: Invalid input; missing (fields present: source, examples)',
				'id',
				'Invalid input; missing (fields present: source, examples)'
			],
			[
				'audits[0].events[0].author_id: cannot tell whether 5246746 is the customer or an agent: the file has no user record for them',
				'audits[0].events[0].author_id',
				'cannot tell whether 5246746 is the customer or an agent: the file has no user record for them'
			],
			[
				'_fivetran_deleted: true (the ticket was deleted in Zendesk)',
				'_fivetran_deleted',
				'true (the ticket was deleted in Zendesk)'
			],
			[
				"timestamp: ambiguous date '05/03/2026 16:21': no date in column timestamp has a day above 12",
				'timestamp',
				"ambiguous date '05/03/2026 16:21': no date in column timestamp has a day above 12"
			],
			["line 12: not a date: 'soon'", 'line 12', "not a date: 'soon'"],
			["Transcript line 3: not a time: '25:61'", 'Transcript line 3', "not a time: '25:61'"],
			[
				'ticket_comment_data.csv line 4: user_id 413068955393 is not in the user table',
				'ticket_comment_data.csv line 4',
				'user_id 413068955393 is not in the user table'
			],
			[
				'type: "error.list" is not an Intercom conversation or ticket',
				'type',
				'"error.list" is not an Intercom conversation or ticket'
			]
		];
		for (const [reason, field, problem] of places)
			expect(splitReason(reason), reason).toEqual({ field, problem });
	});

	it('leaves a reason that begins with a sentence whole, with no place', () => {
		const whole = [
			"not JSON: Expected ',' or '}' after property value in JSON at position 109",
			'unreadable CSV row: Quote Not Closed: the parsing is finished with an opening quote at line 3',
			'updates conversation 53, which has not been imported: import the file that holds it, then this one again',
			'comments page without its ticket: a comment does not say which ticket it belongs to',
			'not a Zendesk satisfaction score: "great" (good, bad, offered or unoffered)',
			'chat_id 4323.953441.TzBlankActor: no ticket_chat row links this chat to a ticket'
		];
		for (const reason of whole)
			expect(splitReason(reason), reason).toEqual({ field: null, problem: reason });
	});
});

describe('formatBytes', () => {
	it('counts in 1024s, with one decimal below 10 of a unit', () => {
		expect(formatBytes(0)).toBe('0 bytes');
		expect(formatBytes(1023)).toBe('1023 bytes');
		expect(formatBytes(1536)).toBe('1.5 KB'); // 1536 / 1024
		expect(formatBytes(10 * 1024)).toBe('10 KB');
		expect(formatBytes(512 * 1024 * 1024)).toBe('512 MB');
		expect(formatBytes(2 * 1024 ** 3)).toBe('2.0 GB');
		expect(formatBytes(3 * 1024 ** 5)).toBe('3072 TB'); // no unit above TB
		expect(formatBytes(null)).toBe('–');
	});
});

describe('filesLabel', () => {
	it('names one file, or counts the files and names them in order, cut at 200 characters', () => {
		expect(filesLabel(['export.ndjson'])).toBe('export.ndjson');
		expect(filesLabel(['user_data.csv', 'ticket_data.csv'])).toBe(
			'2 files: ticket_data.csv, user_data.csv'
		);
		const many = filesLabel(Array.from({ length: 30 }, (_, i) => `table_${i}.csv`));
		expect(many).toHaveLength(200);
		expect(many.startsWith('30 files: table_0.csv, table_1.csv, table_10.csv')).toBe(true);
		expect(many.endsWith('…')).toBe(true);
	});
});

describe('rejectsSummary', () => {
	it('counts the records rejected, and the rejects they are in when a reject is a whole multi-row ticket', () => {
		expect(rejectsSummary(16, 32)).toBe('32 records rejected, in 16 rejects');
		expect(rejectsSummary(1, 3)).toBe('3 records rejected, in 1 reject');
	});

	it('gives one number when each reject is one record', () => {
		expect(rejectsSummary(2, 2)).toBe('2 records rejected');
		expect(rejectsSummary(1, 1)).toBe('1 record rejected');
		expect(rejectsSummary(0, 0)).toBe('0 records rejected');
	});
});

describe('what an interrupted import says', () => {
	it('names the cause, what was stored, and the source to upload the file to again', () => {
		const killed = processStopped({ exitCode: null, signal: 'SIGKILL' });
		expect(killed).toBe('the import process was stopped (SIGKILL) during this import');
		expect(processStopped({ exitCode: 134, signal: null })).toBe(
			'the import process ended unexpectedly (exit code 134) during this import'
		);
		expect(
			interruptedNotice({ fileName: 'big.ndjson', error: killed, recordsRead: 12_000 }, 'eu')
		).toBe(
			'Interrupted: the import process was stopped (SIGKILL) during this import, after 12,000 records had been read and stored. ' +
				'Nothing half-written is kept (records are stored in whole batches). ' +
				'To finish it, upload the file again to the source “eu”: the records already imported are recognised as duplicates, not imported twice.'
		);
	});

	it('says nothing was stored when nothing was, and "these files" for an export of several', () => {
		expect(
			interruptedNotice(
				{ fileName: 'tickets.csv + comments.csv', error: null, recordsRead: 0 },
				null
			)
		).toBe(
			'Interrupted: the import stopped before the end of the file, before any record was stored. Upload these files again to the same source to import them.'
		);
		expect(interruptedJobNotice('the server stopped during this import')).toBe(
			'Interrupted: the server stopped during this import, before any file was read. Nothing was imported: upload the file again.'
		);
	});
});
