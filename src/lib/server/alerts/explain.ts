import { MEASURES } from '../analytics/measures';
import { ruleMisses, segmentKey, type AlertRule } from './rules';
import type { AlertFinding } from './types';

/**
 * Whether a regression of the weekly review raised an alert, and if not why, so that the
 * review's "7 regressions" and the alert history's 4 alerts can be read together (QA: the
 * banner's finding, human "ended negative" +4.995 pts, raised none, because the shipped rule
 * needs 5 pts). Pure: the caller reads the rules and the alert episodes.
 */

/** An alert episode as far as this needs it (repos/alerts.ts alertsAround). */
export interface AlertEpisode {
	id: number;
	ruleId: number | null;
	ruleName: string;
	segmentKey: string;
	status: 'open' | 'resolved';
	firedWeek: string;
	lastSeenWeek: string;
}

export type AlertOutcome =
	/** An episode of a matching rule covers the week: the alert to open. */
	| { kind: 'alerted'; alertId: number; text: string }
	/** A rule matches, but no alert is recorded for the week: the rules have not run on it. */
	| { kind: 'due'; text: string }
	/** No rule fires on it: why not. */
	| { kind: 'none'; text: string };

/**
 * `finding` is the regression as alerts see it (alerts/analytics-source.ts alertFindingOf),
 * null for findings alerts leave to the digest (a change in the AI − human gap).
 */
export function alertOutcome(
	finding: AlertFinding | null,
	week: string,
	rules: readonly AlertRule[],
	episodes: readonly AlertEpisode[]
): AlertOutcome {
	if (finding === null)
		return {
			kind: 'none',
			text: 'No alert: a change in the AI − human gap goes to the weekly digest, not to alert rules'
		};
	const key = segmentKey(finding.segment);
	const watching = rules.filter((rule) => rule.measure === finding.measure);
	if (watching.length === 0)
		return {
			kind: 'none',
			text: `No alert: no rule watches ${MEASURES[finding.measure].label}`
		};
	const matching = watching.filter((rule) => ruleMisses(rule, finding).length === 0);
	for (const rule of matching) {
		const episode = episodes.find(
			(e) =>
				e.ruleId === rule.id &&
				e.segmentKey === key &&
				e.firedWeek <= week &&
				(e.lastSeenWeek >= week || e.status === 'open')
		);
		if (episode)
			return {
				kind: 'alerted',
				alertId: episode.id,
				text:
					`Alert #${episode.id} (${rule.name})` +
					(episode.firedWeek < week ? `, open since ${episode.firedWeek}` : '')
			};
	}
	if (matching.length)
		return {
			kind: 'due',
			text:
				`Matches rule “${matching[0]!.name}”; no alert recorded for ${week} yet (the rules ` +
				`run after each import and every Monday)`
		};
	return {
		kind: 'none',
		text: `No alert: ${watching
			.map((rule) => `rule “${rule.name}”: ${ruleMisses(rule, finding).join(', ')}`)
			.join('; ')}`
	};
}
