import { z } from 'zod';
import { drainChanges } from '../derive/drain';
import { IdentityKind } from '../../domain/conversation';
import { audit, type Actor } from '../audit';
import type { DbHandle } from '../db/client';
import {
	customerFootprint,
	customersWithIdentities,
	eraseCustomers,
	type ErasedCounts
} from '../db/repos/erasure';
import { normalizeIdentity } from '../ingest/normalize';
import { ok, refuse, type Result } from '../result';
import { identityKey } from './key';
import { identityHasher } from './minimize';

/**
 * Erasure of one customer on request ("delete everything you hold about me"): found by an
 * identity as the analyst knows it — an email, a phone number, a handle, the tool's
 * customer id — normalised and hashed exactly as imports store it (and also looked up as
 * stored in the clear, for imports made with minimisation off).
 *
 * Everything derived goes too. Conversations take their messages, scores and pending
 * derivations with them (ON DELETE CASCADE); the weeks they counted in are recomputed
 * before this returns, so no weekly figure still counts them. A new table holding
 * per-conversation or per-customer data must either cascade from conversations/customers
 * or be cleared here.
 *
 * The audit log records who erased and how much, never the identity itself.
 */

export const ErasureRequest = z.object({
	identity: z
		.string()
		.trim()
		.min(1, 'enter an email, phone number, handle or customer id')
		.max(320, 'too long'),
	// A form's "any kind" option sends an empty string.
	kind: z.preprocess((value) => (value === '' ? undefined : value), IdentityKind.optional())
});
export type ErasureRequest = z.output<typeof ErasureRequest>;

export const ErasureForm = ErasureRequest.extend({
	confirm: z.literal('yes', { error: 'tick the box to confirm' })
});

/** Which kinds a bare identity may be: an email has an @, a handle may start with one. */
function plausibleKinds(identity: string): IdentityKind[] {
	if (/^[^\s@]+@[^\s@]+$/.test(identity)) return ['email'];
	if (identity.startsWith('@')) return ['handle'];
	if (/^[+\d][\d\s().-]*$/.test(identity)) return ['phone', 'external', 'handle'];
	return ['external', 'handle'];
}

interface Located {
	customerIds: number[];
	needles: string[];
	/** A keyed hash naming the request in the audit log without revealing the identity. */
	reference: string;
}

function locate(handle: DbHandle, request: ErasureRequest): Located {
	const hash = identityHasher(identityKey(handle));
	const kinds = request.kind ? [request.kind] : plausibleKinds(request.identity);
	const lookups: Array<{ kind: IdentityKind; value: string }> = [];
	const needles = new Set<string>([request.identity.toLowerCase()]);
	for (const kind of kinds) {
		const value = normalizeIdentity(kind, request.identity);
		if (value === null) continue;
		lookups.push({ kind, value: hash(kind, value) }, { kind, value });
		needles.add(value.toLowerCase());
	}
	return {
		customerIds: customersWithIdentities(handle, lookups),
		needles: [...needles],
		reference: hash('external', `erasure:${request.identity.toLowerCase()}`).slice(0, 12)
	};
}

/** What an erasure would remove, without removing it. */
export function previewErasure(
	handle: DbHandle,
	request: ErasureRequest
): { customers: number; conversations: number; messages: number } {
	const located = locate(handle, request);
	return {
		customers: located.customerIds.length,
		...customerFootprint(handle, located.customerIds)
	};
}

export function eraseCustomer(
	handle: DbHandle,
	actor: Actor,
	request: ErasureRequest,
	now = Date.now()
): Result<ErasedCounts> {
	const located = locate(handle, request);
	if (located.customerIds.length === 0) {
		return refuse(404, {
			identity: `No customer with this identity (tried as ${(request.kind ? [request.kind] : plausibleKinds(request.identity)).join(', ')}).`
		});
	}
	const counts = eraseCustomers(handle, located.customerIds, located.needles);
	drainChanges(handle);
	audit(handle, actor, 'erasure', `request ${located.reference}`, { ...counts }, now);
	return ok(counts);
}
