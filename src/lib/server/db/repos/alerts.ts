import { and, desc, eq, or, sql } from 'drizzle-orm';
import type { AlertEpisode } from '../../alerts/explain';
import type { OpenAlert } from '../../alerts/plan';
import type { AlertFinding, Segment } from '../../alerts/types';
import type { DbHandle } from '../client';
import { alerts, type AlertSeverity, type NoticeState } from '../schema';

export type AlertRow = typeof alerts.$inferSelect;

function segmentOf(row: { segment: Record<string, string | null> }): Segment {
	return row.segment as unknown as Segment;
}

export function openAlerts(handle: DbHandle): OpenAlert[] {
	return handle.db
		.select({
			id: alerts.id,
			ruleId: alerts.ruleId,
			segmentKey: alerts.segmentKey,
			segment: alerts.segment,
			firedWeek: alerts.firedWeek,
			lastSeenWeek: alerts.lastSeenWeek
		})
		.from(alerts)
		.where(eq(alerts.status, 'open'))
		.all()
		.map((row) => ({ ...row, segment: segmentOf(row) }));
}

/**
 * The episodes around a week: fired in or before it and seen in it or after, or still open.
 * What the weekly review reads to say which of its regressions raised an alert.
 */
export function alertsAround(handle: DbHandle, week: string): AlertEpisode[] {
	return handle.db
		.select({
			id: alerts.id,
			ruleId: alerts.ruleId,
			ruleName: alerts.ruleName,
			segmentKey: alerts.segmentKey,
			status: alerts.status,
			firedWeek: alerts.firedWeek,
			lastSeenWeek: alerts.lastSeenWeek
		})
		.from(alerts)
		.where(
			and(
				sql`${alerts.firedWeek} <= ${week}`,
				or(sql`${alerts.lastSeenWeek} >= ${week}`, eq(alerts.status, 'open'))
			)
		)
		.orderBy(alerts.id)
		.all();
}

/** `${ruleId}|${segmentKey}` of the episodes that fired in a week, whatever became of them. */
export function firedInWeek(handle: DbHandle, week: string): Set<string> {
	const rows = handle.db
		.select({ ruleId: alerts.ruleId, segmentKey: alerts.segmentKey })
		.from(alerts)
		.where(eq(alerts.firedWeek, week))
		.all();
	return new Set(rows.map((row) => `${row.ruleId}|${row.segmentKey}`));
}

/**
 * Opens an episode; null when one already exists for the rule and segment (open, or fired
 * the same week): another evaluation got there first.
 */
export function insertFiredAlert(
	handle: DbHandle,
	values: {
		ruleId: number;
		ruleName: string;
		severity: AlertSeverity;
		segmentKey: string;
		finding: AlertFinding;
		firedAt: number;
	}
): number | null {
	const row = handle.db
		.insert(alerts)
		.values({
			ruleId: values.ruleId,
			ruleName: values.ruleName,
			severity: values.severity,
			measure: values.finding.measure,
			segmentKey: values.segmentKey,
			segment: { ...values.finding.segment },
			status: 'open',
			firedWeek: values.finding.week,
			lastSeenWeek: values.finding.week,
			firedAt: values.firedAt,
			finding: values.finding,
			latestFinding: values.finding,
			firedNotice: 'pending'
		})
		.onConflictDoNothing()
		.returning({ id: alerts.id })
		.get();
	return row?.id ?? null;
}

/** The regression is still there: keep the newest evidence, never move back in time. */
export function recordStillOpen(handle: DbHandle, id: number, finding: AlertFinding): void {
	handle.db
		.update(alerts)
		.set({ lastSeenWeek: finding.week, latestFinding: finding })
		.where(
			and(
				eq(alerts.id, id),
				eq(alerts.status, 'open'),
				sql`${alerts.lastSeenWeek} <= ${finding.week}`
			)
		)
		.run();
}

export function resolveAlert(
	handle: DbHandle,
	id: number,
	values: { week: string; at: number; value: unknown }
): boolean {
	return (
		handle.db
			.update(alerts)
			.set({
				status: 'resolved',
				resolvedWeek: values.week,
				resolvedAt: values.at,
				resolvedValue: values.value,
				resolvedNotice: 'pending'
			})
			.where(and(eq(alerts.id, id), eq(alerts.status, 'open')))
			.run().changes > 0
	);
}

/** A deleted rule's open alerts are closed quietly: nobody is watching them any more. */
export function closeAlertsOfRule(handle: DbHandle, ruleId: number, at: number): number {
	return handle.db
		.update(alerts)
		.set({
			status: 'resolved',
			resolvedAt: at,
			resolvedValue: { closedBecause: 'rule deleted' },
			resolvedNotice: 'skipped'
		})
		.where(and(eq(alerts.ruleId, ruleId), eq(alerts.status, 'open')))
		.run().changes;
}

/** Alerts whose fired or resolved email has not been queued yet. */
export function alertsAwaitingNotice(handle: DbHandle): AlertRow[] {
	return handle.db
		.select()
		.from(alerts)
		.where(or(eq(alerts.firedNotice, 'pending'), eq(alerts.resolvedNotice, 'pending')))
		.orderBy(alerts.id)
		.all();
}

export function setNotice(
	handle: DbHandle,
	id: number,
	which: 'fired' | 'resolved',
	state: NoticeState
): void {
	handle.db
		.update(alerts)
		.set(which === 'fired' ? { firedNotice: state } : { resolvedNotice: state })
		.where(eq(alerts.id, id))
		.run();
}

export function acknowledgeAlert(
	handle: DbHandle,
	id: number,
	values: { by: string; note: string | null; at: number }
): boolean {
	return (
		handle.db
			.update(alerts)
			.set({ acknowledgedAt: values.at, acknowledgedBy: values.by, acknowledgeNote: values.note })
			.where(and(eq(alerts.id, id), sql`${alerts.acknowledgedAt} IS NULL`))
			.run().changes > 0
	);
}

export function getAlert(handle: DbHandle, id: number): AlertRow | null {
	return handle.db.select().from(alerts).where(eq(alerts.id, id)).get() ?? null;
}

export function listAlerts(
	handle: DbHandle,
	options: { status?: 'open' | 'resolved'; limit?: number } = {}
): AlertRow[] {
	return handle.db
		.select()
		.from(alerts)
		.where(options.status ? eq(alerts.status, options.status) : undefined)
		.orderBy(desc(alerts.firedAt), desc(alerts.id))
		.limit(options.limit ?? 100)
		.all();
}
