import { desc, eq } from 'drizzle-orm';
import type { TokenScope } from '../../../domain/roles';
import type { DbHandle } from '../client';
import { apiTokens, users } from '../schema';

export interface ApiTokenSummary {
	id: number;
	name: string;
	prefix: string;
	scope: TokenScope;
	createdBy: string | null;
	createdAt: number;
	lastUsedAt: number | null;
	revokedAt: number | null;
}

export function insertApiToken(
	handle: DbHandle,
	token: {
		name: string;
		tokenHash: string;
		prefix: string;
		scope: TokenScope;
		createdBy: number | null;
		now: number;
	}
): number {
	return handle.db
		.insert(apiTokens)
		.values({
			name: token.name,
			tokenHash: token.tokenHash,
			prefix: token.prefix,
			scope: token.scope,
			createdBy: token.createdBy,
			createdAt: token.now
		})
		.returning({ id: apiTokens.id })
		.get().id;
}

export function listApiTokens(handle: DbHandle): ApiTokenSummary[] {
	return handle.db
		.select({
			id: apiTokens.id,
			name: apiTokens.name,
			prefix: apiTokens.prefix,
			scope: apiTokens.scope,
			createdBy: users.email,
			createdAt: apiTokens.createdAt,
			lastUsedAt: apiTokens.lastUsedAt,
			revokedAt: apiTokens.revokedAt
		})
		.from(apiTokens)
		.leftJoin(users, eq(users.id, apiTokens.createdBy))
		.orderBy(desc(apiTokens.id))
		.all();
}

export function findApiTokenByHash(handle: DbHandle, tokenHash: string) {
	return handle.db.select().from(apiTokens).where(eq(apiTokens.tokenHash, tokenHash)).get() ?? null;
}

export function getApiToken(handle: DbHandle, id: number) {
	return handle.db.select().from(apiTokens).where(eq(apiTokens.id, id)).get() ?? null;
}

export function markApiTokenUsed(handle: DbHandle, id: number, at: number): void {
	handle.db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id)).run();
}

export function revokeApiTokenRow(handle: DbHandle, id: number, at: number): boolean {
	return (
		handle.sqlite
			.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL')
			.run(at, id).changes > 0
	);
}
