import { expect } from 'vitest';
import type { DbHandle } from '../../src/lib/server/db/client';
import { contentHash, type StoredState } from '../../src/lib/server/ingest/fingerprint';

/**
 * What must hold after any import, however bad its input: every record counted once, and
 * every stored conversation complete — its message count, handler inputs and content hash
 * agree with the messages actually stored (no half-written conversation).
 */
export function expectConsistentStore(db: DbHandle): void {
	const imports = db.sqlite
		.prepare(
			`SELECT id, status, records_read, records_imported, records_duplicate, records_rejected,
			        (SELECT COUNT(*) FROM rejects r WHERE r.import_id = imports.id) AS reject_rows
			   FROM imports`
		)
		.all() as Array<Record<string, number | string>>;
	for (const row of imports) {
		expect(row.status, `import ${row.id}`).not.toBe('running');
		expect(row.records_read, `import ${row.id} counts`).toBe(
			Number(row.records_imported) + Number(row.records_duplicate) + Number(row.records_rejected)
		);
	}
	const conversations = db.sqlite.prepare('SELECT * FROM conversations').all() as Array<
		Record<string, string | number | null>
	>;
	const messages = db.sqlite.prepare(
		'SELECT * FROM messages WHERE conversation_id = ? ORDER BY created_at, id'
	);
	for (const c of conversations) {
		const rows = messages.all(c.id) as Array<Record<string, string | number | null>>;
		expect(rows.length, `conversation ${c.id} message_count`).toBe(c.message_count);
		const state: StoredState = {
			channel: String(c.channel),
			identities: JSON.parse(String(c.identities)) as string[],
			customerName: c.customer_name as string | null,
			startedAt: Number(c.started_at),
			endedAt: c.ended_at === null ? null : Number(c.ended_at),
			status: c.status as string | null,
			tags: JSON.parse(String(c.tags)) as string[],
			assignee: c.assignee as string | null,
			team: c.team as string | null,
			csatOffered: c.csat_offered === 1,
			csatValue: c.csat_value as string | null,
			csatScale: c.csat_scale as string | null,
			csatComment: c.csat_comment as string | null,
			csatAnsweredAt: c.csat_answered_at === null ? null : Number(c.csat_answered_at),
			messages: rows.map((m) => ({
				key: String(m.key),
				role: String(m.role),
				roleOrigin: String(m.role_origin),
				authorId: m.author_id as string | null,
				authorName: m.author_name as string | null,
				at: Number(m.created_at),
				text: String(m.body),
				isPublic: m.is_public === 1
			}))
		};
		expect(contentHash(state), `conversation ${c.id} content hash`).toBe(c.content_hash);
	}
	expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
}
