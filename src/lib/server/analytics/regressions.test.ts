import { describe, expect, it } from 'vitest';
import type { RollupCell } from '../../domain/rollup';
import { makeCell, RollupIndex } from './cells';
import { ewmaEffectiveN, runTests } from './regression-tests';
import { detectRegressions, weekRange } from './regressions';
import { resolveSettings } from './settings';
import { simulate } from './simulate';
import { newcombeInterval, normalTwoSidedP, twoProportionTest } from './stats';

const settings = resolveSettings();
/** The hand-made cases below test one kind at a time; recent and drift get their own cases. */
const noDrift = resolveSettings({ drift: { enabled: false }, recentWeeks: 0 });
const W = (n: number) => `2026-W${String(n).padStart(2, '0')}`;

/** CSAT answers for one handler in chat · refunds, one [answered, top2] pair per week from W01. */
function csatSeries(handler: 'ai' | 'human', series: Array<[number, number]>): RollupCell[] {
	return series.map(([answered, top2], i) =>
		makeCell(
			{ week: W(i + 1), handler, channel: 'chat', topic: 'refunds' },
			{ conversations: answered, csatAnswered: answered, csatTop2: top2 }
		)
	);
}

const steady = (weeks: number, answered = 100, top2 = 80) =>
	Array.from({ length: weeks }, (): [number, number] => [answered, top2]);

describe('a segment against its own baseline, by hand', () => {
	const index = new RollupIndex(csatSeries('ai', [...steady(8), [100, 50]]));
	const detection = detectRegressions(index, W(9), noDrift);

	it('finds the drop once, with its evidence', () => {
		// chat · refunds is the only segment: the coarser scopes that equal it are not tested again
		expect(detection.tests).toBe(1);
		expect(detection.findings).toHaveLength(1);
		const [finding] = detection.findings;
		const expected = twoProportionTest(50, 100, 640, 800)!;
		expect(finding).toMatchObject({
			kind: 'baseline',
			group: 'aiStarted',
			scope: { channel: 'chat', topic: 'refunds' },
			measure: 'csatPct',
			week: W(9),
			current: { value: 0.5, n: 100, from: W(9), to: W(9) },
			baseline: { value: 0.8, n: 800, from: W(1), to: W(8) },
			worse: true,
			since: W(9),
			test: 'two-proportion z test (pooled), Newcombe interval',
			conversations: 100
		});
		expect(finding!.effect).toBeCloseTo(-0.3, 14);
		expect(finding!.p).toBe(expected.p);
		expect(finding!.q).toBe(expected.p); // a family of one
		expect(finding!.ci).toEqual(newcombeInterval(50, 100, 640, 800));
		// Newcombe: Wilson 50/100 = [0.4038, 0.5962], 640/800 = [0.7707, 0.8267];
		// −0.3 ∓ √(0.0962² + 0.0267²) … = −0.3998 to −0.1995
		expect(finding!.summary).toBe(
			'AI · Chat · refunds: CSAT fell to 50% this week from 80% in 2026-W01–W08 ' +
				'(\u221230 pts, 95% CI \u221240 to \u221220; n=100 vs 800 answered surveys), q<0.001.'
		);
	});

	it('says since when: the first week of the run beyond half the minimum effect', () => {
		// W06–W08 already at 60%: the baseline W01–W08 pools to 72.5%, and 60% is 12.5 pts below
		const series: Array<[number, number]> = [
			...steady(5),
			[100, 60],
			[100, 60],
			[100, 60],
			[100, 55]
		];
		const [finding] = detectRegressions(
			new RollupIndex(csatSeries('ai', series)),
			W(9),
			noDrift
		).findings;
		expect(finding!.baseline.value).toBeCloseTo(0.725, 14);
		expect(finding!.since).toBe(W(6));
		expect(finding!.summary).toMatch(/Since 2026-W06\.$/);
	});

	it('reports improvements as findings, flagged', () => {
		const [finding] = detectRegressions(
			new RollupIndex(csatSeries('ai', [...steady(8), [100, 97]])),
			W(9),
			noDrift
		).findings;
		expect(finding!.worse).toBe(false);
		expect(finding!.summary).toMatch(/^Improvement\. AI · Chat · refunds: CSAT rose to 97%/);
	});

	it('does not test a week with too few answers', () => {
		const detection = detectRegressions(
			new RollupIndex(csatSeries('ai', [...steady(8), [20, 5]])),
			W(9),
			noDrift
		);
		expect(detection.tests).toBe(0);
		expect(detection.skipped).toBeGreaterThan(0);
		expect(detection.findings).toEqual([]);
	});

	it('ignores a significant change smaller than the minimum effect', () => {
		// 78.5% vs 80% on 10 000 answers a week: z ≈ 3.5, but 1.5 pts < 5 pts
		const index = new RollupIndex(csatSeries('ai', [...steady(8, 10_000, 8_000), [10_000, 7_850]]));
		const [outcome] = runTests(index, W(9), noDrift).outcomes;
		expect(outcome!.p).toBeLessThan(0.001);
		expect(detectRegressions(index, W(9), noDrift).findings).toEqual([]);
	});

	it("hands each finding to the caller's hook for its worst conversations", () => {
		const seen: string[] = [];
		const detection = detectRegressions(
			new RollupIndex(csatSeries('ai', [...steady(8), [100, 50]])),
			W(9),
			noDrift,
			{
				worstConversations: (finding) => {
					seen.push(`${finding.measure}@${finding.scope.topic}`);
					return [42, 7];
				}
			}
		);
		expect(seen).toEqual(['csatPct@refunds']);
		expect(detection.findings[0]!.worstConversationIds).toEqual([42, 7]);
	});
});

