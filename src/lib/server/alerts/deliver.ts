import { randomUUID } from 'node:crypto';
import type { DbHandle } from '../db/client';
import { claimDueMessages, markFailed, markRetry, markSent } from '../db/repos/outbox';
import { DeliveryError, type MailTransport } from './transport';

/**
 * The delivery loop's one pass: claim what is due, hand each message to the transport,
 * record the outcome. A message leaves the outbox only when a server (or the outbox folder)
 * has taken it; until then it is retried with exponential backoff, across restarts.
 */

export const RETRY_BASE_MS = 60_000;
export const RETRY_MAX_MS = 60 * 60_000;
/** A message nobody could take for this long is marked failed (and listed as such). */
export const GIVE_UP_AFTER_MS = 3 * 24 * 60 * 60_000;
/** How long a claim holds; a sender that has not settled by then is presumed dead. */
export const CLAIM_LEASE_MS = 10 * 60_000;

/** Delay before attempt `attempts + 1`: 1, 2, 4, … minutes, at most an hour. */
export function retryDelay(attempts: number): number {
	return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), RETRY_MAX_MS);
}

export interface DeliveryReport {
	sent: number;
	retried: number;
	failed: number;
	messages: Array<{
		id: number;
		outcome: 'sent' | 'retry' | 'failed';
		detail: string;
		nextAttemptAt?: number;
	}>;
}

export async function deliverOutbox(
	handle: DbHandle,
	transport: MailTransport,
	options: { now?: () => number; limit?: number } = {}
): Promise<DeliveryReport> {
	const now = options.now ?? Date.now;
	const report: DeliveryReport = { sent: 0, retried: 0, failed: 0, messages: [] };
	const token = randomUUID();
	const claimed = claimDueMessages(handle, {
		now: now(),
		token,
		leaseMs: CLAIM_LEASE_MS,
		limit: options.limit ?? 50
	});
	for (const message of claimed) {
		try {
			const result = await transport.send({
				id: message.id,
				kind: message.kind,
				from: message.fromAddress,
				to: message.recipients,
				raw: message.raw
			});
			const partial = result.rejected.length
				? `refused recipients: ${result.rejected.join(', ')}`
				: null;
			markSent(handle, message.id, token, {
				at: now(),
				via: result.via,
				response: result.response,
				error: partial
			});
			report.sent++;
			report.messages.push({ id: message.id, outcome: 'sent', detail: result.response });
		} catch (error) {
			const failure =
				error instanceof DeliveryError ? error : new DeliveryError(String(error), false);
			const at = now();
			if (failure.permanent || at - message.createdAt >= GIVE_UP_AFTER_MS) {
				const detail = failure.permanent
					? failure.message
					: `gave up after ${message.attempts} attempts: ${failure.message}`;
				markFailed(handle, message.id, token, detail);
				report.failed++;
				report.messages.push({ id: message.id, outcome: 'failed', detail });
			} else {
				const nextAttemptAt = at + retryDelay(message.attempts);
				markRetry(handle, message.id, token, { nextAttemptAt, error: failure.message });
				report.retried++;
				report.messages.push({
					id: message.id,
					outcome: 'retry',
					detail: failure.message,
					nextAttemptAt
				});
			}
		}
	}
	return report;
}
