import { desc, eq, sql } from 'drizzle-orm';
import type { DbHandle } from '../client';
import { outbox, type OutboxKind, type OutboxStatus } from '../schema';

export interface NewOutboxMessage {
	dedupeKey: string;
	kind: OutboxKind;
	alertId: number | null;
	week: string;
	subject: string;
	fromAddress: string;
	recipients: string[];
	messageId: string;
	raw: Buffer;
	createdAt: number;
}

/** Queues a message; null when one with the same dedupe key was queued before. */
export function enqueueMessage(handle: DbHandle, message: NewOutboxMessage): number | null {
	const row = handle.db
		.insert(outbox)
		.values({ ...message, status: 'pending', attempts: 0, nextAttemptAt: message.createdAt })
		.onConflictDoNothing({ target: outbox.dedupeKey })
		.returning({ id: outbox.id })
		.get();
	return row?.id ?? null;
}

export function findByDedupeKey(handle: DbHandle, dedupeKey: string) {
	return (
		handle.db
			.select({ id: outbox.id, status: outbox.status, sentAt: outbox.sentAt })
			.from(outbox)
			.where(eq(outbox.dedupeKey, dedupeKey))
			.get() ?? null
	);
}

export interface ClaimedMessage {
	id: number;
	dedupeKey: string;
	kind: OutboxKind;
	subject: string;
	fromAddress: string;
	recipients: string[];
	messageId: string;
	raw: Buffer;
	attempts: number;
	createdAt: number;
}

/**
 * Claims up to `limit` messages that are due, in one statement, so two senders (the server's
 * loop and a CLI run) never take the same message. A claim that lapsed (its sender died
 * mid-send) is taken over. The attempt is counted at claim time, so a sender that keeps
 * dying on a message still backs off.
 */
export function claimDueMessages(
	handle: DbHandle,
	options: { now: number; token: string; leaseMs: number; limit: number }
): ClaimedMessage[] {
	const rows = handle.sqlite
		.prepare(
			`UPDATE outbox
			    SET status = 'sending', claim_token = @token, claimed_until = @until,
			        attempts = attempts + 1
			  WHERE id IN (
			        SELECT id FROM outbox
			         WHERE (status = 'pending' AND next_attempt_at <= @now)
			            OR (status = 'sending' AND claimed_until < @now)
			         ORDER BY next_attempt_at, id
			         LIMIT @limit)
			RETURNING id, dedupe_key AS dedupeKey, kind, subject, from_address AS fromAddress,
			          recipients, message_id AS messageId, raw, attempts, created_at AS createdAt`
		)
		.all({
			token: options.token,
			until: options.now + options.leaseMs,
			now: options.now,
			limit: options.limit
		}) as Array<Omit<ClaimedMessage, 'recipients'> & { recipients: string }>;
	return rows
		.map((row) => ({ ...row, recipients: JSON.parse(row.recipients) as string[] }))
		.sort((a, b) => a.id - b.id);
}

/** Only the sender holding the claim may settle a message (a lapsed claim was taken over). */
function settle(
	handle: DbHandle,
	id: number,
	token: string,
	values: Partial<typeof outbox.$inferInsert>
): boolean {
	return (
		handle.db
			.update(outbox)
			.set({ ...values, claimToken: null, claimedUntil: null })
			.where(
				sql`${outbox.id} = ${id} AND ${outbox.claimToken} = ${token} AND ${outbox.status} = 'sending'`
			)
			.run().changes > 0
	);
}

export function markSent(
	handle: DbHandle,
	id: number,
	token: string,
	values: { at: number; via: 'smtp' | 'file'; response: string; error?: string | null }
): boolean {
	return settle(handle, id, token, {
		status: 'sent',
		sentAt: values.at,
		deliveredVia: values.via,
		deliveryResponse: values.response,
		lastError: values.error ?? null
	});
}

export function markRetry(
	handle: DbHandle,
	id: number,
	token: string,
	values: { nextAttemptAt: number; error: string }
): boolean {
	return settle(handle, id, token, {
		status: 'pending',
		nextAttemptAt: values.nextAttemptAt,
		lastError: values.error
	});
}

export function markFailed(handle: DbHandle, id: number, token: string, error: string): boolean {
	return settle(handle, id, token, { status: 'failed', lastError: error });
}

/** Puts a failed message back in the queue (an admin fixed the address or the server). */
export function requeueMessage(handle: DbHandle, id: number, now: number): boolean {
	return (
		handle.db
			.update(outbox)
			.set({ status: 'pending', nextAttemptAt: now, lastError: null })
			.where(sql`${outbox.id} = ${id} AND ${outbox.status} = 'failed'`)
			.run().changes > 0
	);
}

/** The outbox as the dashboard lists it: everything but the message bytes. */
export function listOutbox(
	handle: DbHandle,
	options: { status?: OutboxStatus; limit?: number } = {}
) {
	return handle.db
		.select({
			id: outbox.id,
			kind: outbox.kind,
			alertId: outbox.alertId,
			week: outbox.week,
			subject: outbox.subject,
			recipients: outbox.recipients,
			status: outbox.status,
			attempts: outbox.attempts,
			createdAt: outbox.createdAt,
			nextAttemptAt: outbox.nextAttemptAt,
			sentAt: outbox.sentAt,
			lastError: outbox.lastError,
			deliveredVia: outbox.deliveredVia,
			deliveryResponse: outbox.deliveryResponse,
			sizeBytes: sql<number>`length(${outbox.raw})`
		})
		.from(outbox)
		.where(options.status ? eq(outbox.status, options.status) : undefined)
		.orderBy(desc(outbox.id))
		.limit(options.limit ?? 100)
		.all();
}

export type OutboxListItem = ReturnType<typeof listOutbox>[number];

export function getOutboxMessage(handle: DbHandle, id: number) {
	return handle.db.select().from(outbox).where(eq(outbox.id, id)).get() ?? null;
}

export function outboxCounts(handle: DbHandle): Record<OutboxStatus, number> {
	const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
	const rows = handle.db
		.select({ status: outbox.status, n: sql<number>`count(*)` })
		.from(outbox)
		.groupBy(outbox.status)
		.all();
	for (const row of rows) counts[row.status] = row.n;
	return counts;
}
