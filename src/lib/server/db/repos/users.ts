import { and, asc, count, eq, isNull, ne } from 'drizzle-orm';
import type { Role } from '../../../domain/roles';
import type { DbHandle } from '../client';
import { users } from '../schema';

export type UserRow = typeof users.$inferSelect;

/** A user as pages and services see it: never the password hash. */
export interface UserSummary {
	id: number;
	email: string;
	name: string | null;
	role: Role;
	createdAt: number;
	lastLoginAt: number | null;
	disabledAt: number | null;
}

const summary = {
	id: users.id,
	email: users.email,
	name: users.name,
	role: users.role,
	createdAt: users.createdAt,
	lastLoginAt: users.lastLoginAt,
	disabledAt: users.disabledAt
};

export function hasAnyUser(handle: DbHandle): boolean {
	return handle.db.select({ id: users.id }).from(users).limit(1).get() !== undefined;
}

export function findUserByEmail(handle: DbHandle, email: string): UserRow | null {
	return handle.db.select().from(users).where(eq(users.email, email)).get() ?? null;
}

export function getUser(handle: DbHandle, id: number): UserSummary | null {
	return handle.db.select(summary).from(users).where(eq(users.id, id)).get() ?? null;
}

export function getUserRow(handle: DbHandle, id: number): UserRow | null {
	return handle.db.select().from(users).where(eq(users.id, id)).get() ?? null;
}

export function listUsers(handle: DbHandle): UserSummary[] {
	return handle.db.select(summary).from(users).orderBy(asc(users.email)).all();
}

export function insertUser(
	handle: DbHandle,
	user: { email: string; name: string | null; role: Role; passwordHash: string; now: number }
): number {
	return handle.db
		.insert(users)
		.values({
			email: user.email,
			name: user.name,
			role: user.role,
			passwordHash: user.passwordHash,
			createdAt: user.now,
			passwordChangedAt: user.now
		})
		.returning({ id: users.id })
		.get().id;
}

/** Inserts the first user only if there is none yet, atomically; null when one exists. */
export function insertFirstUser(
	handle: DbHandle,
	user: { email: string; name: string | null; role: Role; passwordHash: string; now: number }
): number | null {
	return handle.sqlite
		.transaction(() => (hasAnyUser(handle) ? null : insertUser(handle, user)))
		.immediate();
}

export function setUserRole(handle: DbHandle, id: number, role: Role): void {
	handle.db.update(users).set({ role }).where(eq(users.id, id)).run();
}

export function setUserDisabled(handle: DbHandle, id: number, disabledAt: number | null): void {
	handle.db.update(users).set({ disabledAt }).where(eq(users.id, id)).run();
}

export function setUserPassword(handle: DbHandle, id: number, passwordHash: string, now: number) {
	handle.db
		.update(users)
		.set({ passwordHash, passwordChangedAt: now })
		.where(eq(users.id, id))
		.run();
}

export function setLastLogin(handle: DbHandle, id: number, at: number): void {
	handle.db.update(users).set({ lastLoginAt: at }).where(eq(users.id, id)).run();
}

/** Active admins other than `exceptId`: an admin may not remove the last one. */
export function countOtherActiveAdmins(handle: DbHandle, exceptId: number): number {
	return (
		handle.db
			.select({ n: count() })
			.from(users)
			.where(and(eq(users.role, 'admin'), isNull(users.disabledAt), ne(users.id, exceptId)))
			.get()?.n ?? 0
	);
}
