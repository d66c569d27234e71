import { annotationsInWeeks } from '../dashboard/annotations';
import type { DbHandle } from '../db/client';
import { getAlertRule } from '../db/repos/alert-rules';
import { alertsAwaitingNotice, setNotice, type AlertRow } from '../db/repos/alerts';
import { conversationRefs } from '../db/repos/evidence';
import { enqueueMessage } from '../db/repos/outbox';
import { getSetting } from '../db/repos/settings';
import { topicLabels } from '../db/repos/topics';
import { resolveBaseUrl } from './base-url';
import { composeMime, messageIdFor, type InlineImage } from './compose';
import { measureInfo } from './measures';
import type { AlertRule } from './rules';
import { parseFinding } from './schemas';
import { alertEmail, resolvedEmail } from './templates/alert';
import type { TopicLabels } from './templates/format';
import { senderAddress } from './transport';
import type { AlertFinding, HandlerValue } from './types';

/**
 * Turns alert state changes into queued emails. Runs after every evaluation over every
 * alert whose email is still `pending`, so a process that died between recording an alert
 * and queueing its email catches up on the next run; the outbox's dedupe key makes a
 * second queueing a no-op.
 */

export interface MailSettings {
	baseUrl: string;
	from: string;
	timeZone: string;
	alertRecipients: string[];
	digestRecipients: string[];
	/** Emails name topics by these labels, as the dashboard does. */
	topicLabels: TopicLabels;
}

export function mailSettings(
	handle: DbHandle,
	env: Record<string, string | undefined> = process.env
): MailSettings {
	const alertRecipients = getSetting(handle, 'alerts.recipients');
	const digestRecipients = getSetting(handle, 'digest.recipients');
	return {
		baseUrl: resolveBaseUrl(handle, env).url,
		from: senderAddress(getSetting(handle, 'mail.from'), env),
		timeZone: getSetting(handle, 'org.timeZone'),
		alertRecipients,
		digestRecipients: digestRecipients.length ? digestRecipients : alertRecipients,
		topicLabels: topicLabels(handle)
	};
}

export function alertDedupeKey(
	kind: 'alert' | 'resolved',
	ruleId: number | null,
	segmentKey: string,
	week: string
): string {
	return `${kind}:${ruleId ?? 'deleted'}:${segmentKey}:${week}`;
}

/**
 * The trend chart, or none: an email without its chart beats no email. The renderer (Plot,
 * resvg) is loaded on first use, so commands that send nothing do not pay for it.
 */
async function trendImage(finding: AlertFinding, cid: string, log: (line: string) => void) {
	if (!finding.trend || finding.trend.filter((point) => point.value !== null).length < 2)
		return null;
	try {
		const { renderSegmentTrendPng } = await import('./chart');
		const info = measureInfo(finding.measure);
		const content = renderSegmentTrendPng(finding.trend, {
			label: info.label,
			kind: info.kind,
			baseline: finding.baseline.value,
			highlight: finding.week
		});
		return { cid, filename: 'trend.png', content, contentType: 'image/png' } satisfies InlineImage;
	} catch (error) {
		log(`alerts: chart for ${cid} failed, sending without it: ${(error as Error).message}`);
		return null;
	}
}

function resolvedValueOf(value: unknown): HandlerValue | null {
	if (typeof value !== 'object' || value === null) return null;
	const { value: v, n } = value as { value?: unknown; n?: unknown };
	return (typeof v === 'number' || v === null) && typeof n === 'number' ? { value: v, n } : null;
}

