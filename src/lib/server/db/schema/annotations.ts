import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './auth';
import { sources } from './ingest';

/** What changed in the support operation on a day, marked on the trends (domain/annotations.ts). */
export const annotations = sqliteTable(
	'annotations',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** A calendar day, YYYY-MM-DD, as the organisation names it. */
		day: text('day').notNull(),
		text: text('text').notNull(),
		/** The one source the note is about (null: the whole operation); it goes with the source. */
		sourceId: integer('source_id').references(() => sources.id, { onDelete: 'cascade' }),
		createdBy: integer('created_by').references(() => users.id),
		createdAt: integer('created_at').notNull()
	},
	(table) => [index('annotations_day').on(table.day)]
);
