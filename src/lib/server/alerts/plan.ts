import { ruleMatches, segmentKey, type AlertRule } from './rules';
import type { AlertFinding, Segment } from './types';

/** An open alert episode, as far as planning needs it. */
export interface OpenAlert {
	id: number;
	ruleId: number | null;
	segmentKey: string;
	segment: Segment;
	firedWeek: string;
	lastSeenWeek: string;
}

export interface AlertPlan {
	week: string;
	/** New episodes: a rule's regression in a segment with no open alert. */
	fire: Array<{ rule: AlertRule; finding: AlertFinding; segmentKey: string }>;
	/** Open alerts whose regression is still there this week: no email, the evidence updates. */
	persist: Array<{ alertId: number; finding: AlertFinding }>;
	/**
	 * Open alerts with no matching finding in a week after the last one they were seen in.
	 * The evaluation resolves them, given evidence of data that week where it can check.
	 */
	resolve: Array<{ alert: OpenAlert; rule: AlertRule }>;
}

/**
 * Decides what a week's findings mean for the alerts, without touching storage: the same
 * findings against the same state always give the same plan, and a plan applied once leaves
 * nothing to do the second time (re-evaluation sends nothing new).
 *
 * Weeks compare as text: ISO week labels ("2026-W09") sort chronologically.
 */
export function planAlerts(input: {
	week: string;
	rules: readonly AlertRule[];
	openAlerts: readonly OpenAlert[];
	/** `${ruleId}|${segmentKey}` of every episode (open or resolved) that fired in `week`. */
	firedInWeek: ReadonlySet<string>;
	findings: readonly AlertFinding[];
}): AlertPlan {
	const plan: AlertPlan = { week: input.week, fire: [], persist: [], resolve: [] };
	const open = new Map(
		input.openAlerts.map((alert) => [`${alert.ruleId}|${alert.segmentKey}`, alert])
	);
	const weekFindings = input.findings.filter((finding) => finding.week === input.week);

	for (const rule of input.rules) {
		if (!rule.enabled) continue;
		const matched = new Set<string>();
		for (const finding of weekFindings) {
			if (!ruleMatches(rule, finding)) continue;
			const key = segmentKey(finding.segment);
			if (matched.has(key)) continue;
			matched.add(key);
			const existing = open.get(`${rule.id}|${key}`);
			if (existing) plan.persist.push({ alertId: existing.id, finding });
			else if (!input.firedInWeek.has(`${rule.id}|${key}`))
				plan.fire.push({ rule, finding, segmentKey: key });
		}
		for (const alert of input.openAlerts) {
			if (alert.ruleId !== rule.id || matched.has(alert.segmentKey)) continue;
			// Only a later week can show recovery; re-reading the week it fired (or an older
			// week, after a backfill) says nothing about now.
			if (input.week > alert.lastSeenWeek) plan.resolve.push({ alert, rule });
		}
	}
	return plan;
}
