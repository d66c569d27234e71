import { describe, expect, it } from 'vitest';
import type { MeasureId } from './measures';
import { harmOf, rankFindings, rankVerdicts } from './order';
import type { Finding } from './regressions';
import { resolveSettings } from './settings';
import type { Verdict } from './verdicts';

const settings = resolveSettings();

function finding(
	key: string,
	group: Finding['group'],
	measure: MeasureId,
	effect: number,
	conversations: number,
	q: number
): Finding {
	return {
		key,
		kind: 'baseline',
		alsoBy: [],
		group,
		scope: { channel: null, topic: null },
		measure,
		week: '2026-W47',
		current: { value: 0.2, n: conversations, from: '2026-W47', to: '2026-W47' },
		baseline: { value: 0.2 - effect, n: 1000, from: '2026-W39', to: '2026-W46' },
		effect,
		ci: { lo: effect - 0.03, hi: effect + 0.03 },
		p: q / 10,
		q,
		test: 'z',
		worse: true,
		since: '2026-W47',
		conversations,
		worstConversationIds: [],
		supporting: [],
		summary: ''
	};
}

describe('the one order of findings', () => {
	// The demo's week 47 as the walkthrough saw it: the page listed these by harm, the report
	// and the digest by q (Disputes before Payments).
	const email = finding('human email', 'human', 'negativeEndRate', 0.1, 211, 0.0005);
	const all = finding('human all', 'human', 'negativeEndRate', 0.05, 414, 0.002);
	const payments = finding('human payments', 'human', 'negativeEndRate', 0.18, 57, 0.015);
	const disputes = finding('ai disputes', 'aiStarted', 'escalationRate', 0.11, 47, 0.013);

	it('weighs each by effect in minimum effects times the conversations it touches', () => {
		// 0.10 / 0.05 × 211, 0.05 / 0.05 × 414, 0.18 / 0.05 × 57, 0.11 / 0.05 × 47
		expect(harmOf(email, settings)).toBeCloseTo(422, 6);
		expect(harmOf(all, settings)).toBeCloseTo(414, 6);
		expect(harmOf(payments, settings)).toBeCloseTo(205.2, 6);
		expect(harmOf(disputes, settings)).toBeCloseTo(103.4, 6);
	});

	it('lists the largest impact first, whatever order they came in', () => {
		const expected = ['human email', 'human all', 'human payments', 'ai disputes'];
		expect(rankFindings([disputes, payments, all, email], settings).map((f) => f.key)).toEqual(
			expected
		);
		expect(rankFindings([email, all, disputes, payments], settings).map((f) => f.key)).toEqual(
			expected
		);
	});

	it('breaks a tie in impact by q, then by key', () => {
		const a = finding('a', 'human', 'negativeEndRate', 0.1, 100, 0.01);
		const b = finding('b', 'human', 'negativeEndRate', 0.1, 100, 0.001);
		const c = finding('c', 'human', 'negativeEndRate', 0.1, 100, 0.01);
		expect(rankFindings([c, a, b], settings).map((f) => f.key)).toEqual(['b', 'a', 'c']);
	});
});

describe('the one order of routing verdicts', () => {
	const verdict = (topic: string, v: Verdict, aiConversations: number) => ({
		topic,
		verdict: v,
		aiConversations
	});

	it('puts send-to-humans first, then watch, then parity; the busiest topics first within each', () => {
		const ranked = rankVerdicts([
			verdict('payments', 'parity', 274),
			verdict('account', 'watch', 241),
			verdict('refunds', 'watch', 288),
			verdict('disputes', 'humans', 220),
			verdict('billing', 'watch', 288)
		]);
		expect(ranked.map((v) => v.topic)).toEqual([
			'disputes',
			'billing',
			'refunds',
			'account',
			'payments'
		]);
	});
});
