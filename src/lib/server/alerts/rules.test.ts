import { describe, expect, it } from 'vitest';
import { csatFinding } from '../../../../tests/helpers/alerts';
import {
	AlertRuleInput,
	DEFAULT_ALERT_RULES,
	ruleMatches,
	ruleMisses,
	segmentKey,
	type AlertRule
} from './rules';
import type { AlertFinding } from './types';

const base: AlertRule = { ...DEFAULT_ALERT_RULES[0]!, id: 1 };

describe('ruleMatches', () => {
	it('fires the shipped CSAT rule on the example regression (−8.2 pts, n 212, q 0.004)', () => {
		expect(ruleMatches(base, csatFinding())).toBe(true);
	});

	it('needs the measure, a regression, the effect, the samples on both sides and the significance', () => {
		expect(ruleMatches(base, csatFinding({ measure: 'endSentimentMean' }))).toBe(false);
		expect(ruleMatches(base, csatFinding({ direction: 'improvement' }))).toBe(false);
		expect(
			ruleMatches(base, csatFinding({ effect: { estimate: -0.049, low: -0.08, high: -0.01 } }))
		).toBe(false);
		expect(
			ruleMatches(base, csatFinding({ effect: { estimate: -0.05, low: -0.08, high: -0.01 } }))
		).toBe(true);
		expect(ruleMatches(base, csatFinding({ n: 29 }))).toBe(false);
		expect(ruleMatches(base, csatFinding({ baseline: { value: 0.72, n: 29, weeks: 8 } }))).toBe(
			false
		);
		expect(ruleMatches(base, csatFinding({ q: 0.051 }))).toBe(false);
		expect(ruleMatches({ ...base, enabled: false }, csatFinding())).toBe(false);
	});

	it('reads a segment filter as a list of allowed values, and null as any', () => {
		const finding = csatFinding();
		expect(ruleMatches({ ...base, handlers: ['human'] }, finding)).toBe(false);
		expect(ruleMatches({ ...base, handlers: null }, finding)).toBe(true);
		expect(ruleMatches({ ...base, channels: ['email', 'chat'] }, finding)).toBe(true);
		expect(ruleMatches({ ...base, topics: ['billing'] }, finding)).toBe(false);
		// A rule for one source does not fire on a finding that spans all sources.
		expect(ruleMatches({ ...base, sources: ['zendesk'] }, finding)).toBe(false);
		expect(
			ruleMatches(
				{ ...base, sources: ['zendesk'] },
				csatFinding({ segment: { ...finding.segment, source: 'zendesk' } })
			)
		).toBe(true);
	});
});

describe('ruleMisses', () => {
	it('says why the shipped "ended negative" rule did not fire on the demo’s +4.995 pts (QA: shown as "+5 pts")', () => {
		const rule: AlertRule = { ...DEFAULT_ALERT_RULES[1]!, id: 2 };
		expect(rule.minEffect).toBe(0.05);
		const finding = csatFinding({
			measure: 'negativeEndRate',
			segment: { handler: 'human', channel: null, topic: null, source: null },
			value: 0.156,
			n: 372,
			baseline: { value: 0.104, n: 2045, weeks: 6 },
			smoothed: 0.154,
			effect: { estimate: 0.04995324173273259, low: 0.0307, high: 0.0692 },
			q: 0.00005
		});
		expect(ruleMisses(rule, finding)).toEqual([
			'the change, +4.995 pts, is under its minimum of 5 pts'
		]);
		expect(ruleMatches(rule, finding)).toBe(false);
		expect(ruleMisses(rule, { ...finding, effect: { ...finding.effect, estimate: 0.05 } })).toEqual(
			[]
		);
	});

	it('names every condition missed, in the rule’s terms', () => {
		expect(
			ruleMisses(
				{ ...base, enabled: false, topics: ['billing'], minSample: 300 },
				csatFinding({ q: 0.06 })
			)
		).toEqual([
			'it is switched off',
			'it watches only topics billing',
			'n=212 is under its minimum sample of 300',
			'q=0.060 is above its 0.05'
		]);
		expect(
			ruleMisses(
				{ ...base, channels: ['chat'] },
				csatFinding({ segment: { ...csatFinding().segment, channel: null } })
			)
		).toEqual(['it watches only some channels (chat), not all together']);
		expect(ruleMisses(base, csatFinding({ direction: 'improvement' }))).toEqual([
			'it alerts on regressions only'
		]);
	});
});

