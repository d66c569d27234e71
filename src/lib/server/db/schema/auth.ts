import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ROLES, TOKEN_SCOPES } from '../../../domain/roles';

/** A person who signs in. Never deleted (the audit log names them); disabled instead. */
export const users = sqliteTable(
	'users',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** Lower-cased; the sign-in name. */
		email: text('email').notNull(),
		name: text('name'),
		role: text('role', { enum: ROLES }).notNull(),
		/** `scrypt$ln$r$p$salt$hash` (auth/password.ts). */
		passwordHash: text('password_hash').notNull(),
		createdAt: integer('created_at').notNull(),
		passwordChangedAt: integer('password_changed_at').notNull(),
		lastLoginAt: integer('last_login_at'),
		disabledAt: integer('disabled_at')
	},
	(t) => [uniqueIndex('users_email_uq').on(t.email)]
);

/**
 * A signed-in browser. The id is the SHA-256 of the cookie's random token, so a copy of the
 * database (a backup) holds nothing that can be replayed as a cookie.
 */
export const sessions = sqliteTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: integer('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at').notNull(),
		lastSeenAt: integer('last_seen_at').notNull(),
		/** Absolute end, however active the session is. */
		expiresAt: integer('expires_at').notNull()
	},
	(t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)]
);

/** A credential for machine clients, shown once on creation and stored as its SHA-256. */
export const apiTokens = sqliteTable(
	'api_tokens',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		name: text('name').notNull(),
		tokenHash: text('token_hash').notNull(),
		/** The first characters of the token, so an admin can tell tokens apart. */
		prefix: text('prefix').notNull(),
		scope: text('scope', { enum: TOKEN_SCOPES }).notNull(),
		createdBy: integer('created_by').references(() => users.id),
		createdAt: integer('created_at').notNull(),
		lastUsedAt: integer('last_used_at'),
		revokedAt: integer('revoked_at')
	},
	(t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash)]
);

/** Who did what, when: sign-ins, imports, erasures, settings, users and tokens. */
export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at').notNull(),
		actorUserId: integer('actor_user_id').references(() => users.id),
		/** Who, readable even without the user row: an email, `cli (os user)`, `token …`. */
		actor: text('actor').notNull(),
		action: text('action').notNull(),
		/** What was acted on: a user's email, an import id, a setting key. */
		target: text('target'),
		detail: text('detail', { mode: 'json' }).$type<Record<string, unknown>>(),
		address: text('address')
	},
	(t) => [index('audit_log_at_idx').on(t.at), index('audit_log_action_idx').on(t.action)]
);

/**
 * Failed sign-in attempts, for throttling. `key` is a SHA-256 of `account:<email>` or
 * `address:<ip>`, so that a mistyped password entered as the email is not kept readable.
 */
export const loginFailures = sqliteTable(
	'login_failures',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		key: text('key').notNull(),
		at: integer('at').notNull()
	},
	(t) => [index('login_failures_key_at_idx').on(t.key, t.at)]
);
