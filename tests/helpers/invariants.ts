import { expect } from 'vitest';
import type { DbHandle } from '../../src/lib/server/db/client';
import type { AuthorRole } from '../../src/lib/domain/conversation';
import { deriveHandler } from '../../src/lib/domain/handler';

/**
 * What must hold after any import, however bad its input: every record counted once, and
 * every stored conversation complete — its message count and handler agree with the
 * messages actually stored (no half-written conversation).
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
		const roles = rows.map((m) => ({ role: m.role as AuthorRole, isPublic: m.is_public === 1 }));
		expect(deriveHandler(roles), `conversation ${c.id} handler`).toBe(c.handler);
	}
	expect(db.sqlite.pragma('foreign_key_check')).toEqual([]);
}