describe('AlertRuleInput', () => {
	it('accepts a rule, dropping duplicate recipients and reading empty filters as any', () => {
		const parsed = AlertRuleInput.parse({
			name: '  Refunds by email ',
			measure: 'repeatRate',
			handlers: [],
			channels: ['email', 'email'],
			topics: ['refunds'],
			sources: null,
			minEffect: 0.03,
			minSample: 40,
			severity: 'warning',
			recipients: ['a@example.com', 'a@example.com', ' b@example.com ']
		});
		expect(parsed).toMatchObject({
			name: 'Refunds by email',
			handlers: null,
			channels: ['email'],
			maxQ: 0.05,
			enabled: true,
			recipients: ['a@example.com', 'b@example.com']
		});
	});

	it('names the field that is wrong', () => {
		const result = AlertRuleInput.safeParse({
			name: '',
			measure: 'happiness',
			handlers: ['robot'],
			channels: null,
			topics: null,
			sources: null,
			minEffect: -1,
			minSample: 0,
			severity: 'loud',
			recipients: ['not-an-address']
		});
		expect(result.success).toBe(false);
		const paths = result.error?.issues.map((issue) => issue.path.join('.')).sort();
		expect(paths).toEqual([
			'handlers.0',
			'measure',
			'minEffect',
			'minSample',
			'name',
			'recipients.0',
			'severity'
		]);
	});

	it('ships rules for AI and human segments alike, ended negative included, all valid', () => {
		expect(DEFAULT_ALERT_RULES.map((rule) => [rule.measure, rule.handlers])).toEqual([
			['csatPct', null],
			['negativeEndRate', null],
			['endSentimentMean', null],
			['repeatRate', null],
			['escalationRate', ['ai', 'hybrid']]
		]);
		for (const rule of DEFAULT_ALERT_RULES) expect(AlertRuleInput.parse(rule)).toEqual(rule);
	});

	it('alert on the demo week’s regressions, but not on a broad segment echoing a narrow one', () => {
		const rules = DEFAULT_ALERT_RULES.map((rule, index) => ({ ...rule, id: index + 1 }));
		// The four regressions of the demo's week 47 (parity report), as the adapter maps them.
		const regression = (
			handler: 'ai' | 'human',
			channel: 'email' | null,
			topic: string | null,
			measure: AlertFinding['measure'],
			effect: number,
			n: number,
			q: number
		) =>
			csatFinding({
				segment: { handler, channel, topic, source: null },
				measure,
				n,
				baseline: { value: 0.12, n: 400, weeks: 8 },
				effect: { estimate: effect, low: effect / 2, high: effect * 1.5 },
				q
			});
		const week = [
			regression('human', 'email', null, 'negativeEndRate', 0.101, 211, 0.0004),
			regression('human', null, null, 'negativeEndRate', 0.046, 414, 0.002),
			regression('ai', null, 'disputes', 'escalationRate', 0.106, 47, 0.013),
			regression('human', null, 'payments', 'negativeEndRate', 0.181, 57, 0.015)
		];
		const fired = week.map((finding) =>
			rules.filter((rule) => ruleMatches(rule, finding)).map((rule) => rule.name)
		);
		expect(fired).toEqual([
			['More conversations ended negative'],
			[], // +4.6 pts: under the 5-point floor; human · email above already says it
			['AI escalation rate rose'],
			['More conversations ended negative']
		]);
	});
});

describe('segmentKey', () => {
	it('is stable, marks "all" with *, and escapes separators inside values', () => {
		expect(segmentKey({ handler: 'ai', channel: null, topic: 'a;b=c', source: null })).toBe(
			'handler=ai;channel=*;topic=a%3Bb%3Dc;source=*'
		);
	});
});
