import { describe, expect, it } from 'vitest';
import { MEASURES } from './measures';
import type { Finding } from './regressions';
import { resolveSettings } from './settings';
import {
	adjustedGapWords,
	baselineWords,
	coveredSpan,
	findingKindsNote,
	nowWords,
	samplesWords,
	sinceWords
} from './words';

type Side = Pick<Finding, 'kind' | 'week' | 'current' | 'baseline'>;

/** The walkthrough's week: data from W34, review of W47, baseline W39–W46, drift from W40. */
function finding(kind: Finding['kind'], baseline: Finding['baseline'], from = '2026-W47'): Side {
	return {
		kind,
		week: '2026-W47',
		current: { value: 0.22, n: 211, from, to: '2026-W47' },
		baseline
	};
}

describe('the weeks a baseline rests on, as people read them', () => {
	it('names the span asked for, as the page header does, and how many of its weeks hold data', () => {
		expect(coveredSpan('2026-W39', '2026-W46')).toBe('2026-W39–W46');
		expect(
			coveredSpan('2026-W39', '2026-W46', { from: '2026-W39', to: '2026-W46', weeks: 8, of: 8 })
		).toBe('2026-W39–W46');
		expect(
			coveredSpan('2026-W32', '2026-W39', { from: '2026-W34', to: '2026-W39', weeks: 6, of: 8 })
		).toBe('2026-W32–W39 (data in 6 of those 8 weeks)');
		expect(coveredSpan('2020-W43', '2020-W50', { from: null, to: null, weeks: 0, of: 8 })).toBe(
			'2020-W43–W50 (no data in any of those 8 weeks)'
		);
	});

	it('says a drift is measured against the weeks before its window, and which of them hold data', () => {
		// The walkthrough's "12% 2026-W34–W39 (6 of 8 weeks)" under a "W39–W46 baseline" header.
		const covered = { from: '2026-W34', to: '2026-W39', weeks: 6, of: 8 };
		expect(
			baselineWords(
				finding('drift', { value: 0.12, n: 1019, from: '2026-W32', to: '2026-W39', covered })
			)
		).toBe('2026-W34–W39, the 6 weeks with data before the drift window 2026-W40–W47');
		const full = { from: '2026-W32', to: '2026-W39', weeks: 8, of: 8 };
		expect(
			baselineWords(
				finding('drift', { value: 0.12, n: 1400, from: '2026-W32', to: '2026-W39', covered: full })
			)
		).toBe('2026-W32–W39, the 8 weeks before the drift window 2026-W40–W47');
	});

	it('says a two-week finding is measured against the weeks before those two', () => {
		const covered = { from: '2026-W38', to: '2026-W45', weeks: 8, of: 8 };
		expect(
			baselineWords(
				finding(
					'recent',
					{ value: 0.12, n: 900, from: '2026-W38', to: '2026-W45', covered },
					'2026-W46'
				)
			)
		).toBe('2026-W38–W45, the 8 weeks before 2026-W46–W47');
	});

	it('gives a plain baseline finding the review baseline, with its coverage when partial', () => {
		const partial = { from: '2026-W41', to: '2026-W46', weeks: 6, of: 8 };
		expect(
			baselineWords(
				finding('baseline', {
					value: 0.12,
					n: 434,
					from: '2026-W39',
					to: '2026-W46',
					covered: partial
				})
			)
		).toBe('2026-W39–W46 (data in 6 of those 8 weeks)');
		expect(
			baselineWords(
				finding('gap', {
					value: 0.12,
					n: 434,
					from: '2026-W39',
					to: '2026-W46',
					covered: { ...partial, from: '2026-W39', weeks: 8 }
				})
			)
		).toBe('2026-W39–W46');
	});
});

