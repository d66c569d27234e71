import { describe, expect, it } from 'vitest';
import { makeCell, RollupIndex } from './cells';
import { resolveSettings } from './settings';
import { routingVerdicts } from './verdicts';

const week = '2026-W04';
const settings = resolveSettings();

/** One topic's CSAT answers in chat for each side, this week. */
function topic(name: string, ai: [number, number] | null, human: [number, number] | null) {
	const cells = [];
	if (ai)
		cells.push(
			makeCell(
				{ week, handler: 'ai', channel: 'chat', topic: name },
				{ conversations: ai[0], csatAnswered: ai[0], csatTop2: ai[1] }
			)
		);
	if (human)
		cells.push(
			makeCell(
				{ week, handler: 'human', channel: 'chat', topic: name },
				{ conversations: human[0], csatAnswered: human[0], csatTop2: human[1] }
			)
		);
	return cells;
}

describe('routing verdicts per topic', () => {
	const index = new RollupIndex([
		...topic('refunds', [400, 244], [400, 312]), // 61% vs 78%
		...topic('delivery', [2000, 1580], [2000, 1600]), // 79% vs 80%, tight
		...topic('login', [10, 8], [400, 320]), // too few AI answers
		...topic('billing', [60, 43], [60, 48]), // 72% vs 80%, wide
		...topic('orders', [200, 158], [200, 160]), // 79% vs 80%, but ±8 pts
		...topic('legal', null, [100, 80]) // never given to the AI
	]);
	const verdicts = routingVerdicts(index, week, settings);
	const of = (name: string) => verdicts.find((v) => v.topic === name)!;

	it('sends a topic to humans when the AI is worse by the minimum effect, after correction', () => {
		expect(of('refunds').verdict).toBe('humans');
		// Newcombe for 244/400 − 312/400: −0.17, 95% CI −0.2316 to −0.1065
		expect(of('refunds').reason).toBe(
			'AI CSAT 61% vs human 78% (gap \u221217 pts, 95% CI \u221223 to \u221211, n=400/400), ' +
				'significant after correction (q<0.001).'
		);
		expect(of('refunds').basis?.measure).toBe('csatPct');
	});

	it('calls parity only when the interval rules out a large deficit', () => {
		expect(of('delivery').verdict).toBe('parity');
		expect(of('delivery').reason).toMatch(
			/^AI CSAT 79% vs human 80% \(gap −1 pt, 95% CI −4 to \+2, n=2000\/2000\); the AI is not behind by the minimum effect on the one measure tested\.$/
		);
		// 79% vs 80% on 200 each: the interval reaches −8.9 pts, inside the margin of 2 × 5 pts
		expect(of('orders').verdict).toBe('parity');
	});

	it("says how much of the AI's result at parity humans finished after a hand-over", () => {
		const cell = (handler: 'ai' | 'hybrid' | 'human', n: number, top2: number) =>
			makeCell(
				{ week, handler, channel: 'chat', topic: 'returns' },
				{
					conversations: n,
					csatAnswered: n,
					csatTop2: top2,
					escalationEligible: handler === 'human' ? 0 : n,
					escalations: handler === 'hybrid' ? n : 0
				}
			);
		const [returns] = routingVerdicts(
			new RollupIndex([
				cell('ai', 1600, 1264),
				cell('hybrid', 400, 316),
				cell('human', 2000, 1600)
			]),
			week,
			settings
		);
		expect(returns!.verdict).toBe('parity');
		expect(returns!.aiHandedOver).toBe(400);
		expect(returns!.reason).toMatch(
			/tested, counting the 20% of its conversations it handed to a human \(400 of 2000\)\.$/
		);
		// none handed over, nothing said (the 'delivery' topic above)
		expect(of('delivery').aiHandedOver).toBe(0);
	});

	it('watches what it cannot tell yet', () => {
		expect(of('login').verdict).toBe('watch');
		expect(of('login').reason).toMatch(/^Too few samples for a verdict: 10\/400 answered surveys/);
		expect(of('billing').verdict).toBe('watch');
		expect(of('billing').reason).toMatch(/worse, but not significant after correction/);
	});

	it('gives no verdict on topics the AI never handled, and orders by urgency', () => {
		expect(verdicts.map((v) => v.topic)).not.toContain('legal');
		expect(verdicts.map((v) => v.verdict)).toEqual([
			'humans',
			'watch',
			'watch',
			'parity',
			'parity'
		]);
	});

	it('watches a topic whose AI segment regressed this week even if the gap is fine', () => {
		const [verdict] = routingVerdicts(
			new RollupIndex(topic('delivery', [2000, 1580], [2000, 1600])),
			week,
			settings,
			[
				{
					worse: true,
					group: 'aiStarted',
					scope: { channel: 'chat', topic: 'delivery' },
					summary: 'AI · chat · delivery: CSAT fell.'
				} as never
			]
		);
		expect(verdict!.verdict).toBe('watch');
		expect(verdict!.reason).toBe('Regressed this week. AI · chat · delivery: CSAT fell.');
	});

	it('gives the rates as measured and says the gap is at equal channel mix (as /gaps shows the rates)', () => {
		// AI: chat 150/300 (50%), email 70/100 (70%): 220/400 = 55% as measured.
		// Human: chat 80/100 (80%), email 264/300 (88%): 344/400 = 86% as measured.
		// At the human mix (chat 1/4, email 3/4): AI 0.25·0.50 + 0.75·0.70 = 65%, human
		// 0.25·0.80 + 0.75·0.88 = 86%, gap −21 pts; variance Σ w²(p(1−p)/n) over both sides =
		// 0.0625·(0.25/300 + 0.16/100) + 0.5625·(0.21/100 + 0.1056/300) = 0.0015313, so
		// ±1.96·0.03913 = ±7.7 pts: −28.7 to −13.3.
		const cell = (handler: 'ai' | 'human', channel: 'chat' | 'email', n: number, top2: number) =>
			makeCell(
				{ week, handler, channel, topic: 'disputes' },
				{ conversations: n, csatAnswered: n, csatTop2: top2 }
			);
		const [verdict] = routingVerdicts(
			new RollupIndex([
				cell('ai', 'chat', 300, 150),
				cell('ai', 'email', 100, 70),
				cell('human', 'chat', 100, 80),
				cell('human', 'email', 300, 264)
			]),
			week,
			settings
		);
		expect(verdict!.reason).toBe(
			'AI CSAT 55% vs human 86% (gap at equal channel mix \u221221 pts, 95% CI \u221229 to \u221213, ' +
				'n=400/400), significant after correction (q<0.001).'
		);
		expect(verdict!.basis).toMatchObject({ ai: 0.55, human: 0.86, adjusted: true });
		expect(verdict!.basis!.gap).toBeCloseTo(-0.21, 10);
	});
});
