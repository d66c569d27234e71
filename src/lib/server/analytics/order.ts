import { MEASURES } from './measures';
import type { Finding } from './regressions';
import { minEffectOf, type AnalyticsSettings } from './settings';
import type { TopicVerdict, Verdict } from './verdicts';

/**
 * The one order in which findings and routing verdicts are listed, on the review page, in
 * `parity report` and in the digest email: each surface listing them its own way (by q here,
 * by harm there, by topic name in the email) made the same week read differently.
 */

/** A finding's weight: its effect in minimum effects times the conversations it touches a week. */
export function harmOf(finding: Finding, settings: AnalyticsSettings): number {
	const measure = MEASURES[finding.measure];
	return (
		(Math.abs(finding.effect) / minEffectOf(settings, measure)) * Math.max(1, finding.conversations)
	);
}

/**
 * Largest impact first (harm), then the more certain (q), then by key, so that ties do not
 * depend on the order the tests ran in.
 */
export function rankFindings(findings: readonly Finding[], settings: AnalyticsSettings): Finding[] {
	return [...findings].sort(
		(a, b) =>
			harmOf(b, settings) - harmOf(a, settings) ||
			a.q - b.q ||
			(a.key < b.key ? -1 : a.key > b.key ? 1 : 0)
	);
}

const VERDICT_ORDER: Record<Verdict, number> = { humans: 0, watch: 1, parity: 2 };

/** Send to humans, then watch, then at parity; within each, the topics the AI handles most first. */
export function rankVerdicts<T extends Pick<TopicVerdict, 'verdict' | 'aiConversations' | 'topic'>>(
	verdicts: readonly T[]
): T[] {
	return [...verdicts].sort(
		(a, b) =>
			VERDICT_ORDER[a.verdict] - VERDICT_ORDER[b.verdict] ||
			b.aiConversations - a.aiConversations ||
			(a.topic < b.topic ? -1 : a.topic > b.topic ? 1 : 0)
	);
}
