import type { CsatScale } from '../../../../domain/conversation';
import { readCsv } from '../../readers/csv';
import type { Audience, ColumnMapping, MappedField } from '../../types';
import { DateEvidence, type DateDecision } from './date-order';
import {
	headerKey,
	INVERTED_PUBLIC_KEYS,
	missingFields,
	resolveColumns,
	unmappedHeaderError,
	type RequiredField
} from './headers';
import { compileRoleValues, namesBots, readRole, readSpeakerLabel, type DraftRole } from './roles';
import { splitTranscript, transcriptDates } from './transcript';

/**
 * How to read one CSV file, decided from its header and first rows before any row is
 * imported: which column is which, which of the two shapes the file has, how its role
 * words read, and whether its dates need a look at the whole file.
 *
 * - `messages`: one message per row, rows of a conversation sharing its id;
 * - `transcript`: the conversation's turns in one cell behind speaker prefixes. A file with
 *   a transcript column is one; so is a file whose text column has no role column beside it
 *   and whose cells start with prefixes ("Customer: …").
 */

export type CsvShape = 'messages' | 'transcript';

export interface CsvPlan {
	fileName: string;
	headers: string[];
	shape: CsvShape;
	/** Field → column index. */
	columns: Partial<Record<MappedField, number>>;
	/** Column of the message text (messages) or of the transcript. */
	textColumn: number;
	/** A time-of-day column read after a date-only timestamp column. */
	timeOfDay?: number;
	/** The public column says "internal"/"private": yes means not public. */
	publicInverted: boolean;
	roleValues: Map<string, DraftRole>;
	/** The role column (or the speaker labels) also name bots: "agent" means a human. */
	distinguishesBots: boolean;
	csatScale: CsatScale | null;
	zone: string;
	dates: DateDecision;
}

/**
 * A file the importer cannot read as conversations: the fields it lacks (`role` when
 * nothing says who wrote each message) and the problems found, worded for `audience`.
 */
export class CsvPlanError extends Error {
	constructor(
		headers: readonly string[],
		readonly missing: readonly RequiredField[],
		readonly problems: readonly string[],
		options: { audience?: Audience; mapped?: boolean; shown?: readonly RequiredField[] }
	) {
		// `shown`: the missing fields the message lists (a problem may say it better).
		super(unmappedHeaderError(headers, options.shown ?? missing, problems, options));
	}
}

/** Rows of the decoded start of the file; the last one is dropped if the sample cut it. */
export async function sampleRows(sample: string, delimiter: string): Promise<string[][]> {
	async function* chunks() {
		yield sample;
	}
	const rows: string[][] = [];
	for await (const row of readCsv(chunks(), { delimiter })) if (row.ok) rows.push(row.fields);
	if (!/\n\s*$/.test(sample) && rows.length > 1) rows.pop();
	return rows;
}

function cells(rows: readonly string[][], column: number | undefined): string[] {
	if (column === undefined) return [];
	return rows.map((row) => (row[column] ?? '').trim()).filter((value) => value !== '');
}

/** The cells of the columns holding dates (and a transcript's dated prefixes). */
export function dateCells(plan: Omit<CsvPlan, 'dates'>, row: readonly string[]): string[] {
	const values: string[] = [];
	for (const field of ['timestamp', 'startedAt', 'endedAt'] as const) {
		const column = plan.columns[field];
		const value = column === undefined ? undefined : row[column]?.trim();
		if (value) values.push(value);
	}
	if (plan.shape === 'transcript') values.push(...transcriptDates(row[plan.textColumn] ?? ''));
	return values;
}

export function dateColumnNames(plan: Omit<CsvPlan, 'dates'>): string {
	const names = (['timestamp', 'startedAt', 'endedAt'] as const)
		.map((field) => plan.columns[field])
		.filter((column) => column !== undefined)
		.map((column) => `column ${plan.headers[column]}`);
	if (plan.shape === 'transcript') names.push(`the dates in ${plan.headers[plan.textColumn]}`);
	return names.join(', ') || 'the file';
}

function csatScaleFromSample(values: readonly string[]): CsatScale | null {
	// Per value, the normaliser reads 4 as 1-5 and 8 as 0-10; one column has one scale.
	return values.some((value) => Number(value) > 5 && Number(value) <= 10) ? '0-10' : null;
}

export interface PlanContext {
	fileName: string;
	timeZone: string;
	mapping?: ColumnMapping;
	audience?: Audience;
	warn(message: string): void;
}

/**
 * The plan for a file, minus the date decision (which may need the whole file). Throws a
 * CsvPlanError naming the headers and the missing fields when the file cannot be read.
 */
