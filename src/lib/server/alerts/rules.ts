import { z } from 'zod';
import { CHANNELS } from '../../domain/conversation';
import { ALERT_SEVERITIES, type AlertSeverity } from '../db/schema/alerts';
import { MEASURES } from '../analytics/measures';
import { formatEffect, MEASURE_IDS, thresholdText, type MeasureId } from './measures';
import type { AlertFinding, Segment } from './types';

/** A rule as stored, with its filters; `null` filter = any value. */
export interface AlertRule {
	id: number;
	name: string;
	measure: MeasureId;
	handlers: string[] | null;
	channels: string[] | null;
	topics: string[] | null;
	sources: string[] | null;
	minEffect: number;
	minSample: number;
	maxQ: number;
	severity: AlertSeverity;
	recipients: string[];
	enabled: boolean;
}

const filter = <T extends z.ZodType<string>>(item: T) =>
	z
		.array(item)
		.nullable()
		// An empty list would match nothing, which nobody means: read it as "any".
		.transform((list) => (list && list.length ? [...new Set(list)] : null));

/** What a person may set on a rule; the service validates every edit with it. */
export const AlertRuleInput = z.object({
	name: z.string().trim().min(1, 'give the rule a name').max(120),
	measure: z.enum(MEASURE_IDS as [MeasureId, ...MeasureId[]]),
	handlers: filter(z.enum(['ai', 'human', 'hybrid'])),
	channels: filter(z.enum(CHANNELS)),
	topics: filter(z.string().trim().min(1)),
	sources: filter(z.string().trim().min(1)),
	/** In the measure's units: shares as 0..1 (0.05 = 5 points), sentiment on [-1, 1]. */
	minEffect: z.number().min(0).finite(),
	minSample: z.number().int().min(1).max(1_000_000),
	maxQ: z.number().gt(0).max(0.5).default(0.05),
	severity: z.enum(ALERT_SEVERITIES),
	recipients: z
		.array(
			z
				.string()
				.trim()
				.regex(/^[^\s@<>,;]+@[^\s@<>,;]+$/, 'not an email address')
		)
		.transform((list) => [...new Set(list)]),
	enabled: z.boolean().default(true)
});
export type AlertRuleInput = z.input<typeof AlertRuleInput>;

/**
 * Shipped rules. PRODUCT.md has an alert go out "when a segment regresses", and a segment is
 * handler × channel × topic: a human team's decline is as much the manager's business as the
 * AI's (it is also what the AI is compared against), so the quality rules watch AI and human
 * segments alike (no handler filter), and "ended negative", the strongest text signal of a
 * failed conversation, has a rule of its own. Escalation only exists for the AI.
 *
 * Thresholds are where a support manager would act: 5 points of CSAT or of ended-negative
 * share, a tenth of the sentiment scale, 3 points of repeat contact, 5 points of escalation;
 * at least 30 conversations; the analytics layer's significance (q ≤ 0.05 after
 * Benjamini–Hochberg). The effect floor is also what keeps a broad segment that only echoes a
 * narrower one (all human conversations, +4.6 pts, because human email rose 10) from a
 * second email; dedupe is per rule × segment × week.
 */
const rule = (
	name: string,
	measure: MeasureId,
	minEffect: number,
	severity: AlertSeverity,
	handlers: Array<'ai' | 'human' | 'hybrid'> | null = null
): z.output<typeof AlertRuleInput> => ({
	name,
	measure,
	handlers,
	channels: null,
	topics: null,
	sources: null,
	minEffect,
	minSample: 30,
	maxQ: 0.05,
	severity,
	recipients: [],
	enabled: true
});

export const DEFAULT_ALERT_RULES: ReadonlyArray<z.output<typeof AlertRuleInput>> = [
	rule('CSAT dropped', 'csatPct', 0.05, 'critical'),
	rule('More conversations ended negative', 'negativeEndRate', 0.05, 'warning'),
	rule('Conversations end angrier', 'endSentimentMean', 0.1, 'warning'),
	rule('Repeat contact rose', 'repeatRate', 0.03, 'warning'),
	// Escalations are counted on AI-started conversations, which the rollups file under
	// ai (kept by the AI) and hybrid (handed to a human).
	rule('AI escalation rate rose', 'escalationRate', 0.05, 'warning', ['ai', 'hybrid'])
];

const ALL = '*';

/** A stable text key for a segment: the alert's identity together with the rule. */
export function segmentKey(segment: Segment): string {
	const part = (value: string | null) => (value === null ? ALL : encodeURIComponent(value));
	return [
		`handler=${part(segment.handler)}`,
		`channel=${part(segment.channel)}`,
		`topic=${part(segment.topic)}`,
		`source=${part(segment.source)}`
	].join(';');
}

function allows(filterValues: string[] | null, value: string | null): boolean {
	if (filterValues === null) return true;
	// A rule limited to some topics does not fire on a finding across all topics.
	return value !== null && filterValues.includes(value);
}

const FILTERS = [
	['handlers', 'handler', 'handlers'],
	['channels', 'channel', 'channels'],
	['topics', 'topic', 'topics'],
	['sources', 'source', 'sources']
] as const;

/**
 * Why a rule does not fire on a finding, one phrase per condition it misses (none: it fires),
 * worded for the review's "no alert: …": "the change, +4.995 pts, is under its minimum of
 * 5 pts". The conditions are ruleMatches' own, so the two cannot disagree.
 */
export function ruleMisses(rule: AlertRule, finding: AlertFinding): string[] {
	const misses: string[] = [];
	const { measure } = finding;
	if (!rule.enabled) misses.push('it is switched off');
	if (measure !== rule.measure) misses.push(`it watches ${MEASURES[rule.measure].label}`);
	if (finding.direction !== 'regression') misses.push('it alerts on regressions only');
	for (const [key, field, plural] of FILTERS) {
		const values = rule[key];
		const value = finding.segment[field];
		if (allows(values, value)) continue;
		misses.push(
			value === null
				? `it watches only some ${plural} (${values!.join(', ')}), not all together`
				: `it watches only ${plural} ${values!.join(', ')}`
		);
	}
	if (Math.abs(finding.effect.estimate) < rule.minEffect)
		misses.push(
			`the change, ${formatEffect(measure, finding.effect.estimate, [rule.minEffect])}, is ` +
				`under its minimum of ${thresholdText(measure, rule.minEffect)}`
		);
	if (finding.n < rule.minSample)
		misses.push(`n=${finding.n} is under its minimum sample of ${rule.minSample}`);
	if (finding.baseline.n < rule.minSample)
		misses.push(
			`the baseline's n=${finding.baseline.n} is under its minimum sample of ${rule.minSample}`
		);
	if (finding.q > rule.maxQ) misses.push(`q=${finding.q.toFixed(3)} is above its ${rule.maxQ}`);
	return misses;
}

/** Whether a finding is a regression this rule cares about, by its own thresholds. */
export function ruleMatches(rule: AlertRule, finding: AlertFinding): boolean {
	return ruleMisses(rule, finding).length === 0;
}
