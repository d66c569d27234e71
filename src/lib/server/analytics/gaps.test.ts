import { describe, expect, it } from 'vitest';
import { ALL, makeCell, RollupIndex } from './cells';
import { computeGap, gapsFor, mixAdjustedGap, mixName, strataOf } from './gaps';
import { MEASURES } from './measures';
import { resolveSettings } from './settings';

const week = '2026-W10';
const settings = resolveSettings();

/** CSAT answers only: what the gap tests below need. */
const csat = (
	handler: 'ai' | 'human',
	topic: string,
	answered: number,
	top2: number,
	channel: 'chat' | 'email' = 'chat'
) =>
	makeCell(
		{ week, handler, channel, topic },
		{ conversations: answered, csatAnswered: answered, csatTop2: top2 }
	);

describe("mix-adjusted gap: a hand-made Simpson's paradox", () => {
	// The AI gets mostly the easy topic, humans mostly the hard one. In each topic the AI is
	// worse (90% vs 95%, 50% vs 60%), yet pooled it looks 15 points better.
	const index = new RollupIndex([
		csat('ai', 'easy', 800, 720),
		csat('human', 'easy', 200, 190),
		csat('ai', 'hard', 200, 100),
		csat('human', 'hard', 800, 480)
	]);
	const gap = computeGap(index, [week], ALL, MEASURES.csatPct, settings);

	it('raw gap is +15 points: AI 820/1000 vs human 670/1000', () => {
		expect(gap.ai.value).toBeCloseTo(0.82, 14);
		expect(gap.human.value).toBeCloseTo(0.67, 14);
		expect(gap.gap).toBeCloseTo(0.15, 14);
		expect(gap.ci!.lo).toBeGreaterThan(0);
		expect(gap.p!).toBeLessThan(1e-10);
	});

	it('mix-adjusted gap is −9 points with the opposite sign', () => {
		// human weights: easy 200/1000 = 0.2, hard 0.8
		// AI* = 0.2·0.90 + 0.8·0.50 = 0.58; human = 0.2·0.95 + 0.8·0.60 = 0.67; gap = −0.09
		// Var = Σ w²·(p̃(1−p̃)/n)_AI + (…)_human with p̃ = (x + ½)/(n + 1) = 0.00100644
		// 95% CI = −0.09 ± 1.959964·0.0317245 = −0.15218 to −0.02782
		const adjusted = gap.adjusted!;
		expect(adjusted.ai).toBeCloseTo(0.58, 14);
		expect(adjusted.human).toBeCloseTo(0.67, 14);
		expect(adjusted.gap).toBeCloseTo(-0.09, 14);
		expect(adjusted.ci.lo).toBeCloseTo(-0.15217881587838908, 10);
		expect(adjusted.ci.hi).toBeCloseTo(-0.02782118412161092, 10);
		expect(adjusted.coverage).toBe(1);
		expect(Math.sign(adjusted.gap)).toBe(-Math.sign(gap.gap!));
	});

	it('per topic, the AI is behind in both', () => {
		for (const topic of ['easy', 'hard']) {
			const perTopic = computeGap(
				index,
				[week],
				{ channel: null, topic },
				MEASURES.csatPct,
				settings
			);
			expect(perTopic.gap!).toBeLessThan(0);
		}
	});
});

describe('mix-adjusted gap edges', () => {
	it('drops strata with too little AI and says how much human volume it covers', () => {
		const result = mixAdjustedGap(
			[
				{
					ai: { kind: 'proportion', n: 100, successes: 80 },
					human: { kind: 'proportion', n: 300, successes: 240 }
				},
				{
					ai: { kind: 'proportion', n: 2, successes: 0 },
					human: { kind: 'proportion', n: 100, successes: 90 }
				}
			],
			0.95,
			5
		)!;
		expect(result.strata).toBe(1);
		expect(result.coverage).toBe(0.75);
		expect(result.gap).toBeCloseTo(0, 14);
	});

	it('standardises over the strata inside a scope', () => {
		const index = new RollupIndex([
			csat('ai', 'a', 10, 5),
			csat('ai', 'b', 10, 5, 'email'),
			csat('human', 'a', 10, 5)
		]);
		expect(strataOf(index, ALL)).toHaveLength(2);
		expect(strataOf(index, { channel: 'chat', topic: null })).toEqual([
			{ channel: 'chat', topic: 'a' }
		]);
		expect(strataOf(index, { channel: 'chat', topic: 'a' })).toEqual([]);
		const gaps = gapsFor(index, [week], settings);
		// AI-only measures (escalation, abandonment) have no gap
		expect(gaps.some((gap) => gap.measure === 'escalationRate')).toBe(false);
		expect(gaps.find((g) => g.measure === 'csatPct' && g.scope.topic === 'b')?.human.n).toBe(0);
	});

	it('keeps the interval of a proportion gap inside −100 to +100 pts', () => {
		// One stratum, weight 1: AI 0/5, human 3/3, gap −1. Shrunk p̃ = 0.5/6 and 3.5/4:
		// Var = (1/12)(11/12)/5 + (7/8)(1/8)/3 = 0.0517361, se = 0.2274557; the Wald interval
		// −1 ± 1.959964·se = −1.4458 to −0.5542 reaches past −1, which no two rates can differ by.
		const result = mixAdjustedGap(
			[
				{
					ai: { kind: 'proportion', n: 5, successes: 0 },
					human: { kind: 'proportion', n: 3, successes: 3 }
				}
			],
			0.95,
			5
		)!;
		expect(result.gap).toBe(-1);
		expect(result.ci.lo).toBe(-1);
		expect(result.ci.hi).toBeCloseTo(-0.5541949525003231, 10);
		expect(result.humanUsed).toBe(3);
		expect(result.humanTotal).toBe(3);
	});
});

describe('mixName: the mix a scope is adjusted to is the one its strata make', () => {
	it('channel × topic overall, topics within a channel, channels within a topic, none for a pair', () => {
		const index = new RollupIndex([
			csat('ai', 'easy', 10, 9),
			csat('human', 'easy', 10, 9),
			csat('ai', 'hard', 10, 5, 'email'),
			csat('human', 'hard', 10, 5, 'email')
		]);
		const cases: Array<[Parameters<typeof mixName>[0], string | null, number]> = [
			[ALL, 'channel × topic', 2],
			[{ channel: 'chat', topic: null }, 'topic', 1],
			[{ channel: null, topic: 'hard' }, 'channel', 1],
			[{ channel: 'chat', topic: 'easy' }, null, 0]
		];
		for (const [scope, name, strata] of cases) {
			expect(mixName(scope)).toBe(name);
			expect(strataOf(index, scope)).toHaveLength(strata);
		}
	});
});