describe('the AI − human gap against the baseline gap', () => {
	// The AI holds at 80%; humans rise from 80% to 95%: the AI fell behind without changing.
	const index = new RollupIndex([
		...csatSeries('ai', [...steady(8), [100, 80]]),
		...csatSeries('human', [...steady(8), [100, 95]])
	]);
	const detection = detectRegressions(index, W(9), noDrift);

	it('finds the widening by difference in differences, by hand', () => {
		const gap = detection.findings.find((f) => f.kind === 'gap')!;
		// change = (0.80 − 0.95) − (0.80 − 0.80) = −0.15
		// se = √(0.16/100 + 0.0475/100 + 0.16/800 + 0.16/800) = 0.0497494, z = 3.01511
		const se = Math.sqrt(0.16 / 100 + 0.0475 / 100 + 0.16 / 800 + 0.16 / 800);
		expect(gap.effect).toBeCloseTo(-0.15, 14);
		expect(gap.p).toBeCloseTo(0.002568831527022722, 12);
		expect(gap.ci.lo).toBeCloseTo(-0.15 - 1.959963984540054 * se, 12);
		expect(gap).toMatchObject({
			group: 'gap',
			worse: true,
			current: { n: 100, nHuman: 100 },
			baseline: { n: 800, nHuman: 800 }
		});
		expect(gap.current.value).toBeCloseTo(-0.15, 14);
		expect(gap.baseline.value).toBeCloseTo(0, 14);
	});

	it('corrects across every test of the week (Benjamini–Hochberg)', () => {
		// family: AI vs baseline (p = 1), human vs baseline, gap change → m = 3
		expect(detection.tests).toBe(3);
		const human = twoProportionTest(95, 100, 640, 800)!;
		const gap = detection.findings.find((f) => f.kind === 'gap')!;
		const improvement = detection.findings.find((f) => f.group === 'human')!;
		expect(gap.q).toBeCloseTo((gap.p * 3) / 2, 14);
		expect(improvement.q).toBeCloseTo(Math.min(human.p * 3, gap.q), 14);
		expect(improvement.worse).toBe(false);
		expect(detection.findings[0]).toBe(gap); // regressions before improvements
	});
});

