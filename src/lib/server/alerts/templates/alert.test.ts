import { describe, expect, it } from 'vitest';
import { csatFinding, sentimentFinding, TOPIC_LABELS } from '../../../../../tests/helpers/alerts';
import type { AlertFinding } from '../types';
import { alertEmail, resolvedEmail, type AlertEmailContext } from './alert';

const context: AlertEmailContext = {
	alertId: 12,
	ruleName: 'AI CSAT dropped',
	severity: 'critical',
	rule: { minEffect: 0.05, minSample: 30, maxQ: 0.05 },
	baseUrl: 'https://parity.example.com',
	chartCid: 'trend-12@parity',
	topicLabels: TOPIC_LABELS
};

describe('alertEmail', () => {
	it('says what regressed, by how much, how sure, on how many, since when', () => {
		const email = alertEmail(csatFinding(), context);
		expect(email.subject).toBe(
			'Critical: CSAT fell 8 pts for AI · Chat · Refunds and returns (week 47)'
		);
		expect(email.text).toContain(
			'CSAT for AI · Chat · Refunds and returns fell from 72% to 64% in week 47, worse since week 46.'
		);
		expect(email.text).toContain('This week:  64% (n = 212)');
		expect(email.text).toContain('Change:     −8 pts (95% interval −12 to −4 pts)');
		expect(email.text).toContain('How sure:   p < 0.001, q = 0.004');
		expect(email.text).toContain('Since:      week 46 (9–15 Nov 2026) onwards');
		expect(email.text).toContain('fires at a change of 5 pts or more, n ≥ 30, q ≤ 0.05');
		expect(email.html).toContain('src="cid:trend-12@parity"');
		expect(email.html).toContain('href="https://parity.example.com/alerts#alert-12"');
		// The address keeps the ids that the sentences replace with labels.
		expect(email.text).toContain(
			'Open the segment: https://parity.example.com/trends?week=2026-W47&channel=chat&topic=refunds'
		);
	});

	it('names what the team noted since the change began, and nothing when there is no note', () => {
		const noted = alertEmail(csatFinding(), {
			...context,
			notes: ['New disputes flow <v2> went live (2026-11-10, Intercom)']
		});
		expect(noted.text).toContain(
			'Since:      week 46 (9–15 Nov 2026) onwards\nNoted:      New disputes flow <v2> went live (2026-11-10, Intercom)\n'
		);
		expect(noted.html).toMatch(/>\s*Noted\s*</);
		expect(noted.html).toContain('New disputes flow &lt;v2&gt; went live (2026-11-10, Intercom)');
		const plain = alertEmail(csatFinding(), context);
		expect(plain.text).not.toContain('Noted:');
		expect(plain.html).not.toMatch(/>\s*Noted\s*</);
	});

	it('words a rise in a measure where lower is better, and sentiment without points', () => {
		const rise = alertEmail(
			csatFinding({
				measure: 'repeatRate',
				value: 0.19,
				baseline: { value: 0.14, n: 900, weeks: 8 },
				effect: { estimate: 0.05, low: 0.02, high: 0.08 }
			}),
			{ ...context, severity: 'warning' }
		);
		expect(rise.subject).toBe(
			'Warning: Repeat contact rose 5 pts for AI · Chat · Refunds and returns (week 47)'
		);
		const sentiment = alertEmail(sentimentFinding(), { ...context, chartCid: null });
		expect(sentiment.subject).toBe(
			'Critical: End sentiment fell 0.30 for AI · Email · Billing questions (week 47)'
		);
		expect(sentiment.text).toContain('Change:     −0.30 (95% interval −0.41 to −0.19)');
		expect(sentiment.html).not.toContain('<img');
	});

	// It wrote "fell 1.0 pts" where the pages write "1 pt", and its thresholds to one decimal.
	it('writes effects as the pages do, and a threshold as it was set', () => {
		const small = alertEmail(
			csatFinding({ value: 0.71, effect: { estimate: -0.01, low: -0.018, high: -0.002 } }),
			{ ...context, rule: { ...context.rule, minEffect: 0.005 } }
		);
		expect(small.subject).toBe(
			'Critical: CSAT fell 1 pt for AI · Chat · Refunds and returns (week 47)'
		);
		expect(small.text).toContain('Change:     −1 pt (95% interval −2 to 0 pts)');
		expect(small.text).toContain('fires at a change of 0.5 pts or more');
		expect(small.text).not.toMatch(/\d\.0 pts?\b/);
	});

	it('escapes everything that came from data: a topic named like markup stays text', () => {
		const hostile = csatFinding({
			segment: {
				handler: 'ai',
				channel: 'chat',
				topic: '<img src=x onerror=alert(1)>"&',
				source: null
			}
		});
		const email = alertEmail(hostile, { ...context, ruleName: '<b>rule</b>' });
		expect(email.html).not.toContain('<img src=x');
		expect(email.html).not.toContain('<b>rule</b>');
		expect(email.html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&amp;');
		expect(email.html).toContain('&lt;b&gt;rule&lt;/b&gt;');
		// In links the topic is URL-encoded, and the base URL cannot turn into script.
		expect(email.text).toContain('topic=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E%22%26');
		const javascript = alertEmail(csatFinding(), { ...context, baseUrl: 'javascript:alert(1)//' });
		expect(javascript.html).not.toContain('href="javascript:');
	});

	it('links three example conversations and quotes none of their text', () => {
		const email = alertEmail(csatFinding(), context);
		expect(email.text.match(/\/conversations\/\d+/g)).toEqual([
			'/conversations/48213',
			'/conversations/48377',
			'/conversations/49102'
		]);
		expect(email.text).toContain('Transcripts stay in Parity (sign-in required)');
		// One parenthesis at a time: the note was once wrapped in a second pair.
		expect(email.text).toContain(
			'\nConversations to look at, worst first:\n  Parity #48213  https://parity.example.com/conversations/48213\n'
		);
		expect(email.text).toContain(
			'/conversations/49102\nTranscripts stay in Parity (sign-in required): they hold customers’ personal data.\n'
		);
	});

	it('names each example by the help desk’s id where it is known, as the transcript list does', () => {
		const refs = new Map([
			[48213, '46520'],
			[48377, '215400007996']
		]);
		const email = alertEmail(csatFinding(), { ...context, conversationRefs: refs });
		expect(email.text).toContain(
			'\n  #46520  https://parity.example.com/conversations/48213\n' +
				'  #215400007996  https://parity.example.com/conversations/48377\n' +
				'  Parity #49102  https://parity.example.com/conversations/49102\n'
		);
		expect(email.html).toContain('>#46520</a>');
	});
});

describe('resolvedEmail', () => {
	it('says when it fired, how it is now and how long it lasted', () => {
		const email = resolvedEmail(csatFinding(), {
			alertId: 12,
			ruleName: 'AI CSAT dropped',
			severity: 'critical',
			baseUrl: 'https://parity.example.com',
			resolvedWeek: '2026-W50',
			current: { value: 0.73, n: 190 },
			topicLabels: TOPIC_LABELS
		});
		expect(email.subject).toBe(
			'Resolved: CSAT for AI · Chat · Refunds and returns is back within its baseline (week 50)'
		);
		expect(email.text).toContain('Now:           73% (n = 190)');
		expect(email.text).toContain('Lasted:        3 weeks (week 47 to week 49)');
		expect(email.text).toContain(
			'When it fired: week 47 (16–22 Nov 2026), 64% against a baseline of 72% (−8 pts, n = 212)'
		);
	});

	it('says a one-week episode lasted that week, not "week 47 to week 47"', () => {
		const email = resolvedEmail(csatFinding(), {
			alertId: 12,
			ruleName: 'AI CSAT dropped',
			severity: 'critical',
			baseUrl: 'https://parity.example.com',
			resolvedWeek: '2026-W48',
			current: null,
			topicLabels: TOPIC_LABELS
		});
		expect(email.text).toContain('Lasted:        1 week (week 47)\n');
	});
});

/**
 * A slow drift as the demo's AI · disputes escalation: the weekly level smoothed by EWMA went
 * from the baseline 7% to 18% (+11 pts), while week 47 on its own was 17%.
 */
const drift = csatFinding({
	measure: 'escalationRate',
	segment: { handler: 'ai', channel: null, topic: 'disputes', source: null },
	value: 0.17,
	n: 47,
	baseline: { value: 0.07, n: 258, weeks: 8 },
	smoothed: 0.176,
	effect: { estimate: 0.106, low: 0.052, high: 0.161 },
	since: '2026-W44'
});

/** "from A to B" and "Change: C" of an email's text, in points. */
function fromToChange(text: string): [number, number, number] {
	const pts = (s: string) => Number(s.replace('−', '-'));
	const lead = /from ([\d.]+)% to ([\d.]+)%/.exec(text);
	const change = /Change: +([+−][\d.]+) pts?/.exec(text);
	if (!lead || !change) throw new Error(`no from/to/change in:\n${text}`);
	return [pts(lead[1]!), pts(lead[2]!), pts(change[1]!)];
}

describe('alertEmail on a drift', () => {
	it('puts the smoothed level next to its change, and the week alone apart', () => {
		const email = alertEmail(drift, { ...context, severity: 'warning' });
		expect(email.subject).toBe(
			'Warning: Escalation to a human drifted up 11 pts since week 44 for AI · all channels · Disputes and fraud (week 47)'
		);
		expect(email.text).toContain(
			'Escalation to a human for AI · all channels · Disputes and fraud rose from 7% to 18% (its smoothed weekly level, EWMA) since week 44.'
		);
		expect(email.text).toContain('Smoothed:   18% (EWMA of the weekly values)');
		expect(email.text).toContain('Baseline:   7% over 8 earlier weeks (n = 258)');
		expect(email.text).toContain(
			'Change:     +11 pts (smoothed level − baseline; 95% interval +5 to +16 pts)'
		);
		expect(email.text).toContain('This week:  17% (n = 47) on its own');
		expect(email.text.split('\n')[0]).toBe(
			'Warning regression: Escalation to a human drifted up 11 pts since week 44'
		);
		expect(email.html).toContain('Smoothed level');
		expect(email.html).toContain('This week alone');
		expect(email.html).toContain('The red line is the smoothed level (EWMA)');
	});

	it('says "since" when the run began before this week, and only then', () => {
		const sameWeek = alertEmail(csatFinding({ since: '2026-W47' }), context);
		expect(sameWeek.text).toContain('fell from 72% to 64% in week 47.');
		expect(sameWeek.subject).not.toContain('since');
		// This week's change, in a run of worse weeks that began the week before.
		const earlier = alertEmail(csatFinding(), context);
		expect(earlier.subject).toBe(
			'Critical: CSAT fell 8 pts for AI · Chat · Refunds and returns (week 47)'
		);
		expect(earlier.text).toContain('fell from 72% to 64% in week 47, worse since week 46.');
	});

	// Levels and changes are written in whole points, as on the pages.
	it('has every change equal to "to" − "from" up to rounding', () => {
		const cases: Array<[AlertFinding, [number, number, number]]> = [
			[drift, [7, 18, 11]],
			[csatFinding(), [72, 64, -8]],
			// The demo's human · email ended-negative drift: 28% this week, 22% smoothed.
			[
				csatFinding({
					measure: 'negativeEndRate',
					value: 0.275,
					smoothed: 0.2187,
					baseline: { value: 0.1181, n: 1800, weeks: 8 },
					effect: { estimate: 0.1006, low: 0.07, high: 0.132 },
					since: '2026-W40'
				}),
				[12, 22, 10]
			]
		];
		for (const [finding, expected] of cases) {
			const [from, to, change] = fromToChange(alertEmail(finding, context).text);
			expect([from, to, change]).toEqual(expected);
			// Three numbers each rounded to a whole point can disagree by one point, never more.
			expect(Math.abs(to - from - change)).toBeLessThanOrEqual(1);
		}
	});

	it('says what the fired alert measured when it resolves', () => {
		const email = resolvedEmail(drift, {
			alertId: 3,
			ruleName: 'AI escalation rate rose',
			severity: 'warning',
			baseUrl: 'https://parity.example.com',
			resolvedWeek: '2026-W49',
			current: null,
			topicLabels: TOPIC_LABELS
		});
		expect(email.text).toContain('18% (smoothed) against a baseline of 7% (+11 pts, n = 47)');
	});
});
