import { createHmac } from 'node:crypto';
import type { ConversationInput, IdentityKind } from '../../domain/conversation';
import { redact } from './redact';

/**
 * PII minimisation at import, one step between normalisation and staging
 * (ingest/pipeline.ts `transform`): what is stored of a conversation is
 * - message text and survey comments with emails, phones, cards and IBANs replaced by
 *   placeholders (redact.ts);
 * - customer identities as keyed hashes, HMAC-SHA256 under the installation's secret
 *   (key.ts) over the normalised `kind:value`: the same customer gets the same hash in
 *   every import, so repeat contact still matches, and erasure can find them by hashing
 *   what the analyst types;
 * - no customer name: it adds nothing to the measures, and initials would still single
 *   people out in small teams. Customer messages lose their author name, and their
 *   author id is hashed like an identity (tools often put the customer's email there).
 * Agents' and bots' names and ids are kept: bot rules and per-team views need them.
 */

export type IdentityHasher = (kind: IdentityKind | 'author', value: string) => string;

export function identityHasher(key: Buffer): IdentityHasher {
	return (kind, value) => createHmac('sha256', key).update(`${kind}:${value}`).digest('base64url');
}

export interface Minimizer {
	conversation(conversation: ConversationInput): ConversationInput;
	/** For the raw record kept with a reject, and the reason (which may quote a value). */
	text(raw: string): string;
}

export function createMinimizer(key: Buffer): Minimizer {
	const hash = identityHasher(key);
	return {
		conversation(c) {
			return {
				...c,
				identities: c.identities.map((identity) => ({
					kind: identity.kind,
					value: hash(identity.kind, identity.value)
				})),
				customerName: null,
				csat: c.csat && {
					...c.csat,
					comment: c.csat.comment === null ? null : redact(c.csat.comment)
				},
				messages: c.messages.map((message) =>
					message.role === 'customer'
						? {
								...message,
								text: redact(message.text),
								authorName: null,
								authorId: message.authorId === null ? null : hash('author', message.authorId)
							}
						: { ...message, text: redact(message.text) }
				)
			};
		},
		text: redact
	};
}
