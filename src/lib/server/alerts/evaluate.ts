import { addWeeks, isoWeekOf } from '../../domain/time';
import type { DbHandle } from '../db/client';
import { listAlertRules } from '../db/repos/alert-rules';
import {
	firedInWeek,
	insertFiredAlert,
	openAlerts,
	recordStillOpen,
	resolveAlert
} from '../db/repos/alerts';
import { getSetting } from '../db/repos/settings';
import { queuePendingNotices, type NoticeReport } from './notify';
import { planAlerts, type AlertPlan } from './plan';
import { parseFindings } from './schemas';
import type { AlertSource, Segment } from './types';

export interface EvaluationDeps {
	findingsForWeek: AlertSource['findingsForWeek'];
	measureForWeek?: AlertSource['measureForWeek'];
	now?: () => number;
	/** The week to evaluate; the last complete week in the organisation's zone by default. */
	week?: string;
	/** Work out and report what would happen, without recording or queueing anything. */
	dryRun?: boolean;
	env?: Record<string, string | undefined>;
	log?: (line: string) => void;
}

export interface EvaluationReport {
	week: string;
	findings: number;
	/** Findings the provider returned that did not read as findings (an adapter bug). */
	invalidFindings: string[];
	/** The segment for people to read (templates/format.ts segmentName); the key is the alert's identity. */
	fired: Array<{ alertId: number | null; rule: string; segmentKey: string; segment: Segment }>;
	stillOpen: number;
	resolved: Array<{ alertId: number; rule: string; segmentKey: string; segment: Segment }>;
	/** Open alerts with no finding this week but no data to show recovery either. */
	unresolvedForLackOfData: number;
	notices: NoticeReport;
	dryRun: boolean;
}

/** The most recent week that has ended, in the organisation's zone. */
export function lastCompleteWeek(now: number, timeZone: string): string {
	return addWeeks(isoWeekOf(now, timeZone), -1);
}

/**
 * Evaluates the alert rules against a week's findings: new regressions fire (and queue an
 * email), regressions still there stay quiet, segments that recovered resolve (and queue a
 * "resolved" email). Idempotent: the same findings a second time change nothing and queue
 * nothing. Called after every import and by the weekly schedule.
 */
export async function evaluateAlerts(
	handle: DbHandle,
	deps: EvaluationDeps
): Promise<EvaluationReport> {
	const now = deps.now ?? Date.now;
	const week = deps.week ?? lastCompleteWeek(now(), getSetting(handle, 'org.timeZone'));
	const { findings, invalid } = parseFindings(await deps.findingsForWeek(week));
	const rules = listAlertRules(handle);
	const plan: AlertPlan = planAlerts({
		week,
		rules,
		openAlerts: openAlerts(handle),
		firedInWeek: firedInWeek(handle, week),
		findings
	});
	const report: EvaluationReport = {
		week,
		findings: findings.length,
		invalidFindings: invalid,
		fired: [],
		stillOpen: plan.persist.length,
		resolved: [],
		unresolvedForLackOfData: 0,
		notices: { queued: 0, skipped: 0, errors: [] },
		dryRun: deps.dryRun ?? false
	};

	// Recovery needs evidence: a week with enough conversations in the segment, where the
	// analytics layer can tell. Asked before any write, so a slow provider holds no lock.
	const evidence = new Map<number, { value: number | null; n: number } | null>();
	for (const { alert, rule } of plan.resolve) {
		if (!deps.measureForWeek) continue;
		const measured = await deps.measureForWeek(week, alert.segment, rule.measure);
		evidence.set(alert.id, measured && measured.n >= rule.minSample ? measured : null);
	}

	if (report.dryRun) {
		report.fired = plan.fire.map((item) => ({
			alertId: null,
			rule: item.rule.name,
			segmentKey: item.segmentKey,
			segment: item.finding.segment
		}));
		for (const { alert, rule } of plan.resolve) {
			if (deps.measureForWeek && !evidence.get(alert.id)) report.unresolvedForLackOfData++;
			else
				report.resolved.push({
					alertId: alert.id,
					rule: rule.name,
					segmentKey: alert.segmentKey,
					segment: alert.segment
				});
		}
		return report;
	}

	const at = now();
	handle.sqlite
		.transaction(() => {
			for (const item of plan.fire) {
				const alertId = insertFiredAlert(handle, {
					ruleId: item.rule.id,
					ruleName: item.rule.name,
					severity: item.rule.severity,
					segmentKey: item.segmentKey,
					finding: item.finding,
					firedAt: at
				});
				if (alertId !== null)
					report.fired.push({
						alertId,
						rule: item.rule.name,
						segmentKey: item.segmentKey,
						segment: item.finding.segment
					});
			}
			for (const item of plan.persist) recordStillOpen(handle, item.alertId, item.finding);
			for (const { alert, rule } of plan.resolve) {
				const measured = evidence.get(alert.id) ?? null;
				if (deps.measureForWeek && !measured) {
					report.unresolvedForLackOfData++;
					continue;
				}
				if (resolveAlert(handle, alert.id, { week, at, value: measured }))
					report.resolved.push({
						alertId: alert.id,
						rule: rule.name,
						segmentKey: alert.segmentKey,
						segment: alert.segment
					});
			}
		})
		.immediate();

	report.notices = await queuePendingNotices(handle, { now: at, env: deps.env, log: deps.log });
	return report;
}
