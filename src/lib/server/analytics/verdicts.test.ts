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
});