async function queueNotice(
	handle: DbHandle,
	alert: AlertRow,
	which: 'fired' | 'resolved',
	rule: AlertRule | null,
	settings: MailSettings,
	now: number,
	log: (line: string) => void
): Promise<'queued' | 'skipped'> {
	const recipients = rule
		? rule.recipients.length
			? rule.recipients
			: settings.alertRecipients
		: [];
	// Nobody was told it fired: a resolution would be news about nothing.
	const untoldFiring = which === 'resolved' && alert.firedNotice === 'skipped';
	if (!recipients.length || untoldFiring) {
		setNotice(handle, alert.id, which, 'skipped');
		return 'skipped';
	}
	const finding = parseFinding(alert.finding);
	const week = which === 'fired' ? alert.firedWeek : (alert.resolvedWeek ?? alert.lastSeenWeek);
	const dedupeKey = alertDedupeKey(
		which === 'fired' ? 'alert' : 'resolved',
		alert.ruleId,
		alert.segmentKey,
		week
	);
	const common = {
		alertId: alert.id,
		ruleName: alert.ruleName,
		severity: alert.severity,
		baseUrl: settings.baseUrl,
		topicLabels: settings.topicLabels
	};
	let content;
	let images: InlineImage[] = [];
	if (which === 'fired') {
		const image = await trendImage(finding, `trend-${alert.id}@parity`, log);
		if (image) images = [image];
		content = alertEmail(finding, {
			...common,
			rule: rule ?? { minEffect: 0, minSample: 0, maxQ: 0 },
			chartCid: image?.cid ?? null,
			conversationRefs: conversationRefs(handle, finding.worstConversationIds),
			notes: annotationsInWeeks(handle, finding.since, finding.week, finding.segment.source).map(
				(note) => `${note.text} (${note.day}${note.source ? `, ${note.source}` : ''})`
			)
		});
	} else {
		content = resolvedEmail(finding, {
			...common,
			resolvedWeek: week,
			current: resolvedValueOf(alert.resolvedValue)
		});
	}
	const messageId = messageIdFor(dedupeKey, settings.from);
	const raw = await composeMime({
		from: settings.from,
		to: recipients,
		subject: content.subject,
		html: content.html,
		text: content.text,
		messageId,
		date: new Date(now),
		images,
		dedupeKey
	});
	handle.sqlite
		.transaction(() => {
			enqueueMessage(handle, {
				dedupeKey,
				kind: which === 'fired' ? 'alert' : 'resolved',
				alertId: alert.id,
				week,
				subject: content.subject,
				fromAddress: settings.from,
				recipients,
				messageId,
				raw,
				createdAt: now
			});
			setNotice(handle, alert.id, which, 'queued');
		})
		.immediate();
	return 'queued';
}

export interface NoticeReport {
	queued: number;
	skipped: number;
	errors: string[];
}

export async function queuePendingNotices(
	handle: DbHandle,
	options: { now: number; env?: Record<string, string | undefined>; log?: (line: string) => void }
): Promise<NoticeReport> {
	const log = options.log ?? ((line: string) => console.warn(line));
	const settings = mailSettings(handle, options.env);
	const report: NoticeReport = { queued: 0, skipped: 0, errors: [] };
	const rules = new Map<number, AlertRule | null>();
	const ruleFor = (id: number | null) => {
		if (id === null) return null;
		if (!rules.has(id)) rules.set(id, getAlertRule(handle, id));
		return rules.get(id) ?? null;
	};
	for (const alert of alertsAwaitingNotice(handle)) {
		for (const which of ['fired', 'resolved'] as const) {
			const state = which === 'fired' ? alert.firedNotice : alert.resolvedNotice;
			if (state !== 'pending') continue;
			// The resolution waits for the firing email, so they never arrive out of order.
			if (which === 'resolved' && alert.firedNotice === 'pending') continue;
			try {
				const outcome = await queueNotice(
					handle,
					alert,
					which,
					ruleFor(alert.ruleId),
					settings,
					options.now,
					log
				);
				report[outcome]++;
				if (which === 'fired') alert.firedNotice = outcome;
			} catch (error) {
				report.errors.push(`alert #${alert.id} (${which}): ${(error as Error).message}`);
			}
		}
	}
	return report;
}
