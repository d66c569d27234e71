import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The keyword taxonomy the analyst edits; seeded from data/topics.json on first start. */
export const topics = sqliteTable('topics', {
	name: text('name').primaryKey(),
	label: text('label').notNull(),
	keywords: text('keywords', { mode: 'json' }).$type<string[]>().notNull(),
	tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
	/** Order in the taxonomy: the first topic wins ties. */
	position: integer('position').notNull()
});
