import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** A place conversations come from: one help-desk account, one CSV feed. */
export const sources = sqliteTable('sources', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name').notNull().unique(),
	tool: text('tool').notNull(),
	createdAt: integer('created_at').notNull()
});

export const IMPORT_STATUSES = ['running', 'done', 'failed', 'interrupted'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** One file (or one set of files read together) brought in by one import run. */
export const imports = sqliteTable(
	'imports',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		sourceId: integer('source_id').references(() => sources.id),
		fileName: text('file_name').notNull(),
		format: text('format'),
		sizeBytes: integer('size_bytes').notNull().default(0),
		sha256: text('sha256'),
		startedAt: integer('started_at').notNull(),
		finishedAt: integer('finished_at'),
		status: text('status', { enum: IMPORT_STATUSES }).notNull().default('running'),
		recordsRead: integer('records_read').notNull().default(0),
		recordsImported: integer('records_imported').notNull().default(0),
		recordsDuplicate: integer('records_duplicate').notNull().default(0),
		recordsRejected: integer('records_rejected').notNull().default(0),
		conversationsCreated: integer('conversations_created').notNull().default(0),
		conversationsUpdated: integer('conversations_updated').notNull().default(0),
		messagesImported: integer('messages_imported').notNull().default(0),
		encoding: text('encoding'),
		error: text('error'),
		/** The process running the import, to tell a live import from one whose process died. */
		pid: integer('pid'),
		/** Bytes of the file read so far: the progress of a running import. */
		bytesRead: integer('bytes_read').notNull().default(0),
		/** The upload job that started the import (web uploads run as background jobs). */
		job: text('job'),
		options: text('options', { mode: 'json' }).$type<Record<string, unknown>>()
	},
	(t) => [index('imports_started_idx').on(t.startedAt), index('imports_job_idx').on(t.job)]
);

/** A record that could not be imported, with the reason and the raw record (first 4 KB). */
export const rejects = sqliteTable(
	'rejects',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		importId: integer('import_id')
			.notNull()
			.references(() => imports.id, { onDelete: 'cascade' }),
		locator: text('locator').notNull(),
		reason: text('reason').notNull(),
		raw: text('raw')
			.notNull()
			.default(sql`''`)
	},
	(t) => [index('rejects_import_idx').on(t.importId)]
);
