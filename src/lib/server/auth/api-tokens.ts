import { z } from 'zod';
import { TokenScope } from '../../domain/roles';
import { audit, type Actor } from '../audit';
import type { DbHandle } from '../db/client';
import {
	findApiTokenByHash,
	getApiToken,
	insertApiToken,
	listApiTokens,
	markApiTokenUsed,
	revokeApiTokenRow,
	type ApiTokenSummary
} from '../db/repos/api-tokens';
import { ok, refuse, type Result } from '../result';
import { randomToken, tokenHash } from './tokens';

/**
 * API tokens for machine clients (push ingestion): created by an admin, shown once, stored
 * as a SHA-256, limited to one scope, revocable. A request with `Authorization: Bearer`
 * is accepted only by endpoints whose policy names the token's scope (auth/policy.ts).
 */

const PREFIX = 'pty_';

export const NewApiToken = z.object({
	name: z.string().trim().min(1, 'give the token a name').max(80, 'at most 80 characters'),
	scope: TokenScope.default('ingest')
});

export interface TokenActor {
	id: number;
	name: string;
	scope: TokenScope;
}

export function tokensForAdmin(handle: DbHandle): ApiTokenSummary[] {
	return listApiTokens(handle);
}

export function createApiToken(
	handle: DbHandle,
	actor: Actor,
	input: z.output<typeof NewApiToken>,
	now = Date.now()
): Result<{ id: number; name: string; token: string }> {
	const token = `${PREFIX}${randomToken()}`;
	const id = insertApiToken(handle, {
		name: input.name,
		tokenHash: tokenHash(token),
		prefix: token.slice(0, PREFIX.length + 6),
		scope: input.scope,
		createdBy: actor.userId,
		now
	});
	audit(handle, actor, 'token.create', `#${id} ${input.name}`, { scope: input.scope }, now);
	return ok({ id, name: input.name, token });
}

export function revokeApiToken(
	handle: DbHandle,
	actor: Actor,
	id: number,
	now = Date.now()
): Result<{ id: number }> {
	const token = getApiToken(handle, id);
	if (!token) return refuse(404, { form: 'No such token.' });
	if (revokeApiTokenRow(handle, id, now)) {
		audit(handle, actor, 'token.revoke', `#${id} ${token.name}`, null, now);
	}
	return ok({ id });
}

/** The token named by an `Authorization` header, if it is one of ours and not revoked. */
export function authenticateBearer(
	handle: DbHandle,
	header: string,
	now = Date.now()
): TokenActor | null {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
	const token = match?.[1];
	if (!token || !token.startsWith(PREFIX) || token.length > 100) return null;
	const row = findApiTokenByHash(handle, tokenHash(token));
	if (!row || row.revokedAt !== null) return null;
	if (row.lastUsedAt === null || now - row.lastUsedAt > 60_000)
		markApiTokenUsed(handle, row.id, now);
	return { id: row.id, name: row.name, scope: row.scope };
}
