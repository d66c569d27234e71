import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { CsvPreview } from '../../../domain/imports';
import type { ColumnMapping } from '../../ingest/types';

export const JOB_KINDS = ['import', 'derive'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const JOB_STATUSES = ['running', 'done', 'failed', 'interrupted'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * Files of an uploaded batch held back from its import because their columns need mapping
 * first (uploads/held.ts): kept in the batch's folder, each with what the mapping step shows.
 */
export interface HeldFiles {
	/** The batch whose folder (under the upload folder) holds them. */
	batch: string;
	/** The upload's source and format, for their import once mapped. */
	source: string | null;
	format: string | null;
	files: Array<{ file: string; name: string; bytes: number; csv: CsvPreview }>;
}

/**
 * Work the server hands to a child process (jobs/): an uploaded file's import, or the
 * re-derivation after a setting, rule or taxonomy change. The child records its progress
 * where it works (an import on its `imports` rows, tagged with this id); this row says what
 * was asked, by whom, and how it ended, also for a file the child could not even open.
 */
export const jobs = sqliteTable(
	'jobs',
	{
		id: text('id').primaryKey(),
		kind: text('kind', { enum: JOB_KINDS }).notNull(),
		/** What it works on: the uploaded file's name, or what changed. */
		label: text('label').notNull(),
		actor: text('actor').notNull(),
		status: text('status', { enum: JOB_STATUSES }).notNull().default('running'),
		error: text('error'),
		startedAt: integer('started_at').notNull(),
		finishedAt: integer('finished_at'),
		/** The child process, to tell a live job from one whose server died under it. */
		pid: integer('pid'),
		/** Bytes uploaded (import jobs). */
		sizeBytes: integer('size_bytes'),
		/** The child's summary (its `--json` output), when it ended. */
		result: text('result', { mode: 'json' }).$type<unknown>(),
		/** Files of the upload waiting for a column mapping before they are imported. */
		awaiting: text('awaiting', { mode: 'json' }).$type<HeldFiles>()
	},
	(t) => [index('jobs_started_idx').on(t.startedAt), index('jobs_status_idx').on(t.status)]
);

/**
 * Column mappings analysts made for CSV files whose header Parity could not read, kept per
 * source and header signature (the header's columns, compared as `headerKey` does): the
 * next file of that shape from that source is read with the same mapping.
 */
export const columnMappings = sqliteTable(
	'column_mappings',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		source: text('source').notNull(),
		signature: text('signature').notNull(),
		headers: text('headers', { mode: 'json' }).$type<string[]>().notNull(),
		mapping: text('mapping', { mode: 'json' }).$type<ColumnMapping>().notNull(),
		updatedAt: integer('updated_at').notNull(),
		updatedBy: text('updated_by').notNull()
	},
	(t) => [uniqueIndex('column_mappings_source_signature_uq').on(t.source, t.signature)]
);
