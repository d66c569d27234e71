import { and, eq, lt, ne } from 'drizzle-orm';
import type { Role } from '../../../domain/roles';
import type { DbHandle } from '../client';
import { sessions, users } from '../schema';

export interface SessionRow {
	id: string;
	userId: number;
	createdAt: number;
	lastSeenAt: number;
	expiresAt: number;
	email: string;
	name: string | null;
	role: Role;
	disabledAt: number | null;
}

export function insertSession(
	handle: DbHandle,
	session: { id: string; userId: number; now: number; expiresAt: number }
): void {
	handle.db
		.insert(sessions)
		.values({
			id: session.id,
			userId: session.userId,
			createdAt: session.now,
			lastSeenAt: session.now,
			expiresAt: session.expiresAt
		})
		.run();
}

/** The session with its user, read in one query on every request. */
export function findSession(handle: DbHandle, id: string): SessionRow | null {
	return (
		handle.db
			.select({
				id: sessions.id,
				userId: sessions.userId,
				createdAt: sessions.createdAt,
				lastSeenAt: sessions.lastSeenAt,
				expiresAt: sessions.expiresAt,
				email: users.email,
				name: users.name,
				role: users.role,
				disabledAt: users.disabledAt
			})
			.from(sessions)
			.innerJoin(users, eq(users.id, sessions.userId))
			.where(eq(sessions.id, id))
			.get() ?? null
	);
}

export function touchSession(handle: DbHandle, id: string, at: number): void {
	handle.db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id)).run();
}

export function deleteSession(handle: DbHandle, id: string): void {
	handle.db.delete(sessions).where(eq(sessions.id, id)).run();
}

/** Ends every session of a user, except `keepId` when given. */
export function deleteUserSessions(handle: DbHandle, userId: number, keepId?: string): number {
	const condition =
		keepId === undefined
			? eq(sessions.userId, userId)
			: and(eq(sessions.userId, userId), ne(sessions.id, keepId));
	return handle.db.delete(sessions).where(condition).run().changes;
}

/** Removes sessions past their absolute end or idle longer than `idleMs`. */
export function deleteStaleSessions(handle: DbHandle, now: number, idleMs: number): number {
	return (
		handle.db.delete(sessions).where(lt(sessions.expiresAt, now)).run().changes +
		handle.db
			.delete(sessions)
			.where(lt(sessions.lastSeenAt, now - idleMs))
			.run().changes
	);
}
