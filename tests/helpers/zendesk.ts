import { join } from 'node:path';
import type { DbHandle } from '../../src/lib/server/db/client';
import type { Directory, Person } from '../../src/lib/server/ingest/adapters/zendesk/directory';
import { User } from '../../src/lib/server/ingest/adapters/zendesk/schema';

/** A Zendesk user record, checked by the adapter's own schema, as the adapter's directory holds it. */
function person(raw: unknown): Person {
	const user = User.parse(raw);
	return {
		id: String(user.id),
		name: user.name ?? null,
		email: user.email ?? null,
		phone: user.phone ?? null,
		externalId: user.external_id == null ? null : String(user.external_id),
		role: user.role ?? null
	};
}

/** The users and groups a Zendesk export side-loads, for the mapping tests. */
export function directoryOf(
	users: unknown[] = [],
	groups: Array<[string, string]> = []
): Directory {
	return {
		users: new Map(users.map((raw) => person(raw)).map((p) => [p.id, p])),
		groups: new Map(groups)
	};
}

/** Where the Zendesk fixtures are (tests/fixtures/zendesk, README there). */
export const ZENDESK_FIXTURES = join(process.cwd(), 'tests/fixtures/zendesk');

export interface ConversationRow {
	external_id: string;
	channel: string;
	identities: string;
	customer_id: number | null;
	customer_name: string | null;
	status: string | null;
	tags: string;
	assignee: string | null;
	team: string | null;
	csat_offered: number;
	csat_value: string | null;
	csat_scale: string | null;
	csat_comment: string | null;
	csat_answered_at: number | null;
	handler: string;
	message_count: number;
}

export function conversation(db: DbHandle, externalId: string): ConversationRow {
	return db.sqlite
		.prepare('SELECT * FROM conversations WHERE external_id = ?')
		.get(externalId) as ConversationRow;
}

export function messages(db: DbHandle, externalId: string) {
	return db.sqlite
		.prepare(
			`SELECT m.key, m.role, m.role_origin, m.author_name, m.is_public, m.body
			   FROM messages m JOIN conversations c ON c.id = m.conversation_id
			  WHERE c.external_id = ? ORDER BY m.created_at, m.id`
		)
		.all(externalId) as Array<{
		key: string;
		role: string;
		role_origin: string;
		author_name: string | null;
		is_public: number;
		body: string;
	}>;
}

export function rejects(db: DbHandle, importId: number | null | undefined) {
	return db.sqlite
		.prepare('SELECT locator, reason FROM rejects WHERE import_id = ? ORDER BY id')
		.all(importId) as Array<{ locator: string; reason: string }>;
}
