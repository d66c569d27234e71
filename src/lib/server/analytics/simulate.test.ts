import { describe, expect, it } from 'vitest';
import { ALL, RollupIndex } from './cells';
import { MEASURES, sampleValue } from './measures';
import { simulate } from './simulate';

describe('the synthetic generator', () => {
	it('is deterministic per seed and different across seeds', () => {
		const a = simulate({ seed: 5, weeks: 3 });
		expect(simulate({ seed: 5, weeks: 3 }).cells).toEqual(a.cells);
		expect(simulate({ seed: 6, weeks: 3 }).cells).not.toEqual(a.cells);
		expect(a.weeks).toEqual(['2026-W01', '2026-W02', '2026-W03']);
		// week × channel × topic × (ai, hybrid, human)
		expect(a.cells).toHaveLength(3 * 3 * 8 * 3);
	});

	it('keeps the counts of a cell consistent with each other', () => {
		for (const cell of simulate({ seed: 9, weeks: 2 }).cells) {
			expect(cell.csatAnswered).toBeLessThanOrEqual(cell.csatOffered);
			expect(cell.csatTop2).toBeLessThanOrEqual(cell.csatAnswered);
			expect(cell.csatSum).toBeGreaterThanOrEqual(cell.csatAnswered);
			expect(cell.csatSum).toBeLessThanOrEqual(5 * cell.csatAnswered);
			expect(cell.negativeEnd).toBeLessThanOrEqual(cell.sentimentN);
			expect(cell.escalations).toBe(cell.handler === 'hybrid' ? cell.conversations : 0);
			expect(cell.escalationEligible).toBe(cell.handler === 'human' ? 0 : cell.conversations);
		}
	});

	it('has realistic volumes and survey response', () => {
		const data = simulate({ seed: 3, weeks: 4 });
		const index = new RollupIndex(data.cells);
		for (const { aiStarted, human } of data.volumes) {
			for (const volume of [aiStarted, human]) {
				expect(volume).toBeGreaterThanOrEqual(50);
				expect(volume).toBeLessThanOrEqual(400);
			}
		}
		const ai = sampleValue(
			MEASURES.csatResponseRate.sample(index.sum(data.weeks, 'aiStarted', ALL))
		)!;
		const human = sampleValue(
			MEASURES.csatResponseRate.sample(index.sum(data.weeks, 'human', ALL))
		)!;
		expect(ai).toBeGreaterThan(0.15);
		expect(ai).toBeLessThan(human);
		expect(human).toBeLessThan(0.4);
	});

	it('injects the change it reports, from its start week on', () => {
		const scope = { channel: 'chat' as const, topic: 'refunds' };
		const data = simulate({
			seed: 11,
			weeks: 12,
			volumeOverrides: [{ ...scope, aiStarted: 4000 }],
			injections: [
				{
					group: 'aiStarted',
					...scope,
					measure: 'csatPct',
					startWeek: '2026-W07',
					delta: -0.2,
					rampWeeks: 1
				}
			]
		});
		const index = new RollupIndex(data.cells);
		const csat = (weeks: string[]) =>
			sampleValue(MEASURES.csatPct.sample(index.sum(weeks, 'aiStarted', scope)))!;
		const before = csat(data.weeks.slice(0, 6));
		const after = csat(data.weeks.slice(6));
		// 4000 conversations × 0.9 surveyed × ~0.25 answered ≈ 900 answers a week: ±1.5 pts
		expect(after - before).toBeGreaterThan(-0.23);
		expect(after - before).toBeLessThan(-0.17);
		const human = (weeks: string[]) =>
			sampleValue(MEASURES.csatPct.sample(index.sum(weeks, 'human', scope)))!;
		expect(Math.abs(human(data.weeks.slice(6)) - human(data.weeks.slice(0, 6)))).toBeLessThan(0.05);
	});
});
