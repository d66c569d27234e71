import { and, desc, like, lt, type SQL } from 'drizzle-orm';
import type { DbHandle } from '../client';
import { auditLog } from '../schema';

export type AuditEntry = typeof auditLog.$inferSelect;

export function insertAuditEntry(handle: DbHandle, entry: Omit<AuditEntry, 'id'>): void {
	handle.db.insert(auditLog).values(entry).run();
}

/** Newest first; `before` pages back from an id, `action` filters by prefix (`user.`). */
export function listAuditEntries(
	handle: DbHandle,
	options: { limit: number; before?: number; action?: string }
): AuditEntry[] {
	const conditions: SQL[] = [];
	if (options.before !== undefined) conditions.push(lt(auditLog.id, options.before));
	if (options.action)
		conditions.push(like(auditLog.action, `${options.action.replace(/[%_]/g, '')}%`));
	return handle.db
		.select()
		.from(auditLog)
		.where(conditions.length ? and(...conditions) : undefined)
		.orderBy(desc(auditLog.id))
		.limit(options.limit)
		.all();
}
