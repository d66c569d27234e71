import type { z } from 'zod';
import type { DbHandle } from '../db/client';
import {
	deleteAlertRule,
	getAlertRule,
	insertAlertRule,
	listAlertRules,
	updateAlertRule
} from '../db/repos/alert-rules';
import {
	acknowledgeAlert as acknowledgeAlertRow,
	closeAlertsOfRule,
	getAlert,
	listAlerts,
	type AlertRow
} from '../db/repos/alerts';
import { getOutboxMessage, listOutbox, outboxCounts, requeueMessage } from '../db/repos/outbox';
import { conversationRefs } from '../db/repos/evidence';
import { getSetting } from '../db/repos/settings';
import { topicLabels } from '../db/repos/topics';
import { defaultReviewWeek } from '../analytics/report';
import { newestConversationStart } from '../db/repos/rollup-cells';
import { resolveBaseUrl } from './base-url';
import { evaluateAlerts, type EvaluationReport } from './evaluate';
import { links } from './links';
import { analyticsSource } from './source';
import { AlertRuleInput, type AlertRule } from './rules';
import { AlertFindingSchema, SegmentSchema } from './schemas';
import { formatCount, segmentName, type TopicLabels } from './templates/format';
import { valueWeekCount, valueWeeks } from './templates/change';
import { hitsCount, MEASURE_DRILL } from '../dashboard/present';
import { MEASURES as ANALYTICS_MEASURES } from '../analytics/measures';
import { deliveryTarget } from './transport';
import type { AlertFinding } from './types';

/**
 * What pages and the CLI call: rule editing with validation, alert history with its
 * evidence, acknowledging. Permissions are checked by the routes' guard (auth is being
 * built separately); this layer validates input and keeps state consistent.
 */

export type RuleResult =
	{ ok: true; rule: AlertRule } | { ok: false; errors: Record<string, string[]> };

function fieldErrors(error: z.ZodError): Record<string, string[]> {
	const errors: Record<string, string[]> = {};
	for (const issue of error.issues) {
		const key = issue.path.length ? issue.path.join('.') : '_';
		(errors[key] ??= []).push(issue.message);
	}
	return errors;
}

export function listRules(handle: DbHandle): AlertRule[] {
	return listAlertRules(handle);
}

export function createRule(handle: DbHandle, input: unknown, now = Date.now()): RuleResult {
	const parsed = AlertRuleInput.safeParse(input);
	if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
	const id = insertAlertRule(handle, parsed.data, now);
	return { ok: true, rule: getAlertRule(handle, id) as AlertRule };
}

/**
 * Edits a rule. Open alerts stay open under the edited rule: the next evaluation judges
 * them by its new thresholds and resolves those it no longer matches.
 */
export function updateRule(
	handle: DbHandle,
	id: number,
	input: unknown,
	now = Date.now()
): RuleResult {
	const parsed = AlertRuleInput.safeParse(input);
	if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
	if (!updateAlertRule(handle, id, parsed.data, now))
		return { ok: false, errors: { _: [`no rule #${id}`] } };
	return { ok: true, rule: getAlertRule(handle, id) as AlertRule };
}

/** Deletes a rule; its open alerts are closed without an email, its history is kept. */
export function deleteRule(handle: DbHandle, id: number, now = Date.now()): boolean {
	return handle.sqlite
		.transaction(() => {
			closeAlertsOfRule(handle, id, now);
			return deleteAlertRule(handle, id);
		})
		.immediate();
}

export interface AlertHistoryItem {
	id: number;
	ruleId: number | null;
	ruleName: string;
	severity: AlertRow['severity'];
	status: AlertRow['status'];
	segment: string;
	measure: string;
	firedWeek: string;
	lastSeenWeek: string;
	firedAt: number;
	resolvedWeek: string | null;
	resolvedAt: number | null;
	acknowledgedAt: number | null;
	acknowledgedBy: string | null;
	acknowledgeNote: string | null;
	/** The evidence: the finding as it fired, and links to the segment and conversations. */
	finding: AlertFinding | null;
	/** The segment's measures over the weeks (trends page) and its conversations that week. */
	segmentUrl: string | null;
	segmentConversationsUrl: string | null;
	/**
	 * The conversations behind the finding's value, each list with the count it holds: those
	 * that count against the measure (null for a measure without them) and all it measured,
	 * in `weeks` ("week 47"). The same two lists as the weekly review's finding links.
	 */
	measured: {
		weeks: string;
		hits: { text: string; url: string } | null;
		all: { text: string; url: string };
	} | null;
	/**
	 * The worst conversations, each named by the help desk's id as the transcript list names it
	 * ("#46520"), or by Parity's when it is no longer stored ("Parity #5286 (no longer stored)":
	 * then `url` is null).
	 */
	conversationUrls: Array<{ id: number; label: string; url: string | null }>;
}

function measuredConversations(
	finding: AlertFinding,
	baseUrl: string
): NonNullable<AlertHistoryItem['measured']> {
	const weeks = valueWeekCount(finding);
	const url = (part: 'hits' | 'base') =>
		links.segmentConversations(
			baseUrl,
			finding.segment,
			finding.week,
			finding.measure,
			part,
			weeks
		);
	const word = MEASURE_DRILL[finding.measure].hits?.word;
	const hits = hitsCount(finding.measure, finding.value, finding.n);
	return {
		// "in week 47", "over weeks 46–47"
		weeks: valueWeeks(finding),
		hits: word && hits !== null ? { text: `${formatCount(hits)} ${word}`, url: url('hits') } : null,
		all: {
			text: `${formatCount(finding.n)} ${ANALYTICS_MEASURES[finding.measure].unit}`,
			url: url('base')
		}
	};
}

