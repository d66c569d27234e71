import { describe, expect, it } from 'vitest';
import { headline } from './headline';
import type { MeasureId } from './measures';
import type { Finding } from './regressions';
import { resolveSettings } from './settings';

const settings = resolveSettings();

/** A drift finding on human email, from `before` to an EWMA of `ewma`, ±3 pts. */
function drift(measure: MeasureId, before: number, ewma: number, worse: boolean): Finding {
	const effect = ewma - before;
	return {
		key: 'k',
		kind: 'drift',
		alsoBy: [],
		group: 'human',
		scope: { channel: 'email', topic: null },
		measure,
		week: '2026-W47',
		current: { value: ewma, n: 211, from: '2026-W47', to: '2026-W47' },
		baseline: { value: before, n: 900, from: '2026-W32', to: '2026-W39' },
		ewma,
		effect,
		ci: { lo: effect - 0.03, hi: effect + 0.03 },
		p: 1e-6,
		q: 1e-5,
		test: 'EWMA',
		worse,
		since: '2026-W47',
		conversations: 211,
		worstConversationIds: [],
		supporting: [],
		summary: ''
	};
}

function sentence(finding: Finding): string {
	return headline({
		week: '2026-W47',
		hasData: true,
		regressions: finding.worse ? [finding] : [],
		improvements: finding.worse ? [] : [finding],
		verdicts: [],
		tests: 10,
		settings
	});
}

describe('the headline names a channel as a word of its sentence', () => {
	it('in lower case, and the catch-all as "other channels"', () => {
		const on = (channel: Finding['scope']['channel'], topic: string | null = null) =>
			sentence({ ...drift('negativeEndRate', 0.12, 0.22, true), scope: { channel, topic } });
		expect(on('web')).toMatch(/^Human-handled conversations in web form have been drifting up/);
		expect(on('other')).toMatch(/^Human-handled conversations in other channels have been/);
		expect(on('chat', 'disputes')).toMatch(
			/^Human-handled conversations in chat about disputes have been drifting up/
		);
	});
});

describe('the headline says which way a measure moved, apart from better or worse', () => {
	it('ended negative (higher is worse) going up is a drift up, for the worse', () => {
		expect(sentence(drift('negativeEndRate', 0.12, 0.22, true))).toBe(
			'Human-handled conversations in email have been drifting up on ended negative, for the ' +
				'worse: their smoothed level (EWMA) over 2026-W40–W47 is 22% against 12% in ' +
				'2026-W32–W39 (+10 pts, 95% CI +7 to +13); it holds after correcting for the many tests ' +
				'of the week.'
		);
	});

	it('ended negative going down is a drift down, for the better', () => {
		expect(sentence(drift('negativeEndRate', 0.22, 0.12, false))).toContain(
			'have been drifting down on ended negative, for the better: their smoothed level (EWMA) ' +
				'over 2026-W40–W47 is 12% against 22% in 2026-W32–W39 (−10 pts, 95% CI −13 to −7)'
		);
	});

	it('CSAT (higher is better) going down is a drift down, for the worse', () => {
		expect(sentence(drift('csatPct', 0.8, 0.65, true))).toContain(
			'have been drifting down on CSAT, for the worse: their smoothed level (EWMA) over ' +
				'2026-W40–W47 is 65% against 80% in 2026-W32–W39 (−15 pts, 95% CI −18 to −12)'
		);
	});

	it('CSAT going up is a drift up, for the better', () => {
		expect(sentence(drift('csatPct', 0.65, 0.8, false))).toContain(
			'have been drifting up on CSAT, for the better: their smoothed level (EWMA) over ' +
				'2026-W40–W47 is 80% against 65% in 2026-W32–W39 (+15 pts, 95% CI +12 to +18)'
		);
	});
});
