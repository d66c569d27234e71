import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DbHandle } from '../../src/lib/server/db/client';
import { parseMapping } from '../../src/lib/server/ingest/mapping';
import type { ColumnMapping } from '../../src/lib/server/ingest/types';

/** Readers of what a CSV import stored, shared by the CSV import tests. */

const FIXTURES = join(import.meta.dirname, '../fixtures/csv');
export const fixture = (name: string) => join(FIXTURES, name);

export function mappingFile(name: string): ColumnMapping {
	const parsed = parseMapping(readFileSync(fixture(name), 'utf8'));
	if (!parsed.ok) throw new Error(parsed.error);
	return parsed.mapping;
}

export interface MessageRow {
	role: string;
	role_origin: string;
	author_name: string | null;
	at: string;
	body: string;
}

export function messagesOf(db: DbHandle, externalId: string): MessageRow[] {
	return db.sqlite
		.prepare(
			`SELECT m.role, m.role_origin, m.author_name,
			        strftime('%Y-%m-%dT%H:%M:%SZ', m.created_at / 1000, 'unixepoch') AS at, m.body
			   FROM messages m JOIN conversations c ON c.id = m.conversation_id
			  WHERE c.external_id = ? ORDER BY m.created_at, m.id`
		)
		.all(externalId) as MessageRow[];
}

export function conversation(db: DbHandle, externalId: string) {
	return db.sqlite
		.prepare(
			`SELECT handler, channel, status, tags, assignee, csat_value, csat_scale, message_count,
			        identities, customer_name,
			        strftime('%Y-%m-%dT%H:%M:%SZ', started_at / 1000, 'unixepoch') AS started,
			        strftime('%Y-%m-%dT%H:%M:%SZ', ended_at / 1000, 'unixepoch') AS ended
			   FROM conversations WHERE external_id = ?`
		)
		.get(externalId) as Record<string, unknown> | undefined;
}

export function rejects(db: DbHandle) {
	return db.sqlite.prepare('SELECT locator, reason FROM rejects ORDER BY id').all() as Array<{
		locator: string;
		reason: string;
	}>;
}
