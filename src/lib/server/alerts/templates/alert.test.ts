import { describe, expect, it } from 'vitest';
import { csatFinding, sentimentFinding } from '../../../../../tests/helpers/alerts';
import { alertEmail, resolvedEmail, type AlertEmailContext } from './alert';

const context: AlertEmailContext = {
	alertId: 12,
	ruleName: 'AI CSAT dropped',
	severity: 'critical',
	rule: { minEffect: 0.05, minSample: 30, maxQ: 0.05 },
	baseUrl: 'https://parity.example.com',
	chartCid: 'trend-12@parity'
};

describe('alertEmail', () => {
	it('says what regressed, by how much, how sure, on how many, since when', () => {
		const email = alertEmail(csatFinding(), context);
		expect(email.subject).toBe('Critical: CSAT fell 8.2 pts for AI · chat · refunds (week 47)');
		expect(email.text).toContain(
			'CSAT for AI · chat · refunds fell from 72.2% to 64.0% in week 47.'
		);
		expect(email.text).toContain('This week:  64.0% (n = 212)');
		expect(email.text).toContain('Change:     −8.2 pts (95% interval −12.1 to −4.3 pts)');
		expect(email.text).toContain('How sure:   p < 0.001, q = 0.004');
		expect(email.text).toContain('Since:      week 46 (9–15 Nov 2026) onwards');
		expect(email.text).toContain('fires at a change of 5.0 pts or more, n ≥ 30, q ≤ 0.05');
		expect(email.html).toContain('src="cid:trend-12@parity"');
		expect(email.html).toContain('href="https://parity.example.com/alerts#alert-12"');
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
			'Warning: Repeat contact rose 5.0 pts for AI · chat · refunds (week 47)'
		);
		const sentiment = alertEmail(sentimentFinding(), { ...context, chartCid: null });
		expect(sentiment.subject).toBe(
			'Critical: End sentiment fell 0.30 for AI · email · billing (week 47)'
		);
		expect(sentiment.text).toContain('Change:     −0.30 (95% interval −0.41 to −0.19)');
		expect(sentiment.html).not.toContain('<img');
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
			current: { value: 0.73, n: 190 }
		});
		expect(email.subject).toBe(
			'Resolved: CSAT for AI · chat · refunds is back within its baseline (week 50)'
		);
		expect(email.text).toContain('Now:           73.0% (n = 190)');
		expect(email.text).toContain('Lasted:        3 weeks (week 47 to week 49)');
	});
});
