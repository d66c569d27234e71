import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Organisation settings as JSON values under a key; typed and defaulted in settings repo. */
export const settings = sqliteTable('settings', {
	key: text('key').primaryKey(),
	value: text('value', { mode: 'json' }).notNull()
});

export const BOT_RULE_KINDS = ['author_id', 'name_pattern'] as const;
export type BotRuleKind = (typeof BOT_RULE_KINDS)[number];

/**
 * How to tell an AI author from a human one where the tool does not say. `name_pattern` is a
 * case-insensitive regular expression matched against the whole author name; `author_id`
 * an exact id. `tool` limits a rule to one tool's exports (null: every tool).
 */
export const botRules = sqliteTable('bot_rules', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	kind: text('kind', { enum: BOT_RULE_KINDS }).notNull(),
	pattern: text('pattern').notNull(),
	tool: text('tool'),
	enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
	note: text('note')
});
