/**
 * An upload's import as the imports page shows it while it runs and after (the JSON of
 * GET /api/imports/jobs/<job>). Browser-safe.
 */

import { count } from '../plural';

export type ImportStatus = 'running' | 'done' | 'failed' | 'interrupted';

/** What an import did with its file's records (the importer sums them batch by batch). */
export interface ImportCounts {
	recordsRead: number;
	recordsImported: number;
	recordsDuplicate: number;
	recordsRejected: number;
	conversationsCreated: number;
	conversationsUpdated: number;
	messagesImported: number;
}

export interface ImportProgress extends ImportCounts {
	id: number;
	fileName: string;
	format: string | null;
	/** The source it imports into. */
	source: string | null;
	status: ImportStatus;
	startedAt: number;
	finishedAt: number | null;
	sizeBytes: number;
	bytesRead: number;
	error: string | null;
	/** Share of the file read (bytes), 0..1. */
	fraction: number;
	/** Records read per second so far. */
	recordsPerSecond: number | null;
	/** Seconds left at the rate so far, once there is a rate to go by. */
	etaSeconds: number | null;
}

export interface JobProgress {
	job: string;
	fileName: string;
	actor: string;
	sizeBytes: number | null;
	startedAt: number;
	finishedAt: number | null;
	/** starting: the child is starting; reading: importing; deriving: scoring and rollups. */
	phase: 'starting' | 'reading' | 'deriving' | 'done' | 'failed' | 'interrupted';
	error: string | null;
	imports: ImportProgress[];
	/** Files of an uploaded batch held back until their columns are mapped. */
	awaiting: AwaitingFile[];
}

/** A file of an uploaded batch waiting for its column mapping before it is imported. */
export interface AwaitingFile {
	/** What POST /api/imports/jobs/<job>/mapped calls it. */
	key: string;
	fileName: string;
	/** The source the mapping is saved for, and the file imported into. */
	source: string;
	preview: CsvPreview;
}

export type MappedRole = 'customer' | 'ai' | 'agent' | 'system' | 'staff';

/** A CSV file's header and first rows, and the mapping Parity proposes for them. */
export interface CsvPreview {
	headers: string[];
	/** The first rows after the header, cells cut short. */
	rows: string[][];
	proposal: {
		/** Field → column, as found in the file. */
		columns: Partial<Record<string, string>>;
		unmapped: string[];
		missing: Array<'conversationId' | 'text' | 'timestamp' | 'role'>;
		timeOfDay?: string;
	};
	/** How Parity reads each short cell value as an author role (null: not a role word). */
	roleReadings: Record<string, MappedRole | null>;
	signature: string;
}

/** What Parity would make of a file about to be uploaded (POST /api/imports/preview). */
export interface UploadPreview {
	format: string | null;
	error: string | null;
	csv: CsvPreview | null;
	/** A mapping saved for this header from this source: the upload will use it. */
	saved: { id: number; updatedAt: number; updatedBy: string } | null;
	/** The header lacks fields Parity needs and no saved mapping names them: ask. */
	needsMapping: boolean;
	source: string;
}

/**
 * A field path as importers name it before a reason: `messages[3].created_at`, `[0].id`,
 * `tickets[2].comments[0].body`, a file and line (`ticket_comment_data.csv line 4`,
 * `line 12`, `Transcript line 3`), or a CSV column in title case (`Created At`). Reasons
 * about a record as a whole begin with a lower-case sentence ("not JSON: …", "updates
 * conversation 53, which …: …", "chat_id 4323: …") that must not be read as a field.
 */
const IDENT = String.raw`[A-Za-z_][\w-]*`;
const INDEX = String.raw`\[\d+\]`;
const PATH = String.raw`(?:${IDENT}|${INDEX})(?:\.${IDENT}|${INDEX})*`;
const COLUMN = String.raw`[A-Z0-9][\w-]*(?: [A-Z0-9][\w-]*)+`;
const LINE = String.raw`lines? \d+(?:[-–]\d+)?(?:\.${IDENT}(?:\.${IDENT}|${INDEX})*)?`;
const FIELD = new RegExp(String.raw`^(?:(?:(?:${PATH}|${COLUMN}) )?${LINE}|${PATH}|${COLUMN})$`);

