import type { AlertFinding, DigestContent, Segment } from '../../src/lib/server/alerts/types';
import { addWeeks } from '../../src/lib/domain/time';

/**
 * Hand-made findings, shaped like the analytics layer's. The default is the example used
 * throughout the alert tests: AI chat conversations about refunds, CSAT down from 72.2%
 * (8 weeks, n = 1,630) to 64.0% (n = 212), −8.2 points, interval −12.1 to −4.3.
 */

/**
 * The taxonomy's labels for the topics of these findings, as emails are given them. They
 * differ from the ids so that a test can tell which one an email used.
 */
export const TOPIC_LABELS: Readonly<Record<string, string>> = {
	refunds: 'Refunds and returns',
	billing: 'Billing questions',
	disputes: 'Disputes and fraud',
	'order status': 'Order status'
};

export const AI_CHAT_REFUNDS: Segment = {
	handler: 'ai',
	channel: 'chat',
	topic: 'refunds',
	source: null
};

const CSAT_TREND = [0.731, 0.718, 0.725, 0.709, 0.73, 0.722, 0.715, 0.726, 0.688, 0.64];

export function csatFinding(overrides: Partial<AlertFinding> = {}): AlertFinding {
	const week = overrides.week ?? '2026-W47';
	return {
		segment: AI_CHAT_REFUNDS,
		measure: 'csatPct',
		week,
		value: 0.64,
		n: 212,
		baseline: { value: 0.722, n: 1630, weeks: 8 },
		effect: { estimate: -0.082, low: -0.121, high: -0.043 },
		p: 0.00031,
		q: 0.0042,
		since: addWeeks(week, -1),
		direction: 'regression',
		worstConversationIds: [48213, 48377, 49102, 49555],
		trend: CSAT_TREND.map((value, index) => ({
			week: addWeeks(week, index - (CSAT_TREND.length - 1)),
			value,
			n: 190 + index * 3,
			low: value - 0.05,
			high: value + 0.05
		})),
		...overrides
	};
}

export function sentimentFinding(overrides: Partial<AlertFinding> = {}): AlertFinding {
	return csatFinding({
		measure: 'endSentimentMean',
		segment: { handler: 'ai', channel: 'email', topic: 'billing', source: null },
		value: -0.12,
		n: 144,
		baseline: { value: 0.18, n: 1210, weeks: 8 },
		effect: { estimate: -0.3, low: -0.41, high: -0.19 },
		p: 0.0000021,
		q: 0.00009,
		worstConversationIds: [51001, 51002],
		trend: undefined,
		...overrides
	});
}

export function digestContent(week = '2026-W47'): DigestContent {
	return {
		week,
		conversations: { ai: 1240, human: 860, hybrid: 212 },
		headline: [
			{
				measure: 'csatPct',
				ai: { value: 0.681, n: 402 },
				human: { value: 0.774, n: 391 },
				gap: { estimate: -0.093, low: -0.151, high: -0.035 },
				mixAdjustedGap: { estimate: -0.071, low: -0.13, high: -0.012 }
			},
			{
				measure: 'endSentimentMean',
				ai: { value: 0.08, n: 1188 },
				human: { value: 0.21, n: 845 },
				gap: { estimate: -0.13, low: -0.17, high: -0.09 }
			},
			{
				measure: 'repeatRate',
				ai: { value: 0.142, n: 1102 },
				human: { value: 0.118, n: 801 },
				gap: { estimate: 0.024, low: -0.006, high: 0.054 }
			},
			{
				measure: 'escalationRate',
				ai: { value: 0.146, n: 1452 },
				human: { value: null, n: 0 },
				gap: null
			}
		],
		findings: [
			csatFinding({ week }),
			sentimentFinding({ week }),
			csatFinding({
				week,
				segment: { handler: 'ai', channel: 'chat', topic: 'order status', source: null },
				value: 0.83,
				baseline: { value: 0.76, n: 2210, weeks: 8 },
				effect: { estimate: 0.07, low: 0.031, high: 0.109 },
				q: 0.012,
				since: week,
				direction: 'improvement',
				trend: undefined
			})
		],
		routing: [
			{
				topic: 'order status',
				verdict: 'parity',
				reason: 'CSAT within 2 pts of humans (95% CI −3 to +4), n = 510',
				aiN: 510,
				humanN: 140
			},
			{
				topic: 'refunds',
				verdict: 'humans',
				reason: 'CSAT 15 pts below humans (95% CI 9–21); repeat contact +6 pts',
				aiN: 212,
				humanN: 198
			},
			{
				topic: 'billing',
				verdict: 'watch',
				reason: 'End sentiment falling for 2 weeks; gap not yet significant',
				aiN: 144,
				humanN: 163
			}
		]
	};
}