describe('one-sided families and a cap on false alarms', () => {
	// the gap case again: AI steady at 80%, humans up from 80% to 95%
	const index = new RollupIndex([
		...csatSeries('ai', [...steady(8), [100, 80]]),
		...csatSeries('human', [...steady(8), [100, 95]])
	]);
	const gapP = 0.002568831527022722; // two-sided, from the case above
	const humanP = twoProportionTest(95, 100, 640, 800)!.p; // 0.000257313

	it('tests harm and improvement each in its own family of one-sided p-values', () => {
		const detection = detectRegressions(
			index,
			W(9),
			resolveSettings({ ...noDrift, oneSided: true })
		);
		const gap = detection.findings.find((f) => f.kind === 'gap')!;
		// worse family: gap p/2 = 0.0012844, AI 0.5 (no change), humans 1 − p/2: q = 3·p/2
		expect(gap.p).toBeCloseTo(gapP / 2, 14);
		expect(gap.q).toBeCloseTo((3 * gapP) / 2, 14);
		expect(gap.test).toMatch(/one-sided$/);
		// better family: humans p/2 first of three
		const human = detection.findings.find((f) => f.group === 'human')!;
		expect(human.worse).toBe(false);
		expect(human.q).toBeCloseTo((3 * humanP) / 2, 14);
	});

	it('drops a finding whose p is above cap / m, however BH ranks it', () => {
		// cap 0.005 over m = 3 tests: p must be ≤ 0.001667; the gap (0.00257) is out, humans in
		const capped = detectRegressions(
			index,
			W(9),
			resolveSettings({ ...noDrift, falseAlarmCap: 0.005 })
		);
		expect(capped.findings.map((f) => f.group)).toEqual(['human']);
		const uncapped = detectRegressions(index, W(9), noDrift);
		expect(uncapped.findings.map((f) => f.group).sort()).toEqual(['gap', 'human']);
	});

	it('counts both directions of a one-sided test in the cap', () => {
		// one-sided, 3 tests are 6 hypotheses: p must be ≤ 0.005/6 = 0.000833. Humans (p/2 =
		// 0.000129) pass; the gap (p/2 = 0.00128) does not, though it is below 0.005/3.
		const capped = detectRegressions(
			index,
			W(9),
			resolveSettings({ ...noDrift, oneSided: true, falseAlarmCap: 0.005 })
		);
		expect(capped.findings.map((f) => f.group)).toEqual(['human']);
		expect(gapP / 2).toBeLessThan(0.005 / 3);
	});
});

describe('CSAT corrected in a family of its own', () => {
	// One AI segment with two tested outcomes: CSAT 80% → 71% on 100 answers a week, and
	// "ended negative" steady at 10% (p = 1). Escalation, abandonment and repeat contact carry
	// no data here, so the week has m = 2 tests.
	const cells = Array.from({ length: 9 }, (_, i) =>
		makeCell(
			{ week: W(i + 1), handler: 'ai', channel: 'chat', topic: 'refunds' },
			{
				conversations: 100,
				csatAnswered: 100,
				csatTop2: i === 8 ? 71 : 80,
				sentimentN: 100,
				endingKnown: 100,
				negativeEnd: 10
			}
		)
	);
	const index = new RollupIndex(cells);
	// pooled 711/900 = 0.79, se = √(0.79·0.21·(1/100 + 1/800)) = 0.0432016, z = −2.08326,
	// p = 0.0372277
	const csatP = twoProportionTest(71, 100, 640, 800)!.p;

	it('one family for the week: q = 2p = 0.0745, not significant', () => {
		expect(csatP).toBeCloseTo(0.0372277, 6);
		const detection = detectRegressions(index, W(9), { ...noDrift, separateFamilies: [] });
		expect(detection.tests).toBe(2);
		expect(detection.families).toEqual([{ measure: null, tests: 2 }]);
		expect(detection.findings).toEqual([]);
	});

	it('CSAT apart: a family of one, q = p = 0.0372, a finding', () => {
		const detection = detectRegressions(index, W(9), { ...noDrift, separateFamilies: ['csatPct'] });
		expect(detection.families).toEqual([
			{ measure: 'csatPct', tests: 1 },
			{ measure: null, tests: 1 }
		]);
		expect(detection.findings).toHaveLength(1);
		expect(detection.findings[0]).toMatchObject({ measure: 'csatPct', worse: true });
		expect(detection.findings[0]!.q).toBeCloseTo(csatP, 14);
	});
});