/**
 * A reject's reason split into the field it names and what is wrong, for the report's table.
 * Importers write "field: what is wrong" (`messages[0].created_at: not a date: '…'`); the
 * text before the first ": " is taken as the field only when it reads as one (FIELD above),
 * else the reason is about the record as a whole and stays whole.
 */
export function splitReason(reason: string): { field: string | null; problem: string } {
	const at = reason.indexOf(': ');
	const field = at > 0 && at <= 80 ? reason.slice(0, at) : null;
	if (field === null || !FIELD.test(field)) return { field: null, problem: reason };
	return { field, problem: reason.slice(at + 2) };
}

/** A file size for people (1024 to the unit), as the upload limit and progress show it. */
export function formatBytes(bytes: number | null): string {
	if (bytes === null) return '–';
	const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** What a job of uploaded files is called in lists: the file's name, or the files' names. */
export function filesLabel(names: readonly string[]): string {
	if (names.length === 1) return names[0] ?? '';
	const label = `${names.length} files: ${[...names].sort().join(', ')}`;
	return label.length > 200 ? `${label.slice(0, 199)}…` : label;
}

/**
 * The records rejected — the count the history's Rejected column shows — and, when they
 * differ, the rejects listing them. An importer that reads a conversation from several rows
 * (a CSV with a row per message) rejects the conversation whole, so 20 records may be in 7
 * rejects. One wording for the report, the sources page and the command line, so that the
 * same import never shows as 20 in one place and 7 in another.
 */
export function rejectsSummary(rejects: number, records: number): string {
	const rejected = `${count(records, 'record')} rejected`;
	return rejects === records ? rejected : `${rejected}, in ${count(rejects, 'reject')}`;
}

/** Why an import was interrupted, when the server running it stopped. */
export const INTERRUPTED_BY_SERVER = 'the server stopped during this import';

/** Why an import was interrupted, when its process ended before it had finished. */
export function processStopped(outcome: { exitCode: number | null; signal: string | null }) {
	return outcome.signal
		? `the import process was stopped (${outcome.signal}) during this import`
		: `the import process ended unexpectedly (exit code ${outcome.exitCode}) during this import`;
}

/**
 * What an interrupted import's card and report say: what happened, and how to finish it.
 * Uploading the file again is exactly-once, which is why it can be advised without a
 * caveat: the importer writes whole batches of conversations, each in one transaction with
 * the import's counts, so what the counts say was read is stored complete and nothing else
 * is; and a record stored exactly as it is counts as a duplicate, in the same source
 * (tests/integration/import-crash.test.ts: a killed import run again leaves the database a
 * clean import leaves). A file of another source name would be imported a second time.
 */
export function interruptedNotice(
	row: { fileName: string; error: string | null; recordsRead: number },
	source: string | null
): string {
	const cause = row.error ?? 'the import stopped before the end of the file';
	const to = source ? `to the source “${source}”` : 'to the same source';
	const what = row.fileName.includes(' + ') ? 'these files' : 'the file';
	if (row.recordsRead === 0) {
		return `Interrupted: ${cause}, before any record was stored. Upload ${what} again ${to} to import ${what === 'the file' ? 'it' : 'them'}.`;
	}
	return (
		`Interrupted: ${cause}, after ${count(row.recordsRead, 'record')} had been read and stored. ` +
		`Nothing half-written is kept (records are stored in whole batches). ` +
		`To finish it, upload ${what} again ${to}: the records already imported are recognised as duplicates, not imported twice.`
	);
}

/** What the card of a job interrupted before any of its imports began says. */
export function interruptedJobNotice(error: string | null): string {
	return `Interrupted: ${error ?? 'the import stopped'}, before any file was read. Nothing was imported: upload the file again.`;
}
