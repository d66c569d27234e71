import type { DbHandle } from '../db/client';
import { enqueueMessage, findByDedupeKey } from '../db/repos/outbox';
import { getSetting } from '../db/repos/settings';
import { composeMime, messageIdFor } from './compose';
import { lastCompleteWeek } from './evaluate';
import { mailSettings } from './notify';
import { DigestContentSchema } from './schemas';
import { digestEmail } from './templates/digest';
import type { EmailContent } from './templates/alert';
import type { AlertSource, DigestContent } from './types';

export interface DigestDeps {
	digestForWeek: AlertSource['digestForWeek'];
	now?: () => number;
	/** The week to review; the last complete week in the organisation's zone by default. */
	week?: string;
	/** Render the email but queue nothing. */
	dryRun?: boolean;
	env?: Record<string, string | undefined>;
}

export type DigestOutcome = 'queued' | 'already-queued' | 'no-data' | 'no-recipients' | 'dry-run';

export interface DigestReport {
	week: string;
	outcome: DigestOutcome;
	outboxId: number | null;
	subject: string | null;
	/** The rendered email (null when there was nothing to render). */
	email: EmailContent | null;
}

export function digestDedupeKey(week: string): string {
	return `digest:${week}`;
}

function hasData(content: DigestContent): boolean {
	const c = content.conversations;
	return c.ai + c.human + c.hybrid > 0;
}

/**
 * Renders and queues the weekly digest for a week, once: a second call for the same week
 * (the schedule catching up after a restart, a CLI run) finds it queued and does nothing.
 */
export async function sendDigest(handle: DbHandle, deps: DigestDeps): Promise<DigestReport> {
	const now = deps.now ?? Date.now;
	const week = deps.week ?? lastCompleteWeek(now(), getSetting(handle, 'org.timeZone'));
	const report: DigestReport = {
		week,
		outcome: 'no-data',
		outboxId: null,
		subject: null,
		email: null
	};
	const dedupeKey = digestDedupeKey(week);
	if (!deps.dryRun) {
		const existing = findByDedupeKey(handle, dedupeKey);
		if (existing) return { ...report, outcome: 'already-queued', outboxId: existing.id };
	}
	const provided = await deps.digestForWeek(week);
	if (!provided) return report;
	const parsed = DigestContentSchema.safeParse(provided);
	if (!parsed.success)
		throw new Error(
			`the digest for ${week} does not read: ${parsed.error.issues
				.slice(0, 5)
				.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
				.join('; ')}`
		);
	const content = parsed.data;
	if (!hasData(content)) return report;
	const settings = mailSettings(handle, deps.env);
	const email = digestEmail(content, {
		baseUrl: settings.baseUrl,
		topicLabels: settings.topicLabels
	});
	report.email = email;
	report.subject = email.subject;
	if (deps.dryRun) return { ...report, outcome: 'dry-run' };
	if (!settings.digestRecipients.length) return { ...report, outcome: 'no-recipients' };

	const messageId = messageIdFor(dedupeKey, settings.from);
	const raw = await composeMime({
		from: settings.from,
		to: settings.digestRecipients,
		subject: email.subject,
		html: email.html,
		text: email.text,
		messageId,
		date: new Date(now()),
		dedupeKey
	});
	const outboxId = enqueueMessage(handle, {
		dedupeKey,
		kind: 'digest',
		alertId: null,
		week,
		subject: email.subject,
		fromAddress: settings.from,
		recipients: settings.digestRecipients,
		messageId,
		raw,
		createdAt: now()
	});
	if (outboxId === null) {
		// Another process queued it while this one was rendering.
		return {
			...report,
			outcome: 'already-queued',
			outboxId: findByDedupeKey(handle, dedupeKey)?.id ?? null
		};
	}
	return { ...report, outcome: 'queued', outboxId };
}