describe('the last two weeks pooled', () => {
	// 80% for eight weeks, then 70% twice: in its second week the drop has twice the data
	const index = new RollupIndex(csatSeries('ai', [...steady(8), [100, 70], [100, 70]]));
	const recentOnly = resolveSettings({ drift: { enabled: false } });
	const detection = detectRegressions(index, W(10), recentOnly);

	it('compares W09–W10 with W01–W08, and speaks for the segment', () => {
		const recent = twoProportionTest(140, 200, 640, 800)!;
		const single = twoProportionTest(70, 100, 630, 800)!; // W10 vs W02–W09, which holds W09
		expect(recent.p).toBeLessThan(single.p);
		expect(detection.tests).toBe(2);
		const [finding] = detection.findings;
		expect(finding).toMatchObject({
			kind: 'recent',
			current: { value: 0.7, n: 200, from: W(9), to: W(10) },
			baseline: { value: 0.8, n: 800, from: W(1), to: W(8) },
			since: W(9)
		});
		expect(finding!.p).toBe(recent.p);
		expect(finding!.q).toBeCloseTo(Math.min(recent.p * 2, single.p), 14);
		expect(finding!.summary).toMatch(/CSAT fell to 70% over 2026-W09–W10 from 80% in 2026-W01–W08/);
	});
});

describe('slow drift', () => {
	// 400 answers a week at 80% for 16 weeks, then down one point a week: 79%, 78%, … 72%.
	const series: Array<[number, number]> = [
		...steady(16, 400, 320),
		...Array.from({ length: 8 }, (_, i): [number, number] => [400, 316 - 4 * i])
	];
	const index = new RollupIndex(csatSeries('ai', series));
	const detection = detectRegressions(index, W(24), settings);

	it('is missed by the trailing baseline, which slid along (76.5% vs 72%)', () => {
		const baseline = runTests(index, W(24), settings).outcomes.find((o) => o.kind === 'baseline')!;
		expect(baseline.baseline.value).toBeCloseTo(0.765, 14);
		expect(Math.abs(baseline.effect)).toBeLessThan(0.05);
	});

	it('is caught by the EWMA against the weeks before the slide, by hand', () => {
		// z_t = 0.3·x_t + 0.7·z_{t−1} from 0.80 over 0.79 … 0.72 → 0.741988; the spread under
		// no change from reference and run pooled: (2560 + 2416)/6400 = 0.7775, σ² = 0.17299375;
		// sd² = Σ 0.09·0.49^k·(σ²/400) + (1 − 0.7⁸)²·σ²/3200 → sd = 0.0111389, z = −5.2081
		const drift = detection.findings.find((f) => f.kind === 'drift')!;
		expect(drift.ewma).toBeCloseTo(0.7419882131, 10);
		expect(drift.effect).toBeCloseTo(-0.0580117869, 10);
		expect(drift.p).toBeCloseTo(1.9083491019413293e-7, 14);
		expect(drift.baseline).toMatchObject({ value: 0.8, n: 3200, from: W(9), to: W(16) });
		expect(drift.worse).toBe(true);
		expect(drift.summary).toMatch(/CSAT has been drifting down/);
		expect(weekRange(W(24), 3)).toEqual([W(22), W(23), W(24)]);
	});
});

