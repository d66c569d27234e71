import { describe, expect, it } from 'vitest';
import { makeCell, RollupIndex, ALL } from './cells';
import {
	compareSamples,
	formatEffect,
	formatEffectInterval,
	withoutUnit,
	formatValue,
	MEASURES,
	normalApproximationHolds,
	observationVariance,
	sampleValue,
	valueInterval
} from './measures';

const week = '2026-W10';
const counts = {
	conversations: 200,
	csatOffered: 150,
	csatAnswered: 50,
	csatTop2: 40,
	csatSum: 210, // e.g. 30×5 + 10×4 + 5×3 + 5×1 = 150 + 40 + 15 + 5
	csatSumSq: 30 * 25 + 10 * 16 + 5 * 9 + 5 * 1,
	sentimentN: 180,
	// of those 180, 150 answered a reply: "ended negative" is known for them only
	endingKnown: 150,
	sentimentEndSum: 18,
	sentimentEndSumSq: 45,
	negativeEnd: 27,
	repeatContacts: 12,
	repeatEligible: 120,
	escalationEligible: 200,
	escalations: 50,
	repeatedAfterHandoff: 10,
	abandonments: 8,
	frustrated: 30,
	firstResponseN: 190,
	firstResponseSum: 190 * 42
};

describe('measures from rollup sums, by hand', () => {
	const c = makeCell({ week, handler: 'ai', channel: 'chat', topic: 'billing' }, counts);
	const value = (id: keyof typeof MEASURES) => sampleValue(MEASURES[id].sample(c));

	it('defines each rate as the ratio of its two sums', () => {
		expect(value('csatPct')).toBe(40 / 50);
		expect(value('csatResponseRate')).toBe(50 / 150);
		expect(value('negativeEndRate')).toBe(27 / 150);
		expect(value('repeatRate')).toBe(12 / 120);
		expect(value('escalationRate')).toBe(50 / 200);
		expect(value('repeatedAfterHandoffRate')).toBe(10 / 50);
		expect(value('abandonmentRate')).toBe(8 / 200);
		expect(value('frustrationRate')).toBe(30 / 200);
		expect(value('firstResponseTime')).toBe(42);
	});

	it('gives means and variances from sums and sums of squares', () => {
		expect(value('csatMean')).toBe(4.2);
		// s² = (Σx² − (Σx)²/n)/(n − 1) = (960 − 210²/50)/49 = (960 − 882)/49
		expect(observationVariance(MEASURES.csatMean.sample(c))).toBeCloseTo(78 / 49, 14);
		expect(value('endSentimentMean')).toBeCloseTo(0.1, 14);
		expect(observationVariance(MEASURES.endSentimentMean.sample(c))).toBeCloseTo(
			(45 - (18 * 18) / 180) / 179,
			14
		);
		// no sum of squares kept for times: no variance, no interval
		expect(observationVariance(MEASURES.firstResponseTime.sample(c))).toBeNull();
		expect(valueInterval(MEASURES.firstResponseTime.sample(c), 0.95)).toBeNull();
	});

	it('keeps the interval of a bounded mean inside its scale (end sentiment shaded to +1.6 on /trends?topic=disputes)', () => {
		// Six hand-overs ending at +1, +1, +1, −1, +0.9, −0.8: mean 0.35, s ≈ 0.97, and the
		// t interval (t₀.₉₇₅,₅ = 2.571) runs from about −0.67 to +1.37.
		const ends = [1, 1, 1, -1, 0.9, -0.8];
		const sum = ends.reduce((a, b) => a + b, 0);
		const sumSq = ends.reduce((a, b) => a + b * b, 0);
		const few = makeCell(
			{ week, handler: 'hybrid', channel: 'chat', topic: 'disputes' },
			{ sentimentN: 6, sentimentEndSum: sum, sentimentEndSumSq: sumSq }
		);
		const ci = valueInterval(MEASURES.endSentimentMean.sample(few), 0.95)!;
		const s = Math.sqrt((sumSq - (sum * sum) / 6) / 5);
		expect(ci.lo).toBeCloseTo(sum / 6 - 2.5706 * (s / Math.sqrt(6)), 3);
		expect(ci.hi).toBe(1);
		// CSAT means stay on 1–5: three answers of 5 and one of 1.
		const csat = makeCell(
			{ week, handler: 'hybrid', channel: 'chat', topic: 'disputes' },
			{ csatAnswered: 4, csatSum: 16, csatSumSq: 76 }
		);
		const csatCi = valueInterval(MEASURES.csatMean.sample(csat), 0.95)!;
		expect(csatCi.lo).toBe(1);
		expect(csatCi.hi).toBe(5);
		// Within the scale nothing changes: the t interval of the 180 conversations above.
		const wide = valueInterval(MEASURES.endSentimentMean.sample(c), 0.95)!;
		expect(wide.lo).toBeGreaterThan(-1);
		expect(wide.hi).toBeLessThan(1);
		expect((wide.lo + wide.hi) / 2).toBeCloseTo(0.1, 12);
	});

	it('is empty, not zero, without a denominator', () => {
		const empty = makeCell({ week, handler: 'human', channel: 'email', topic: 'x' });
		expect(sampleValue(MEASURES.csatPct.sample(empty))).toBeNull();
		expect(valueInterval(MEASURES.csatPct.sample(empty), 0.95)).toBeNull();
	});

	it('compares AI-started (ai + hybrid) with humans: intent to treat', () => {
		const index = new RollupIndex([
			makeCell(
				{ week, handler: 'ai', channel: 'chat', topic: 't' },
				{ conversations: 80, csatAnswered: 40, csatTop2: 36, escalationEligible: 80 }
			),
			makeCell(
				{ week, handler: 'hybrid', channel: 'chat', topic: 't' },
				{
					conversations: 20,
					csatAnswered: 10,
					csatTop2: 4,
					escalationEligible: 20,
					escalations: 20
				}
			),
			makeCell(
				{ week, handler: 'human', channel: 'chat', topic: 't' },
				{ conversations: 100, csatAnswered: 50, csatTop2: 40 }
			)
		]);
		const csat = (group: 'aiStarted' | 'aiOnly' | 'human') =>
			sampleValue(MEASURES.csatPct.sample(index.get(week, group, ALL)));
		expect(csat('aiOnly')).toBe(0.9); // looks better than humans…
		expect(csat('aiStarted')).toBe(40 / 50); // …until the hand-overs are counted
		expect(csat('human')).toBe(0.8);
		expect(sampleValue(MEASURES.escalationRate.sample(index.get(week, 'aiStarted', ALL)))).toBe(
			0.2
		);
	});
});

