import { describe, expect, it } from 'vitest';
import type { Finding } from './regressions';
import { baselineWords, coveredSpan } from './words';

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