describe('the drift test judges its sample by the whole run', () => {
	it('weighs weeks as the EWMA does: eight weeks of 50 count like about 252', () => {
		// c_i = 0.3·0.7^(7−i); (Σc)² / Σ(c²/50) = 0.942352² / 0.00351768 = 252.4467
		expect(ewmaEffectiveN(Array(8).fill(50), 0.3)).toBeCloseTo(252.44668167, 6);
		// unequal weeks, newest last: (0.657)² / (0.147²/100 + 0.21²/50 + 0.3²/10) = 42.7456
		expect(ewmaEffectiveN([100, 50, 10], 0.3)).toBeCloseTo(42.74560833, 6);
		expect(ewmaEffectiveN([], 0.3)).toBe(0);
	});

	it('tests a rare rate in a small segment, which one week alone could not', () => {
		// 50 AI conversations a week, 2 escalated (4%) for 16 weeks, then 8 (16%) for three
		const weeks = [...Array(16).fill(2), 8, 8, 8];
		const index = new RollupIndex(
			weeks.map((escalations, i) =>
				makeCell(
					{ week: W(i + 1), handler: 'ai', channel: 'chat', topic: 'disputes' },
					{ conversations: 50, escalationEligible: 50, escalations }
				)
			)
		);
		const outcomes = runTests(index, W(19), settings).outcomes;
		// this week against the eight before: 50 × pooled 36/450 = 4 expected, under the textbook 5
		expect(outcomes.some((o) => o.kind === 'baseline')).toBe(false);
		const drift = outcomes.find((o) => o.kind === 'drift')!;
		expect(drift.measure).toBe('escalationRate');
		// EWMA from 4%: 0.04 + 0.12·(1 − 0.7³) = 0.11884; σ² from reference and run pooled:
		// 50/800 → 0.0586; sd² = Σ 0.09·0.49^k·σ²/50 + (1 − 0.7⁸)²·σ²/400 → sd = 0.018336, z = 4.2998
		expect(drift.effect).toBeCloseTo(0.07884, 10);
		expect(drift.p).toBeCloseTo(1.70938e-5, 9);
	});
});

describe('no true differences', () => {
	// Fixed seeds, stable rates: every finding is a false discovery. BH bounds the expected
	// share of false findings among findings at 5% in each family; with nothing true that is the
	// chance that a family has any finding at all in a week.
	const data = [101, 202, 303, 404, 505, 606].map((seed) => simulate({ seed, weeks: 26 }));

	it('tests are calibrated: about 5% of p-values below 0.05', () => {
		const index = new RollupIndex(data[0]!.cells);
		const p = data[0]!.weeks
			.slice(15)
			.flatMap((week) => runTests(index, week, settings).outcomes.map((outcome) => outcome.p));
		expect(p.length).toBeGreaterThan(5000);
		const share = p.filter((value) => value < 0.05).length / p.length;
		expect(share).toBeGreaterThan(0.04);
		expect(share).toBeLessThan(0.06);
	});

	it('yields a controlled false discovery rate across 66 weeks', () => {
		let weeksWithFindings = 0;
		let findings = 0;
		let segmentWeeks = 0;
		for (const dataset of data) {
			const index = new RollupIndex(dataset.cells);
			for (const week of dataset.weeks.slice(15)) {
				const detection = detectRegressions(index, week, settings);
				findings += detection.findings.length;
				if (detection.findings.length) weeksWithFindings++;
				segmentWeeks += 2 * index.channelTopics.length;
			}
		}
		// two families (CSAT, the other outcomes), each with at most a 5% chance of any finding:
		// at most (1 − 0.95²)·66 ≈ 6.4 weeks expected; 13 or more would be a 1.5% event (Poisson)
		expect(weeksWithFindings).toBeLessThanOrEqual(12);
		expect((100 * findings) / segmentWeeks).toBeLessThan(1);
		expect(normalTwoSidedP(0)).toBe(1);
	});
});