describe('comparisons and formats', () => {
	it('picks the test by kind', () => {
		const a = { kind: 'proportion' as const, n: 70, successes: 56 };
		const b = { kind: 'proportion' as const, n: 80, successes: 48 };
		expect(compareSamples(a, b, 0.95)!.p).toBeCloseTo(0.008045081368196585, 10);
		const m = { kind: 'mean' as const, n: 10, sum: 10, sumSq: null };
		expect(compareSamples(m, m, 0.95)).toBeNull();
		expect(normalApproximationHolds(a, b)).toBe(true);
		expect(
			normalApproximationHolds(
				{ kind: 'proportion', n: 40, successes: 1 },
				{ kind: 'proportion', n: 400, successes: 20 }
			)
		).toBe(false); // pooled 21/440: 40 × 0.0477 = 1.9 expected events < 5
	});

	it('formats values and effects for readers', () => {
		expect(formatValue(MEASURES.csatPct, 0.614)).toBe('61%');
		expect(formatEffect(MEASURES.csatPct, -0.17)).toBe('\u221217 pts');
		expect(formatEffect(MEASURES.csatPct, 0.004)).toBe('0 pts');
		// One point is singular: the report once read "gap +1 pts".
		expect(formatEffect(MEASURES.csatPct, 0.012)).toBe('+1 pt');
		expect(formatEffect(MEASURES.csatPct, -0.009)).toBe('\u22121 pt');
		expect(formatEffectInterval(MEASURES.csatPct, { lo: -0.01, hi: 0.01 })).toBe('\u22121 to +1');
	});

	it('says "pt" for one point, up or down, and "pts" otherwise ("+1 pts" read as a typo)', () => {
		expect(formatEffect(MEASURES.csatPct, 0.01)).toBe('+1 pt');
		expect(formatEffect(MEASURES.csatPct, -0.012)).toBe('\u22121 pt');
		expect(formatEffect(MEASURES.csatPct, 0.016)).toBe('+2 pts');
		expect(formatEffect(MEASURES.csatPct, -0.001)).toBe('0 pts');
		expect(formatEffectInterval(MEASURES.csatPct, { lo: -0.01, hi: 0.01 })).toBe('\u22121 to +1');
		expect(withoutUnit('+1 pt')).toBe('+1');
		expect(withoutUnit('\u221217 pts')).toBe('\u221217');
		expect(formatEffectInterval(MEASURES.csatPct, { lo: -0.24, hi: -0.1 })).toBe(
			'\u221224 to \u221210'
		);
		expect(formatValue(MEASURES.csatMean, 4.214)).toBe('4.21');
		expect(formatEffect(MEASURES.endSentimentMean, 0.12)).toBe('+0.12');
		expect(formatValue(MEASURES.firstResponseTime, 200)).toBe('3 min');
		expect(formatValue(MEASURES.csatPct, null)).toBe('–');
	});

	it('never rounds a change across a bar it is judged against (QA: 4.995 pts shown as "+5 pts")', () => {
		// The demo's human "ended negative" drift: 4.995 pts, under alert rule #2's 5 pts.
		const effect = 0.04995324173273259;
		expect(formatEffect(MEASURES.negativeEndRate, effect)).toBe('+5 pts');
		// 5, 5.0 and 5.00 would all meet the bar: three decimals are needed
		expect(formatEffect(MEASURES.negativeEndRate, effect, [0.05])).toBe('+4.995 pts');
		// one decimal where one is enough, two where 3.0 would still meet the bar; down as up
		expect(formatEffect(MEASURES.csatPct, -0.0289, [0.03])).toBe('\u22122.9 pts');
		expect(formatEffect(MEASURES.csatPct, -0.0296, [0.03])).toBe('\u22122.96 pts');
		// above a bar and rounding down below it: 5.4 → 5 is still on the same side
		expect(formatEffect(MEASURES.csatPct, 0.054, [0.05])).toBe('+5 pts');
		// a bar of 2.5 pts: whole points already fall on the right side of it
		expect(formatEffect(MEASURES.csatPct, 0.0251, [0.025])).toBe('+3 pts');
		expect(formatEffect(MEASURES.csatPct, 0.0249, [0.025])).toBe('+2 pts');
		// bars far from the value change nothing
		expect(formatEffect(MEASURES.csatPct, 0.12, [0.05, 0.025])).toBe('+12 pts');
		// sentiment: two decimals, more only where a bar is crossed
		expect(formatEffect(MEASURES.endSentimentMean, -0.0996, [0.1])).toBe('\u22120.0996');
		expect(formatEffect(MEASURES.endSentimentMean, -0.0996)).toBe('\u22120.10');
	});
});
