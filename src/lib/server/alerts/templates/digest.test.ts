import { describe, expect, it } from 'vitest';
import { digestContent } from '../../../../../tests/helpers/alerts';
import { DIGEST_FINDINGS, digestEmail } from './digest';
import { csatFinding, TOPIC_LABELS } from '../../../../../tests/helpers/alerts';

const context = { baseUrl: 'https://parity.example.com', topicLabels: TOPIC_LABELS };

describe('digestEmail', () => {
	it('names what the team noted changed that week, under the summary, escaped in HTML', () => {
		const notes = [
			{ day: '2026-11-17', text: 'Fin <v3> released', source: 'Intercom' },
			{ day: '2026-11-19', text: 'Refund policy changed', source: null }
		];
		const email = digestEmail({ ...digestContent(), notes }, context);
		const lines = email.text.split('\n');
		expect(lines[3]).toBe(
			'Noted this week: Fin <v3> released (2026-11-17, Intercom); Refund policy changed (2026-11-19)'
		);
		expect(email.html).toContain(
			'Noted this week: Fin &lt;v3&gt; released (2026-11-17, Intercom); Refund policy changed (2026-11-19)'
		);
		const without = digestEmail(digestContent(), context);
		expect(without.text).not.toContain('Noted this week');
		expect(without.html).not.toContain('Noted this week');
	});

	it('gives the headline AI vs human, regressions, improvements and routing, in the order given', () => {
		const email = digestEmail(digestContent(), context);
		expect(email.subject).toBe(
			'Parity weekly review, week 47 (16–22 Nov 2026): 2 regressions, 1 improvement, 1 topic to send to humans'
		);
		const lines = email.text.split('\n');
		// The AI's count holds its hand-overs, as the table's AI n (1,452) and the review page do:
		// it read "1,240 AI, 860 human, 212 escalated conversations" above an AI n of 1,452.
		expect(lines[1]).toBe('1,452 AI conversations (212 of them handed to a human) and 860 human');
		expect(email.html).toContain(
			'1,452 AI conversations (212 of them handed to a human) and 860 human'
		);
		expect(lines).toContain(
			'  CSAT: AI 68% (n = 402), human 77% (n = 391), gap −9 pts (−15 to −4 pts), mix-adjusted −7 pts'
		);
		// Humans have no escalation rate: a dash, not "n = 0".
		expect(lines).toContain('  Escalation to a human: AI 15% (n = 1,452), human –, gap –');
		const regressions = lines.slice(
			lines.indexOf('Regressions') + 1,
			lines.indexOf('Improvements') - 1
		);
		// In the order the analytics ranked them (analytics/order.ts), as the review page and
		// `parity report` list them: the email does not re-sort (it used to, by q and by name).
		expect(regressions[0]).toMatch(/^ {2}CSAT −8 pts/);
		expect(regressions[1]).toMatch(/^ {2}End sentiment −0.30/);
		// Segments by their labels, as the dashboard names them; links keep the ids.
		expect(regressions[0]).toContain(' — AI · Chat · Refunds and returns: 64% vs 72% baseline');
		expect(email.html).toContain('>AI · Email · Billing questions</a>');
		expect(email.html).toContain('/trends?week=2026-W47&amp;channel=email&amp;topic=billing"');
		const routing = lines.slice(lines.indexOf('Routing by topic') + 1);
		expect(routing.slice(0, 3).map((line) => line.split(':')[0]?.trim())).toEqual([
			'Order status',
			'Refunds and returns',
			'Billing questions'
		]);
		expect(email.html).toContain('href="https://parity.example.com/?week=2026-W47"');
		expect(email.html).toContain(
			'href="https://parity.example.com/trends?week=2026-W47&amp;topic=order%20status"'
		);
	});

	it("says which topics' verdicts changed since last week's review", () => {
		const content = digestContent();
		const routing = content.routing.map((verdict) =>
			verdict.topic === 'refunds' ? { ...verdict, was: 'watch' as const } : verdict
		);
		const email = digestEmail({ ...content, routing }, context);
		const lines = email.text.split('\n');
		expect(lines).toContain(
			'  Refunds and returns: Send to humans (was Watch last week) — CSAT 15 pts below humans (95% CI 9–21); repeat contact +6 pts'
		);
		expect(lines.filter((line) => line.includes('last week'))).toHaveLength(1);
		expect(email.html).toMatch(
			/Send to humans<\/span\s*>\s*<span[^>]*>\s*was Watch last week<\/span/
		);
	});

	it('lists at most a screenful of findings and links to the rest', () => {
		const many = Array.from({ length: DIGEST_FINDINGS + 3 }, (_, index) =>
			csatFinding({
				segment: { handler: 'ai', channel: 'chat', topic: `topic ${index}`, source: null }
			})
		);
		const email = digestEmail({ ...digestContent(), findings: many }, context);
		expect(email.html).toContain('and 3 more in the weekly review');
		expect(email.text.match(/^ {2}CSAT −8 pts/gm)).toHaveLength(DIGEST_FINDINGS);
	});

	it('says so when a week has nothing significant', () => {
		const email = digestEmail({ ...digestContent(), findings: [], routing: [] }, context);
		expect(email.subject).toMatch(/: 0 regressions, 0 improvements$/);
		expect(email.html).toContain('No significant regressions this week.');
		expect(email.html).toContain('No topic had enough conversations for a verdict.');
	});
});

describe('digestEmail on a drift', () => {
	it('pairs the smoothed level with its change and gives the week alone apart', () => {
		// The demo's human · email ended negative: smoothed 22% vs 12% (+10 pts), the
		// week alone 28%, drifting since week 40.
		const drift = csatFinding({
			measure: 'negativeEndRate',
			segment: { handler: 'human', channel: 'email', topic: null, source: null },
			value: 0.275,
			n: 211,
			smoothed: 0.2187,
			baseline: { value: 0.1181, n: 1800, weeks: 8 },
			effect: { estimate: 0.1006, low: 0.07, high: 0.132 },
			q: 0.0004,
			since: '2026-W40'
		});
		const email = digestEmail({ ...digestContent(), findings: [drift] }, context);
		expect(email.text).toContain(
			'  Ended negative +10 pts (+7 to +13 pts) — Human agents · Email · all topics: 22% (smoothed) vs 12% baseline · 28% in week 47 alone · n = 211 · q < 0.001 · since week 40'
		);
	});
});
