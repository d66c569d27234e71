import { describe, expect, it } from 'vitest';
import type { Finding } from './regressions';
import { resolveSettings } from './settings';
import { describeFinding } from './words';

const settings = resolveSettings();

/**
 * The demo's human · email ended-negative drift: an EWMA of 22% against 12% in a W32–W39
 * baseline whose data start in W34, +10 pts (95% CI +7 to +13), this week 27% on 211.
 */
const drift: Finding = {
	key: 'k',
	kind: 'drift',
	alsoBy: [],
	group: 'human',
	scope: { channel: 'email', topic: null },
	measure: 'negativeEndRate',
	week: '2026-W47',
	current: { value: 0.2749, n: 211, from: '2026-W47', to: '2026-W47' },
	baseline: {
		value: 0.1178,
		n: 1019,
		from: '2026-W32',
		to: '2026-W39',
		covered: { from: '2026-W34', to: '2026-W39', weeks: 6, of: 8 }
	},
	ewma: 0.2187,
	effect: 0.1009,
	ci: { lo: 0.0701, hi: 0.1317 },
	p: 1e-10,
	q: 4e-8,
	test: 'EWMA',
	worse: true,
	since: '2026-W40',
	conversations: 211,
	worstConversationIds: [],
	supporting: [],
	summary: ''
};

describe('a finding in words', () => {
	it('says how few baseline weeks hold data inside the parenthesis of its effect', () => {
		// It read "in 2026-W34–W39 (6 of 8 weeks) (+10 pts, …)": two parentheses in a row.
		expect(describeFinding(drift, settings)).toBe(
			'Human · Email: ended negative has been drifting up; its weekly average (EWMA) is 22% ' +
				'against 12% in 2026-W34–W39 (+10 pts, 95% CI +7 to +13; only 6 of the baseline’s 8 ' +
				'weeks have data), q<0.001; this week 27% (n=211). Since 2026-W40.'
		);
	});

	it('gives the plain range and no note when every baseline week has data', () => {
		const full = {
			...drift,
			baseline: {
				...drift.baseline,
				covered: { from: '2026-W32', to: '2026-W39', weeks: 8, of: 8 }
			}
		};
		expect(describeFinding(full, settings)).toContain(
			'against 12% in 2026-W32–W39 (+10 pts, 95% CI +7 to +13), q<0.001;'
		);
	});
});
