import { describe, expect, it } from 'vitest';
import type { RollupCell } from '../../domain/rollup';
import { wallTimeToInstant } from '../../domain/time';
import { makeCell } from './cells';
import { defaultReviewWeek, firstWeekNeeded, reviewWeekOf, weeklyReview } from './report';
import { renderReviewText } from './report-text';

const W = (n: number) => `2026-W${String(n).padStart(2, '0')}`;

/** Chat, two topics, 100 answered surveys a week per side (top-2 answers score 5, others 2). */
function operation(aiRefundsTop2ThisWeek: number): RollupCell[] {
	const cells: RollupCell[] = [];
	for (let i = 1; i <= 9; i++) {
		for (const topic of ['refunds', 'delivery']) {
			for (const handler of ['ai', 'human'] as const) {
				const top2 =
					handler === 'ai' && topic === 'refunds' && i === 9 ? aiRefundsTop2ThisWeek : 80;
				cells.push(
					makeCell(
						{ week: W(i), handler, channel: 'chat', topic },
						{
							conversations: 100,
							csatOffered: 100,
							csatAnswered: 100,
							csatTop2: top2,
							csatSum: 5 * top2 + 2 * (100 - top2),
							csatSumSq: 25 * top2 + 4 * (100 - top2)
						}
					)
				);
			}
		}
	}
	return cells;
}

const settings = { drift: { enabled: false } };

