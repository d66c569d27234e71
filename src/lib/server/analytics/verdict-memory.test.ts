import { describe, expect, it } from 'vitest';
import { makeCell, RollupIndex } from './cells';
import { detectRegressions } from './regressions';
import { resolveSettings, type AnalyticsSettingsInput } from './settings';
import { verdictsWithMemory } from './verdict-memory';
import { routingVerdicts } from './verdicts';

const W = (n: number) => `2026-W${String(n).padStart(2, '0')}`;

/** One topic's CSAT answers in chat for each side in one week: [answered, top-2]. */
function answers(week: string, topic: string, ai: [number, number], human: [number, number]) {
	return (['ai', 'human'] as const).map((handler) => {
		const [n, top2] = handler === 'ai' ? ai : human;
		return makeCell(
			{ week, handler, channel: 'chat', topic },
			{ conversations: n, csatAnswered: n, csatTop2: top2 }
		);
	});
}

/**
 * Refunds: 61% vs 78% on 400 each in W03 (sent to humans), then 72% vs 80% on 300 each:
 * pooled z = 2.29 before correction (p = 0.022), q = 3p = 0.065 in a family of three, and Newcombe's
 * interval −14.8 to −1.2 pts, wholly on the AI's worse side; then 72% vs 80% on 100 each,
 * whose interval reaches past no gap (+3.6 pts).
 * Delivery: 80% vs 80% on 200 each in W03 (interval ±7.8 pts, inside 2 × 5: parity), then on
 * 120 each (±10.1 pts: too wide for a first parity, inside 3 × 5), then 40 each (±17.6 pts).
 * Orders: level on 200 each throughout, the third test of each week's family.
 * Returns: sent to humans in W03 as refunds, then routed away: 10 AI answers a week.
 */
const cells = [
	...answers(W(3), 'refunds', [400, 244], [400, 312]),
	...answers(W(4), 'refunds', [300, 216], [300, 240]),
	...answers(W(5), 'refunds', [300, 216], [300, 240]),
	...answers(W(6), 'refunds', [100, 72], [100, 80]),
	...answers(W(3), 'delivery', [200, 160], [200, 160]),
	...answers(W(4), 'delivery', [120, 96], [120, 96]),
	...answers(W(5), 'delivery', [120, 96], [120, 96]),
	...answers(W(6), 'delivery', [40, 32], [40, 32]),
	...[3, 4, 5, 6].flatMap((week) => answers(W(week), 'orders', [200, 160], [200, 160])),
	...answers(W(3), 'returns', [400, 244], [400, 312]),
	...[4, 5].flatMap((week) => answers(W(week), 'returns', [10, 6], [300, 240]))
];
const index = new RollupIndex(cells);
// Each week's verdict on that week alone, so that the weeks above are the whole evidence.
const settingsOf = (input: AnalyticsSettingsInput = {}) =>
	resolveSettings({ verdictWeeks: 1, ...input });
const findingsOf = (week: string) => detectRegressions(index, week, settingsOf()).findings;
const verdictOf = (week: string, topic: string, input: AnalyticsSettingsInput = {}) =>
	verdictsWithMemory(index, week, settingsOf(input), findingsOf).find((v) => v.topic === topic)!;

describe('routing verdicts with memory', () => {
	it('keeps a topic sent to humans while the AI is still clearly worse', () => {
		const fresh = routingVerdicts(index, W(4), settingsOf(), findingsOf(W(4)));
		const refunds = fresh.find((v) => v.topic === 'refunds')!;
		expect(refunds.verdict).toBe('watch');
		expect(refunds.rule).toBe('suspect');
		expect(refunds.basis!.q).toBeGreaterThan(0.05);
		expect(refunds.basis!.ci.hi).toBeLessThan(0);

		expect(verdictOf(W(3), 'refunds')).toMatchObject({ verdict: 'humans', keptSince: null });
		const kept = verdictOf(W(4), 'refunds');
		expect(kept).toMatchObject({ verdict: 'humans', keptSince: W(3), rule: 'suspect' });
		expect(kept.reason).toBe(
			'Sent to humans since 2026-W03 and kept: AI CSAT 72% vs human 80% (gap \u22128 pts, ' +
				'95% CI \u221215 to \u22121, n=300/300). Still worse by the minimum effect or more, with ' +
				"the whole interval on the AI's worse side, though not significant after correction " +
				'this week (q=0.065).'
		);
		// Still so a week later: memory reaches back through the kept week to where it was reached
		expect(verdictOf(W(5), 'refunds')).toMatchObject({ verdict: 'humans', keptSince: W(3) });
	});

	it('keeps a topic sent to humans while too few AI conversations are left to decide afresh', () => {
		const kept = verdictOf(W(5), 'returns');
		expect(kept).toMatchObject({
			verdict: 'humans',
			keptSince: W(3),
			rule: 'too-few',
			basis: null
		});
		expect(kept.reason).toBe(
			'Sent to humans since 2026-W03 and kept until there are enough samples to decide afresh. ' +
				'Too few samples for a verdict: 10/300 answered surveys and 10/300 conversations (AI/human) ' +
				'in 2026-W05; each measure needs 30 on each side.'
		);
		expect(verdictOf(W(5), 'returns', { verdictMemoryWeeks: 0 }).verdict).toBe('watch');
	});

	it('lets the verdict go once the interval reaches no gap', () => {
		expect(verdictOf(W(6), 'refunds')).toMatchObject({ verdict: 'watch', keptSince: null });
	});

	it('keeps parity while only the interval widens, within the wider margin', () => {
		expect(verdictOf(W(3), 'delivery')).toMatchObject({ verdict: 'parity', keptSince: null });
		const kept = verdictOf(W(4), 'delivery');
		expect(kept).toMatchObject({ verdict: 'parity', keptSince: W(3), rule: 'uncertain' });
		expect(kept.reason).toMatch(/^At parity since 2026-W03 and kept: AI CSAT 80% vs human 80%/);
		// ±17 pts is past 3 minimum effects: decided afresh
		expect(verdictOf(W(6), 'delivery')).toMatchObject({ verdict: 'watch', keptSince: null });
	});

	it('remembers no further back than verdictMemoryWeeks, and nothing at 0', () => {
		// W05 looks back through W04 (kept) to W03 (reached): two weeks
		expect(verdictOf(W(5), 'refunds', { verdictMemoryWeeks: 1 }).verdict).toBe('watch');
		expect(verdictOf(W(5), 'refunds', { verdictMemoryWeeks: 2 }).verdict).toBe('humans');
		expect(verdictOf(W(4), 'refunds', { verdictMemoryWeeks: 0 }).verdict).toBe('watch');
		expect(verdictOf(W(4), 'delivery', { verdictMemoryWeeks: 0 }).verdict).toBe('watch');
	});

	it('keeps nothing that was never reached', () => {
		// Orders were at parity all along; refunds' W04 evidence alone, without W03, is a watch
		const withoutW03 = new RollupIndex(cells.filter((cell) => cell.week !== W(3)));
		const settings = settingsOf();
		const [refunds] = verdictsWithMemory(
			withoutW03,
			W(4),
			settings,
			(week) => detectRegressions(withoutW03, week, settings).findings
		).filter((v) => v.topic === 'refunds');
		expect(refunds).toMatchObject({ verdict: 'watch', keptSince: null });
		expect(verdictOf(W(4), 'orders')).toMatchObject({ verdict: 'parity', keptSince: null });
	});
});