function historyItem(
	row: AlertRow,
	baseUrl: string,
	labels: TopicLabels,
	refs: ReadonlyMap<number, string>
): AlertHistoryItem {
	// Evidence written by an older version may not read any more; the row still lists.
	const parsed = AlertFindingSchema.safeParse(row.finding);
	const finding: AlertFinding | null = parsed.success ? parsed.data : null;
	// Without readable evidence, the alert's own segment column still names it for people.
	const segment = finding?.segment ?? SegmentSchema.safeParse(row.segment).data ?? null;
	// Links in the dashboard are relative; the same builders serve emails with a base URL.
	return {
		id: row.id,
		ruleId: row.ruleId,
		ruleName: row.ruleName,
		severity: row.severity,
		status: row.status,
		segment: segment ? segmentName(segment, labels) : row.segmentKey,
		measure: row.measure,
		firedWeek: row.firedWeek,
		lastSeenWeek: row.lastSeenWeek,
		firedAt: row.firedAt,
		resolvedWeek: row.resolvedWeek,
		resolvedAt: row.resolvedAt,
		acknowledgedAt: row.acknowledgedAt,
		acknowledgedBy: row.acknowledgedBy,
		acknowledgeNote: row.acknowledgeNote,
		finding,
		segmentUrl: finding ? links.segment(baseUrl, finding.segment, finding.week) : null,
		segmentConversationsUrl: finding
			? links.segmentConversations(
					baseUrl,
					finding.segment,
					finding.week,
					finding.measure,
					'base',
					valueWeekCount(finding)
				)
			: null,
		measured: finding ? measuredConversations(finding, baseUrl) : null,
		conversationUrls: (finding?.worstConversationIds ?? []).map((id) => {
			const ref = refs.get(id);
			return ref === undefined
				? { id, label: `Parity #${id} (no longer stored)`, url: null }
				: { id, label: `#${ref}`, url: links.conversation(baseUrl, id) };
		})
	};
}

export function alertHistory(
	handle: DbHandle,
	options: { status?: 'open' | 'resolved'; limit?: number; baseUrl?: string } = {}
): AlertHistoryItem[] {
	const labels = topicLabels(handle);
	const rows = listAlerts(handle, options);
	const refs = conversationRefs(handle, rows.flatMap(worstIdsOf));
	return rows.map((row) => historyItem(row, options.baseUrl ?? '', labels, refs));
}

export function alertDetail(handle: DbHandle, id: number, baseUrl = ''): AlertHistoryItem | null {
	const row = getAlert(handle, id);
	if (!row) return null;
	return historyItem(row, baseUrl, topicLabels(handle), conversationRefs(handle, worstIdsOf(row)));
}

/** The worst conversations' ids an alert's evidence names, when it reads. */
function worstIdsOf(row: AlertRow): number[] {
	return AlertFindingSchema.safeParse(row.finding).data?.worstConversationIds ?? [];
}

/** Someone has seen the alert and is on it; the first acknowledgement is the one kept. */
export function acknowledgeAlert(
	handle: DbHandle,
	id: number,
	by: string,
	note: string | null = null,
	now = Date.now()
): { ok: true } | { ok: false; reason: string } {
	const row = getAlert(handle, id);
	if (!row) return { ok: false, reason: `no alert #${id}` };
	if (row.acknowledgedAt !== null)
		return { ok: false, reason: `already acknowledged by ${row.acknowledgedBy ?? 'someone'}` };
	const who = by.trim() || 'unknown';
	acknowledgeAlertRow(handle, id, { by: who, note: note?.trim() || null, at: now });
	return { ok: true };
}

export function outboxOverview(
	handle: DbHandle,
	limit = 100,
	env: Record<string, string | undefined> = process.env
) {
	return {
		counts: outboxCounts(handle),
		messages: listOutbox(handle, { limit }),
		delivery: deliveryTarget(env)
	};
}

/** One queued or sent message with its bytes, to download as .eml. */
export function outboxMessage(handle: DbHandle, id: number) {
	return getOutboxMessage(handle, id);
}

export function retryFailedMessage(handle: DbHandle, id: number, now = Date.now()): boolean {
	return requeueMessage(handle, id, now);
}

export function alertsBaseUrl(
	handle: DbHandle,
	env: Record<string, string | undefined> = process.env
): string {
	return resolveBaseUrl(handle, env).url;
}

/**
 * Evaluates the rules after an import, for the week the data now ends in (the last
 * complete week before the newest conversation), so that an import of last month's export
 * alerts on last month. Quiet when there is nothing to review.
 */
export async function evaluateAfterImport(handle: DbHandle): Promise<EvaluationReport | null> {
	const newest = newestConversationStart(handle);
	if (newest === null) return null;
	const week = defaultReviewWeek(newest, getSetting(handle, 'org.timeZone'));
	return evaluateAlerts(handle, { ...analyticsSource(handle), week, log: () => {} });
}
