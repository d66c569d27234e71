import type { Role } from '../../src/lib/domain/roles';
import type { Actor } from '../../src/lib/server/audit';
import { createUser } from '../../src/lib/server/auth/accounts';
import type { DbHandle } from '../../src/lib/server/db/client';

export const SYSTEM: Actor = { userId: null, label: 'test', address: null };
export const PASSWORD = 'correct horse battery';

export async function makeUser(handle: DbHandle, email: string, role: Role, password = PASSWORD) {
	const result = await createUser(handle, SYSTEM, { email, name: null, role, password });
	if (!result.ok) throw new Error(JSON.stringify(result.errors));
	return result.value;
}

export function auditActions(handle: DbHandle): string[] {
	return (
		handle.sqlite.prepare('SELECT action FROM audit_log ORDER BY id').all() as Array<{
			action: string;
		}>
	).map((row) => row.action);
}
