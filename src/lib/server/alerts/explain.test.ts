import { describe, expect, it } from 'vitest';
import { csatFinding } from '../../../../tests/helpers/alerts';
import { alertOutcome, type AlertEpisode } from './explain';
import { DEFAULT_ALERT_RULES, segmentKey, type AlertRule } from './rules';

const RULES: AlertRule[] = DEFAULT_ALERT_RULES.map((rule, i) => ({ ...rule, id: i + 1 }));
const WEEK = '2026-W47';

/** The demo's banner finding: human "ended negative" drifting up 4.995 pts. */
const banner = csatFinding({
	measure: 'negativeEndRate',
	segment: { handler: 'human', channel: null, topic: null, source: null },
	value: 0.156,
	n: 372,
	baseline: { value: 0.104, n: 2045, weeks: 6 },
	effect: { estimate: 0.04995324173273259, low: 0.0307, high: 0.0692 },
	q: 0.00005
});
/** The demo's human email drift, +9.5 pts, which rule #2 fired on. */
const email = {
	...banner,
	segment: { ...banner.segment, channel: 'email' as const },
	effect: { estimate: 0.095, low: 0.066, high: 0.125 }
};

function episode(over: Partial<AlertEpisode>): AlertEpisode {
	return {
		id: 1,
		ruleId: 2,
		ruleName: 'More conversations ended negative',
		segmentKey: segmentKey(email.segment),
		status: 'open',
		firedWeek: WEEK,
		lastSeenWeek: WEEK,
		...over
	};
}

describe('alertOutcome: whether a regression raised an alert, and if not why', () => {
	it('the banner’s finding: below the rule’s 5 pts, said with the decimals that show it', () => {
		expect(alertOutcome(banner, WEEK, RULES, [episode({})])).toEqual({
			kind: 'none',
			text:
				'No alert: rule “More conversations ended negative”: the change, +4.995 pts, is ' +
				'under its minimum of 5 pts'
		});
	});

	it('a regression the rules fired on names its alert, and since when it is open', () => {
		expect(alertOutcome(email, WEEK, RULES, [episode({})])).toEqual({
			kind: 'alerted',
			alertId: 1,
			text: 'Alert #1 (More conversations ended negative)'
		});
		expect(
			alertOutcome(email, WEEK, RULES, [
				episode({ id: 7, firedWeek: '2026-W45', lastSeenWeek: '2026-W46' })
			])
		).toMatchObject({
			kind: 'alerted',
			alertId: 7,
			text: 'Alert #7 (More conversations ended negative), open since 2026-W45'
		});
		// an episode of another segment, or one resolved before the week, is not it
		const resolved = episode({
			status: 'resolved',
			firedWeek: '2026-W40',
			lastSeenWeek: '2026-W42'
		});
		expect(alertOutcome(email, WEEK, RULES, [resolved]).kind).toBe('due');
		expect(
			alertOutcome(email, WEEK, RULES, [episode({ segmentKey: segmentKey(banner.segment) })]).kind
		).toBe('due');
	});

	it('a match with no alert recorded yet, a measure no rule watches, and a gap', () => {
		expect(alertOutcome(email, WEEK, RULES, [])).toEqual({
			kind: 'due',
			text:
				'Matches rule “More conversations ended negative”; no alert recorded for 2026-W47 yet ' +
				'(the rules run after each import and every Monday)'
		});
		expect(alertOutcome({ ...email, measure: 'abandonmentRate' }, WEEK, RULES, [])).toEqual({
			kind: 'none',
			text: 'No alert: no rule watches abandoned after an AI reply'
		});
		expect(alertOutcome(null, WEEK, RULES, []).text).toBe(
			'No alert: a change in the AI − human gap goes to the weekly digest, not to alert rules'
		);
	});
});
