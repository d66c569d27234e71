import { z } from 'zod';
import { isoWeekOf } from '../../domain/time';
import { audit, type Actor } from '../audit';
import type { DbHandle } from '../db/client';
import { enqueueMessage } from '../db/repos/outbox';
import { ok, refuse, type Result } from '../result';
import { composeMime, messageIdFor } from './compose';
import { mailSettings } from './notify';
import { emailDocument, heading, link } from './templates/layout';
import { html } from './templates/html';
import { deliveryTarget } from './transport';

/**
 * A test email an admin sends from the settings page, to see that alerts will arrive: it
 * goes through the same outbox and delivery loop as alerts and the digest, so the outbox
 * page shows what the mail server answered (or where the file was written).
 */

export const TestEmailForm = z.object({
	to: z
		.string()
		.trim()
		.regex(/^[^\s@<>,;]+@[^\s@<>,;]+$/, 'an email address, such as you@example.com')
});
export type TestEmailForm = z.output<typeof TestEmailForm>;

export interface QueuedTestEmail {
	outboxId: number;
	to: string;
	/** Where the delivery loop sends it: the SMTP server, or the outbox folder. */
	delivery: ReturnType<typeof deliveryTarget>;
}

export async function queueTestEmail(
	handle: DbHandle,
	actor: Actor,
	input: TestEmailForm,
	options: { now?: () => number; env?: Record<string, string | undefined> } = {}
): Promise<Result<QueuedTestEmail>> {
	const now = (options.now ?? Date.now)();
	const settings = mailSettings(handle, options.env);
	const dedupeKey = `test:${now}:${input.to}`;
	const subject = 'Parity test email: alerts will reach this address';
	const text = [
		`This is a test email from Parity, sent by ${actor.label}.`,
		'Alerts and the weekly digest go out the same way, so they will arrive here too.',
		'',
		`Sent from ${settings.from}; links in emails start with ${settings.baseUrl}.`,
		`Open Parity: ${settings.baseUrl}/`
	].join('\n');
	const body = html`${heading(subject)}
		<p style="margin:0 0 12px 0;font-size:15px;">
			This is a test email from Parity, sent by ${actor.label}. Alerts and the weekly digest go out
			the same way, so they will arrive here too.
		</p>
		<p style="margin:0;font-size:15px;">${link(`${settings.baseUrl}/`, 'Open Parity')}</p>`;
	const raw = await composeMime({
		from: settings.from,
		to: [input.to],
		subject,
		text,
		html: emailDocument({
			title: subject,
			preheader: 'Alerts and the weekly digest will arrive here too.',
			body,
			footer: html`Sent from ${settings.from}.`
		}),
		messageId: messageIdFor(dedupeKey, settings.from),
		date: new Date(now),
		dedupeKey
	});
	const outboxId = enqueueMessage(handle, {
		dedupeKey,
		kind: 'test',
		alertId: null,
		week: isoWeekOf(now, settings.timeZone),
		subject,
		fromAddress: settings.from,
		recipients: [input.to],
		messageId: messageIdFor(dedupeKey, settings.from),
		raw,
		createdAt: now
	});
	if (outboxId === null) return refuse(409, { to: 'a test email to that address was just queued' });
	audit(handle, actor, 'email.test', input.to, { outboxId }, now);
	return ok({ outboxId, to: input.to, delivery: deliveryTarget(options.env) });
}