describe('each figure of a finding says its own weeks (QA: "n=372 vs 2,045 … since 2026-W41")', () => {
	const settings = resolveSettings();
	const covered = { from: '2026-W34', to: '2026-W39', weeks: 6, of: 8 };
	/** The demo's "Human, all conversations, ended negative" drift of 2026-W47. */
	const drift = {
		...finding('drift', { value: 0.1, n: 2045, from: '2026-W32', to: '2026-W39', covered }),
		current: { value: 58 / 372, n: 372, from: '2026-W47', to: '2026-W47' },
		measure: 'negativeEndRate' as const,
		since: '2026-W41',
		worse: true
	};

	it('a drift: its level over the 8-week window, the week’s n as the last of them, the run since W41 against the reference', () => {
		expect(nowWords(drift)).toBe('smoothed (EWMA) over 2026-W40–W47');
		expect(samplesWords(drift, MEASURES.negativeEndRate)).toBe(
			'n=372 in 2026-W47 (the last week smoothed) vs 2,045 in 2026-W34–W39 ' +
				'conversations where the customer replied'
		);
		// half of the 5-point minimum effect, written as set: not "3 pts"
		expect(sinceWords(drift, settings)).toBe(
			'every week since 2026-W41 at least 2.5 pts worse than in 2026-W34–W39'
		);
	});

	it('a week against the baseline, two weeks against theirs, and a gap', () => {
		const full = { from: '2026-W39', to: '2026-W46', weeks: 8, of: 8 };
		const week = {
			...finding('baseline', {
				value: 0.1,
				n: 1005,
				from: '2026-W39',
				to: '2026-W46',
				covered: full
			}),
			current: { value: 0.2, n: 186, from: '2026-W47', to: '2026-W47' },
			measure: 'csatPct' as const,
			since: '2026-W47',
			worse: true
		};
		expect(nowWords(week)).toBe('in 2026-W47');
		expect(samplesWords(week, MEASURES.csatPct)).toBe(
			'n=186 in 2026-W47 vs 1,005 in 2026-W39–W46 answered surveys'
		);
		expect(sinceWords(week, settings)).toBe(
			'2026-W47 is the first week at least 2.5 pts worse than in 2026-W39–W46'
		);
		const recent = {
			...week,
			kind: 'recent' as const,
			current: { value: 0.2, n: 380, from: '2026-W46', to: '2026-W47' },
			baseline: { value: 0.1, n: 990, from: '2026-W38', to: '2026-W45' }
		};
		expect(nowWords(recent)).toBe('over 2026-W46–W47');
		expect(samplesWords(recent, MEASURES.csatPct)).toBe(
			'n=380 over 2026-W46–W47 vs 990 in 2026-W38–W45 answered surveys'
		);
		const gap = {
			...week,
			kind: 'gap' as const,
			since: '2026-W45',
			current: { value: -0.1, n: 60, nHuman: 120, from: '2026-W47', to: '2026-W47' },
			baseline: { value: 0, n: 500, nHuman: 900, from: '2026-W39', to: '2026-W46' }
		};
		expect(samplesWords(gap, MEASURES.csatPct)).toBe(
			'AI n=60, human n=120 in 2026-W47, vs 500 and 900 in 2026-W39–W46 answered surveys'
		);
		expect(sinceWords(gap, settings)).toBe(
			'every week since 2026-W45 with the gap at least 2.5 pts further against the AI than in 2026-W39–W46'
		);
	});

	it('the sentence over the regressions names the weeks of each kind of test', () => {
		expect(findingKindsNote({ from: '2026-W39', to: '2026-W46' }, '2026-W47', settings)).toBe(
			'this week against 2026-W39–W46; the last 2 weeks (2026-W46–W47) against the 8 weeks ' +
				'before them; a slow drift: the smoothed level (EWMA) of 2026-W40–W47 against the 8 ' +
				'weeks before it; or the AI − human gap this week against its gap in 2026-W39–W46'
		);
		const plain = resolveSettings({
			recentWeeks: 1,
			gapChange: false,
			drift: { enabled: false }
		});
		expect(findingKindsNote({ from: '2026-W39', to: '2026-W46' }, '2026-W47', plain)).toBe(
			'this week against 2026-W39–W46'
		);
	});
});

describe('a mix-adjusted gap says which mix and which weeks (QA: the review and /gaps disagreed, both "mix-adjusted")', () => {
	const adjusted = {
		ai: 0.7,
		human: 0.61,
		gap: 0.09,
		ci: { lo: 0.02, hi: 0.16 },
		p: 0.01,
		coverage: 0.8,
		humanUsed: 320,
		humanTotal: 400,
		strata: 9
	};
	it('overall, one week: the channel × topic mix of that week', () => {
		const words = adjustedGapWords(MEASURES.csatPct, adjusted, {
			scope: { channel: null, topic: null },
			weeks: { from: '2026-W47', to: '2026-W47' }
		});
		expect(words.basis).toBe('adjusted to the human channel × topic mix of 2026-W47');
		expect(words.text).toBe('+9 pts (+2 to +16), over 80% of human answered surveys (320 of 400)');
	});

	it('a topic over four weeks: its channel mix; a channel: its topic mix; withheld says so too', () => {
		const weeks = { from: '2026-W44', to: '2026-W47' };
		expect(
			adjustedGapWords(MEASURES.csatPct, adjusted, {
				scope: { channel: null, topic: 'refunds' },
				weeks
			}).basis
		).toBe('adjusted to the human channel mix of 2026-W44–W47');
		expect(
			adjustedGapWords(MEASURES.csatPct, adjusted, {
				scope: { channel: 'email', topic: null },
				weeks
			}).basis
		).toBe('adjusted to the human topic mix of 2026-W44–W47');
		const thin = adjustedGapWords(
			MEASURES.csatPct,
			{ ...adjusted, coverage: 11 / 107, humanUsed: 11, humanTotal: 107 },
			{ scope: { channel: null, topic: null }, weeks: { from: '2026-W47', to: '2026-W47' } }
		);
		expect([thin.shown, thin.basis, thin.text]).toEqual([
			false,
			'adjusted to the human channel × topic mix of 2026-W47',
			'too little overlap in mix: 10% of human answered surveys (11 of 107)'
		]);
	});
});