describe('the weekly review', () => {
	const review = weeklyReview(operation(50), W(9), settings);

	it('summarises each handler group with intervals and the change against the baseline', () => {
		const ai = review.groups.find((g) => g.group === 'aiStarted')!;
		const csat = ai.measures.find((m) => m.measure === 'csatPct')!;
		expect(ai.conversations).toBe(200);
		expect(ai.baselineConversationsPerWeek).toBe(200);
		expect(csat.value).toBe(130 / 200);
		expect(csat.n).toBe(200);
		expect(csat.baseline).toEqual({ value: 0.8, n: 1600 });
		expect(csat.change!.effect).toBeCloseTo(-0.15, 14);
		expect(csat.change!.worse).toBe(true);
		expect(ai.measures.find((m) => m.measure === 'csatMean')!.value).toBeCloseTo(
			(5 * 130 + 2 * 70) / 200,
			14
		);
		const human = review.groups.find((g) => g.group === 'human')!;
		expect(human.measures.some((m) => m.measure === 'escalationRate')).toBe(false);
	});

	it('gives the gaps, raw and mix-adjusted', () => {
		const overall = review.gaps.find(
			(g) => g.measure === 'csatPct' && g.scope.channel === null && g.scope.topic === null
		)!;
		expect(overall.gap).toBeCloseTo(-0.15, 14);
		// equal human volumes in both topics: weights ½, AI* = ½·0.5 + ½·0.8
		expect(overall.adjusted!.ai).toBeCloseTo(0.65, 14);
	});

	it('lists the regression once per distinct segment, and leads with the worst', () => {
		// chat is the only channel, so "all conversations" and "chat" are the same segment
		expect(
			review.regressions.map((f) => `${f.kind} ${f.group} ${f.scope.channel}/${f.scope.topic}`)
		).toEqual([
			'baseline aiStarted chat/refunds',
			'baseline aiStarted chat/null',
			'gap gap chat/refunds',
			'gap gap chat/null'
		]);
		expect(review.improvements).toEqual([]);
		expect(review.headline).toBe(
			'AI conversations in chat about refunds got worse: CSAT went from 80% in 2026-W01–W08 to 50% ' +
				'this week (\u221230 pts, 95% CI \u221240 to \u221220; 100 answered surveys); it holds after ' +
				'correcting for the many tests of the week \u2014 and the AI is now clearly behind humans on ' +
				'refunds: send it to humans.'
		);
	});

	it('gives a routing verdict per topic with its reason', () => {
		// refunds over W06–W09: AI 290/400 = 72.5% vs human 320/400 = 80%: pooled z = −2.4924,
		// p = 0.01269; CSAT is the only outcome these cells carry, so the family is the two
		// topics' CSAT gaps and q = 2p = 0.0254
		expect(review.verdicts.map((v) => [v.topic, v.verdict])).toEqual([
			['refunds', 'humans'],
			['delivery', 'parity']
		]);
		expect(review.verdicts[0]!.evidence.map((e) => e.measure)).toEqual(['csatPct']);
		expect(review.verdicts[0]!.evidence[0]!.q).toBeCloseTo(0.02538, 4);
		expect(review.verdicts[0]!.reason).toMatch(
			/^AI CSAT 73% vs human 80% \(gap −8 pts.*significant after correction \(q=0\.025\)\.$/
		);
	});

	it("gives each topic's verdict of the week before, judged on that week's own weeks", () => {
		// W05–W08: AI and humans both at 80% on both topics, at parity; only W09 moved refunds
		expect(review.verdictsBeforeWeek).toBe(W(8));
		expect(review.verdicts.map((v) => [v.topic, v.before, v.verdict])).toEqual([
			['refunds', 'parity', 'humans'],
			['delivery', 'parity', 'parity']
		]);
		// The first week with data has no week before to compare with.
		const first = weeklyReview(operation(50), W(1), settings);
		expect(first.verdictsBeforeWeek).toBeNull();
		expect(first.verdicts.every((v) => v.before === null)).toBe(true);
	});

	it('renders as text', () => {
		const text = renderReviewText(review);
		expect(text).toContain(
			'Parity weekly review — 2026-W09, compared with the baseline 2026-W01–W08\n'
		);
		expect(text).toContain(review.headline);
		expect(text).toContain(
			'send to humans  refunds (was AI at parity in 2026-W08): AI CSAT 73% vs human 80%'
		);
		expect(text).toContain('AI at parity    delivery: ');
		// both bars a finding passed: BH over the week's tests, and the false-alarm cap
		expect(text).toContain(
			`q ≤ 0.05 after Benjamini–Hochberg over ${review.tests} tests and p ≤ 0.25/${review.tests}`
		);
		const bhAlone = weeklyReview(operation(60), W(9), { ...settings, falseAlarmCap: null });
		expect(renderReviewText(bhAlone)).toContain(`Benjamini–Hochberg over ${bhAlone.tests} tests\n`);
	});

	it('keeps the cap apart from a list of families, and headings over their columns', () => {
		const families = [
			{ measure: 'csatPct' as const, tests: 34 },
			{ measure: null, tests: 299 }
		];
		const text = renderReviewText({ ...review, tests: 333, families });
		expect(text).toContain(
			'over 333 tests in families: CSAT 34, other outcomes 299; and p ≤ 0.25/333 (at most'
		);
		// The gap cells are 24 wide: "mix-adjusted" once stood 8 characters left of its column.
		const header = text.split('\n').find((line) => line.includes('gap AI − human'))!;
		expect(header.indexOf('mix-adjusted') - header.indexOf('gap AI − human')).toBe(24);
		expect(header.indexOf('gap AI − human')).toBe(2 + 32 + 36 + 36);
	});

	it('says so when nothing changed, and when there is no data', () => {
		const steady = weeklyReview(operation(80), W(9), settings);
		expect(steady.regressions).toEqual([]);
		expect(steady.headline).toMatch(/^A steady week: none of the \d+ tests found a segment/);
		expect(steady.headline).toContain('The AI is at parity on 2 of 2 topics.');
		const empty = weeklyReview(operation(80), W(20), settings);
		expect(empty.hasData).toBe(false);
		expect(empty.headline).toBe('No conversations in the rollups for 2026-W20: nothing to review.');
	});

	it('says plainly that nothing could be tested, not "none of the 0 tests" and "p ≤ 0.25/0"', () => {
		// The first week with data has no baseline to test against.
		const first = weeklyReview(operation(80), W(1), settings);
		expect(first.hasData).toBe(true);
		expect(first.tests).toBe(0);
		expect(first.headline).toMatch(
			/^Nothing could be tested this week: too few conversations, this week or in the 8 weeks before it, to compare any segment with its baseline\./
		);
		const text = renderReviewText(first);
		expect(text).toContain('\nRegressions and improvements — nothing could be tested this week\n');
		expect(text).not.toMatch(/0 tests|\/0\b|\nImprovements\n/);
	});
});

describe('topics and channels are named as people read them', () => {
	const review = weeklyReview(operation(50), W(9), {
		...settings,
		topicLabels: { refunds: 'Refunds and returns' }
	});

	it('in the headline, findings, verdicts and text; ids stay in the data', () => {
		expect(review.headline).toMatch(
			/^AI conversations in chat about Refunds and returns got worse: .* behind humans on Refunds and returns: send it to humans\.$/
		);
		const finding = review.regressions[0]!;
		expect(finding.scope).toEqual({ channel: 'chat', topic: 'refunds' });
		expect(finding.summary).toMatch(/^AI · Chat · Refunds and returns: CSAT fell to 50%/);
		expect(review.verdicts.map((v) => [v.topic, v.label])).toEqual([
			['refunds', 'Refunds and returns'],
			['delivery', 'delivery']
		]);
		const text = renderReviewText(review);
		expect(text).toContain(
			'send to humans  Refunds and returns (was AI at parity in 2026-W08): AI CSAT 73% vs human 80%'
		);
		expect(text).toMatch(/\n {2}Refunds and returns {4}AI 50% n=100/);
	});
});

describe('a baseline names the weeks that hold data', () => {
	// The same operation, but the data start in W03: the W01–W08 baseline has 6 weeks of data.
	const review = weeklyReview(
		operation(50).filter((cell) => cell.week >= W(3)),
		W(9),
		settings
	);

	it('in the review and its text', () => {
		expect(review.baseline).toEqual({
			from: W(1),
			to: W(8),
			covered: { from: W(3), to: W(8), weeks: 6, of: 8 }
		});
		expect(renderReviewText(review)).toContain(
			'Parity weekly review — 2026-W09, compared with the baseline 2026-W01–W08 (data in 6 of those 8 weeks)\n'
		);
	});

	it('in each finding, whose n is the 6 weeks × 100 answers', () => {
		const finding = review.regressions.find(
			(f) => f.kind === 'baseline' && f.group === 'aiStarted' && f.scope.topic === 'refunds'
		)!;
		expect(finding.baseline.n).toBe(600);
		expect(finding.baseline.covered).toEqual({ from: W(3), to: W(8), weeks: 6, of: 8 });
		expect(finding.summary).toContain(
			'CSAT fell to 50% this week from 80% in 2026-W01–W08 (\u221230 pts, 95% CI \u221240 to \u221220; ' +
				'n=100 vs 600 answered surveys; data in 6 of those 8 weeks), q<0.001.'
		);
	});

	it('and keeps the plain range when every week has data', () => {
		expect(renderReviewText(weeklyReview(operation(50), W(9), settings))).toContain(
			'compared with the baseline 2026-W01–W08\n'
		);
	});
});

describe('the mix-adjusted gap says how much of the human data it rests on', () => {
	const answers = (
		handler: 'ai' | 'human',
		channel: 'chat' | 'email',
		topic: string,
		answered: number,
		top2: number
	) =>
		makeCell(
			{ week: W(9), handler, channel, topic },
			{ conversations: answered, csatOffered: answered, csatAnswered: answered, csatTop2: top2 }
		);

	it('withholds the figure when the shared groups hold 4 of 102 human answers', () => {
		// chat·billing: AI 10 answers, humans 4; email·refunds: AI 2 answers (under the 5 a
		// group needs), humans 98. Only chat·billing enters: 4/102 = 3.9% of human answers.
		const review = weeklyReview(
			[
				answers('ai', 'chat', 'billing', 10, 9),
				answers('human', 'chat', 'billing', 4, 1),
				answers('ai', 'email', 'refunds', 2, 1),
				answers('human', 'email', 'refunds', 98, 50)
			],
			W(9),
			settings
		);
		const overall = review.gaps.find(
			(g) => g.measure === 'csatPct' && g.scope.channel === null && g.scope.topic === null
		)!;
		expect(overall.adjusted!.coverage).toBeCloseTo(4 / 102, 14);
		const csatRow = renderReviewText(review)
			.split('\n')
			.find((line) => line.startsWith('  CSAT  '))!;
		expect(csatRow).toMatch(
			/ too little overlap in mix: 4% of human answered surveys \(4 of 102\)$/
		);
	});

	it('shows the figure with its coverage when the shared groups hold most answers', () => {
		// chat·billing: AI 10 (9 top-2), humans 60 (30); email·refunds: AI 2, humans 40. Only
		// chat·billing enters, 60/100 = 60% of human answers: gap = 0.9 − 0.5 = +40 pts.
		const review = weeklyReview(
			[
				answers('ai', 'chat', 'billing', 10, 9),
				answers('human', 'chat', 'billing', 60, 30),
				answers('ai', 'email', 'refunds', 2, 1),
				answers('human', 'email', 'refunds', 40, 20)
			],
			W(9),
			settings
		);
		const csatRow = renderReviewText(review)
			.split('\n')
			.find((line) => line.startsWith('  CSAT  '))!;
		expect(csatRow).toMatch(/ \+40 pts \(.+\), over 60% of human answered surveys \(60 of 100\)$/);
	});
});

describe('which weeks a review reads', () => {
	it('defaults to the last complete week, in the organisation zone', () => {
		const later = Date.UTC(2026, 5, 1);
		// Data reaching Sunday 1 March (W09) in UTC: W09 is complete. Monday 2 March 03:00 UTC
		// is still Sunday in New York: the data reaches the last day of W09 there too.
		expect(defaultReviewWeek(Date.UTC(2026, 2, 1, 18), 'UTC', later)).toBe(W(9));
		expect(defaultReviewWeek(Date.UTC(2026, 2, 2, 3), 'America/New_York', later)).toBe(W(9));
		// The same instant is Monday of W10 in UTC: a week that has barely started, so W09.
		expect(defaultReviewWeek(Date.UTC(2026, 2, 2, 3), 'UTC', later)).toBe(W(9));
		// An export cut on a Wednesday ends in a partial week: the week before it.
		const wednesday = wallTimeToInstant(
			{ year: 2026, month: 3, day: 4, hour: 10 },
			'Europe/Berlin'
		);
		expect(defaultReviewWeek(wednesday, 'Europe/Berlin', later)).toBe(W(9));
		// Live data: the week under way is never reviewed, even on its Sunday.
		const sunday = Date.UTC(2026, 2, 8, 12);
		expect(defaultReviewWeek(sunday, 'UTC', sunday + 3_600_000)).toBe(W(9));
		expect(defaultReviewWeek(Date.UTC(2026, 0, 2), 'UTC', Date.UTC(2026, 0, 2, 1))).toBe(
			'2025-W52'
		);
	});

	it('opens on the last complete week with data, else on the week there is', () => {
		const later = Date.UTC(2026, 5, 1);
		const wednesdayW10 = Date.UTC(2026, 2, 4, 12);
		// W09 is the last complete week; W08 is the newest with data at or before it
		expect(reviewWeekOf([W(10), W(8), W(7)], wednesdayW10, 'UTC', later)).toEqual({
			week: W(8),
			stillFilling: false
		});
		// only the partial W10 has data: it is reviewed, and said to be still filling
		expect(reviewWeekOf([W(10)], wednesdayW10, 'UTC', later)).toEqual({
			week: W(10),
			stillFilling: true
		});
		expect(reviewWeekOf([], wednesdayW10, 'UTC', later)).toBeNull();
	});

	it('loads back to the start of the drift reference of the oldest week verdicts remember', () => {
		// The week before (W19) remembers 12 weeks back, to W07, whose findings need 8 drift
		// weeks and 8 reference weeks before them: W07 − 15 = 2025-W44 (2025 has 52 weeks)
		expect(firstWeekNeeded(W(20))).toBe('2025-W44');
		expect(firstWeekNeeded(W(20), { drift: { enabled: false } })).toBe('2025-W51');
		// Without memory: W19 − 15 = W04
		expect(firstWeekNeeded(W(20), { verdictMemoryWeeks: 0 })).toBe(W(4));
	});
});

describe('repeat contact, known only once its window has closed', () => {
	// 100 conversations per side and topic each week; every week but the reviewed one is past
	// its repeat window: AI 8 repeats in 100 per topic (16 of 200, 8%), humans 20 of 200 (10%).
	const withRepeats = (openWeek: number | null) =>
		operation(80).map((cell) =>
			cell.week === (openWeek === null ? '' : W(openWeek))
				? cell
				: {
						...cell,
						repeatEligible: 100,
						repeatContacts: cell.handler === 'ai' ? 8 : 10
					}
		);

	it('shows the latest week that has it, labelled with that week, when the review week is still open', () => {
		const review = weeklyReview(withRepeats(9), W(9), settings);
		const ai = review.groups.find((g) => g.group === 'aiStarted')!;
		expect(ai.measures.find((m) => m.measure === 'repeatRate')!.value).toBeNull();
		const standIn = review.repeatContact!;
		expect(standIn.week).toBe(W(8));
		expect(standIn.reason).toBe(
			'not known yet for 2026-W09: its customers may still come back within the repeat ' +
				'window; shown for 2026-W08, the latest week it is known'
		);
		expect(standIn.ai).toMatchObject({ value: 16 / 200, n: 200 });
		expect(standIn.human).toMatchObject({ value: 20 / 200, n: 200 });
		// Its baseline is the 8 weeks before W08, of which W01–W07 hold data: 7 × 16 of 7 × 200.
		expect(standIn.ai!.baseline).toEqual({ value: 16 / 200, n: 1400 });
		expect(standIn.gap!.gap).toBeCloseTo(-0.02, 12);

		const text = renderReviewText(review).split('\n');
		const row = text.find((line) => line.startsWith('  repeat contact, 2026-W08'))!;
		expect(row).toMatch(
			/^ {2}repeat contact, 2026-W08 +8% \(\d+%–\d+%\) n=200 Δ0 pts +10% \(\d+%–\d+%\) n=200 Δ0 pts +−2 pts /
		);
		expect(text).toContain(
			'  repeat contact: not known yet for 2026-W09: its customers may still come back ' +
				'within the repeat window; shown for 2026-W08, the latest week it is known.'
		);
	});

	it('says why when no week in reach has it', () => {
		const review = weeklyReview(operation(80), W(9), settings);
		expect(review.repeatContact).toEqual({
			reason:
				'not known for 2026-W09 or the 8 weeks before it: the repeat window is still open, ' +
				'or no customer could be identified across conversations',
			week: null,
			ai: null,
			human: null,
			gap: null
		});
		expect(renderReviewText(review)).toContain(
			'\n  repeat contact: not known for 2026-W09 or the 8 weeks before it'
		);
	});

	it('stays out of the way when the review week has it', () => {
		expect(weeklyReview(withRepeats(null), W(9), settings).repeatContact).toBeNull();
	});
});