export function makePlan(
	headers: string[],
	rows: readonly string[][],
	context: PlanContext
): Omit<CsvPlan, 'dates'> {
	const wording = { audience: context.audience, mapped: context.mapping !== undefined };
	const resolved = resolveColumns(headers, context.mapping);
	if (resolved.errors.length) {
		throw new CsvPlanError(headers, missingFields(resolved.index), resolved.errors, wording);
	}
	const columns = resolved.index;
	const roleValues = compileRoleValues(context.mapping?.roleValues);

	// `from`, `author` or `sender` may hold names rather than roles: then they are names.
	if (columns.role !== undefined && !resolved.explicit.has('role')) {
		const values = cells(rows, columns.role);
		const known = values.filter((value) =>
			readRole(value, { roleValues, distinguishesBots: false })
		);
		if (values.length > 0 && known.length * 2 < values.length) {
			const header = headers[columns.role] as string;
			context.warn(
				`column ${header} holds names, not roles (${values
					.slice(0, 3)
					.map((v) => `'${v}'`)
					.join(', ')}): read as the author's name`
			);
			if (columns.authorName === undefined) columns.authorName = columns.role;
			delete columns.role;
		}
	}

	const missing = missingFields(columns);
	if (missing.length) throw new CsvPlanError(headers, missing, [], wording);
	const read = new Set([...Object.values(columns), resolved.timeOfDay]);
	const unread = headers.filter((name, i) => !read.has(i) && name !== '');
	if (unread.length) {
		context.warn(
			`columns not read (no field of Parity's): ${unread.map((name) => JSON.stringify(name)).join(', ')}`
		);
	}

	let shape: CsvShape;
	let textColumn: number;
	if (columns.role !== undefined && columns.text !== undefined) {
		shape = 'messages';
		textColumn = columns.text;
		if (columns.transcript !== undefined) {
			context.warn(
				`column ${headers[columns.transcript]} ignored: the file has one message per row (${headers[columns.text]})`
			);
		}
	} else if (columns.transcript !== undefined) {
		shape = 'transcript';
		textColumn = columns.transcript;
	} else {
		textColumn = columns.text as number;
		const texts = cells(rows, textColumn);
		const known = (label: string) =>
			readSpeakerLabel(label, { roleValues, distinguishesBots: false }) !== null;
		const prefixed = texts.filter((text) => splitTranscript(text, known).turns.length > 0);
		if (texts.length === 0 || prefixed.length * 2 < texts.length) {
			throw new CsvPlanError(
				headers,
				['role'],
				[
					`Nothing says who wrote each message: no role column (e.g. role, sender, author_type, direction)` +
						` and the cells of ${headers[textColumn]} do not start with speaker prefixes such as "Customer:" or "[10:02] Agent:".`
				],
				{ ...wording, shown: [] }
			);
		}
		shape = 'transcript';
	}

	// "agent" means a human when the same column (or the transcripts) also name bots.
	let distinguishesBots: boolean;
	if (shape === 'messages') distinguishesBots = namesBots(cells(rows, columns.role), roleValues);
	else {
		const policy = { roleValues, distinguishesBots: false };
		distinguishesBots = cells(rows, textColumn).some((text) =>
			splitTranscript(text, (label) => readSpeakerLabel(label, policy) !== null).turns.some(
				(turn) => readSpeakerLabel(turn.label, policy)?.role === 'ai'
			)
		);
	}

	const publicColumn = columns.isPublic;
	return {
		fileName: context.fileName,
		headers,
		shape,
		columns,
		textColumn,
		timeOfDay: resolved.timeOfDay,
		publicInverted:
			publicColumn !== undefined &&
			INVERTED_PUBLIC_KEYS.has(headerKey(headers[publicColumn] ?? '')),
		roleValues,
		distinguishesBots,
		csatScale: context.mapping?.csatScale ?? csatScaleFromSample(cells(rows, columns.csat)),
		zone: context.timeZone
	};
}

/** What keeps the importer from reading a file: nothing when `missing` is empty. */
export interface MappingGaps {
	missing: RequiredField[];
	problems: string[];
}

/**
 * The importer's own check of a header and its first rows, read with `mapping` (or by the
 * header alone): what `makePlan` would refuse the file for. The upload's mapping step is
 * checked with it before a mapping is saved, so the form cannot accept what the import
 * would then fail on.
 */
export function checkMapping(
	headers: readonly string[],
	rows: readonly string[][],
	mapping?: ColumnMapping
): MappingGaps {
	try {
		makePlan([...headers], rows, {
			fileName: '',
			timeZone: 'UTC',
			mapping,
			warn: () => undefined
		});
		return { missing: [], problems: [] };
	} catch (error) {
		if (!(error instanceof CsvPlanError)) throw error;
		return { missing: [...error.missing], problems: [...error.problems] };
	}
}

/** Whether the first rows hold `d/m/y`-or-`m/d/y` dates, so the whole file must decide. */
export function sampleNeedsDateScan(
	plan: Omit<CsvPlan, 'dates'>,
	rows: readonly string[][]
): DateEvidence | null {
	const evidence = new DateEvidence();
	for (const row of rows) for (const value of dateCells(plan, row)) evidence.add(value);
	return evidence.count > 0 ? evidence : null;
}
