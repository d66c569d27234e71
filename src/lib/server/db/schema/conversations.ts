import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { AUTHOR_ROLES, CHANNELS, HANDLERS, IDENTITY_KINDS } from '../../../domain/conversation';
import { sources } from './ingest';

/** A person, as far as their identities let us tell; merged when identities co-occur. */
export const customers = sqliteTable('customers', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	name: text('name')
});

/** Normalised identities (lower-cased email, phone digits, …) pointing at one customer. */
export const customerIdentities = sqliteTable(
	'customer_identities',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		customerId: integer('customer_id')
			.notNull()
			.references(() => customers.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: IDENTITY_KINDS }).notNull(),
		value: text('value').notNull()
	},
	(t) => [
		uniqueIndex('customer_identities_kind_value_uq').on(t.kind, t.value),
		index('customer_identities_customer_idx').on(t.customerId)
	]
);

export const conversations = sqliteTable(
	'conversations',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		sourceId: integer('source_id')
			.notNull()
			.references(() => sources.id),
		externalId: text('external_id').notNull(),
		channel: text('channel', { enum: CHANNELS }).notNull(),
		customerId: integer('customer_id').references(() => customers.id, { onDelete: 'set null' }),
		/** The identities this conversation carried ("kind:value"), as matched to customers. */
		identities: text('identities', { mode: 'json' }).$type<string[]>().notNull(),
		customerName: text('customer_name'),
		startedAt: integer('started_at').notNull(),
		endedAt: integer('ended_at'),
		status: text('status'),
		tags: text('tags', { mode: 'json' }).$type<string[]>().notNull(),
		assignee: text('assignee'),
		team: text('team'),
		csatOffered: integer('csat_offered', { mode: 'boolean' }).notNull().default(false),
		csatValue: text('csat_value'),
		csatScale: text('csat_scale'),
		csatComment: text('csat_comment'),
		csatAnsweredAt: integer('csat_answered_at'),
		handler: text('handler', { enum: HANDLERS }).notNull(),
		messageCount: integer('message_count').notNull().default(0),
		/**
		 * Fingerprint of the source record last written into this conversation (see
		 * ingest/fingerprint.ts): the same record again is a duplicate at a glance.
		 */
		sourceHash: text('source_hash').notNull(),
		/**
		 * When the tool last changed the record stored here, where its export says: a record
		 * of the same conversation that is no newer only fills what is missing (ingest/fingerprint.ts).
		 */
		sourceUpdatedAt: integer('source_updated_at'),
		/**
		 * 1 when stored, one more at every change: derived rows (scores) record the revision
		 * they were computed from, and are stale when it differs.
		 */
		revision: integer('revision').notNull().default(1)
	},
	(t) => [
		uniqueIndex('conversations_source_external_uq').on(t.sourceId, t.externalId),
		index('conversations_started_idx').on(t.startedAt),
		index('conversations_customer_started_idx').on(t.customerId, t.startedAt)
	]
);

export const messages = sqliteTable(
	'messages',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		conversationId: integer('conversation_id')
			.notNull()
			.references(() => conversations.id, { onDelete: 'cascade' }),
		/** The tool's message id, or a key derived from the content when the tool has none. */
		key: text('key').notNull(),
		role: text('role', { enum: AUTHOR_ROLES }).notNull(),
		roleOrigin: text('role_origin', { enum: ['tool', 'rules'] }).notNull(),
		authorId: text('author_id'),
		authorName: text('author_name'),
		createdAt: integer('created_at').notNull(),
		body: text('body').notNull(),
		isPublic: integer('is_public', { mode: 'boolean' }).notNull(),
		sentiment: real('sentiment')
	},
	// Messages are only ever read by conversation: the unique key's index serves that.
	(t) => [uniqueIndex('messages_conversation_key_uq').on(t.conversationId, t.key)]
);

/**
 * Conversations created or changed by imports and not yet re-derived (scores, repeat
 * contact, rollups). Written in the same transaction as the change, so an import killed
 * half-way leaves the queue telling exactly what still needs deriving.
 */
export const conversationChanges = sqliteTable('conversation_changes', {
	conversationId: integer('conversation_id')
		.primaryKey()
		.references(() => conversations.id, { onDelete: 'cascade' })
});

/**
 * Conversations whose text the search index (db/search-index.ts) has yet to read, written
 * by the import store with the change: the drain indexes them in large chunks. `replace`
 * is 1 when the conversation may already be indexed (a later export changed its messages).
 */
export const searchPending = sqliteTable('search_pending', {
	conversationId: integer('conversation_id')
		.primaryKey()
		.references(() => conversations.id, { onDelete: 'cascade' }),
	replace: integer('replace').notNull().default(0)
});
