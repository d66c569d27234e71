import { beforeAll, describe, expect, it } from 'vitest';
import { parseConversationQuery } from '../../src/lib/domain/conversation-filters';
import { evaluateAlerts } from '../../src/lib/server/alerts/evaluate';
import { alertHistory, type AlertHistoryItem } from '../../src/lib/server/alerts/service';
import { analyticsSource } from '../../src/lib/server/alerts/source';
import { listConversations } from '../../src/lib/server/dashboard/conversations';
import { gapsCsv, gapsPage } from '../../src/lib/server/dashboard/gaps';
import { reviewPage } from '../../src/lib/server/dashboard/review';
import type { ReviewReady } from '../../src/lib/server/dashboard/review-types';
import type { DbHandle } from '../../src/lib/server/db/client';
import { defaultDemoConfig, loadDemo } from '../../src/lib/server/demo/index';
import { testDb } from '../helpers/db';
import { listedBy } from '../helpers/links';

/**
 * The weekly review's regressions and the alert history on the demo data set (14 weeks to
 * 2026-W47, regressions injected) through the real pipeline, with the shipped alert rules
 * evaluated for the week as the server does after an import. Each test is named after what QA
 * found on these pages.
 */

const WEEK = '2026-W47';
let db: DbHandle;
let page: ReviewReady;
let alerts: AlertHistoryItem[];

beforeAll(async () => {
	db = testDb();
	const loaded = await loadDemo(db, defaultDemoConfig({ endWeek: WEEK }));
	expect(loaded.reports.every((report) => report.status !== 'failed')).toBe(true);
	await evaluateAlerts(db, { ...analyticsSource(db), week: WEEK, log: () => {} });
	const review = reviewPage(db, { week: WEEK });
	if (review.state !== 'ready') throw new Error('expected a review');
	page = review;
	alerts = alertHistory(db);
}, 180_000);

const opened = (href: string) => listedBy(db, href);

describe('evidence links show the count of the list they open', () => {
	it('each regression’s links hold as many conversations as they say (was "396 conversations →" opening 58)', () => {
		expect(page.regressions.length).toBeGreaterThan(0);
		for (const row of page.regressions) {
			const label = `${row.who} ${row.where} ${row.measure}`;
			expect(opened(row.drill.all.href), label).toBe(row.drill.all.count);
			expect(row.drill.all.text, label).toMatch(new RegExp(`^${row.drill.all.count} `));
			if (!row.drill.hits) continue;
			expect(opened(row.drill.hits.href), label).toBe(row.drill.hits.count);
			expect(row.drill.hits.text, label).toMatch(new RegExp(`^${row.drill.hits.count} `));
		}
		const human = page.regressions.find(
			(row) => row.who === 'Human' && row.where === 'all conversations'
		)!;
		expect([human.drill.hits?.text, human.drill.all.text, human.drill.weeks]).toEqual([
			'58 ended negative',
			'372 conversations where the customer replied',
			WEEK
		]);
	});

	it('an alert opens the same two lists as the review’s row for it (was all 40 on /alerts, the 12 escalated on /)', () => {
		expect(alerts.length).toBeGreaterThan(0);
		for (const alert of alerts) {
			const measured = alert.measured!;
			expect(opened(measured.all.url), alert.segment).toBe(
				Number(measured.all.text.split(' ')[0]!.replace(/,/g, ''))
			);
			if (measured.hits)
				expect(opened(measured.hits.url), alert.segment).toBe(
					Number(measured.hits.text.split(' ')[0]!.replace(/,/g, ''))
				);
		}
		const escalation = alerts.find(
			(alert) => alert.measure === 'escalationRate' && alert.segment.endsWith('Disputes and fraud')
		)!;
		expect(escalation.measured).toMatchObject({
			weeks: 'in week 47',
			hits: { text: '12 escalated' },
			all: { text: '40 AI-started conversations' }
		});
		const row = page.regressions.find(
			(row) =>
				row.who === 'AI' &&
				row.where === 'Disputes and fraud' &&
				row.measure === 'Escalation to a human'
		)!;
		expect([row.drill.hits?.href, row.drill.all.href]).toEqual([
			escalation.measured!.hits!.url,
			escalation.measured!.all.url
		]);
		expect([row.drill.hits?.count, row.drill.all.count]).toEqual([12, 40]);
	});
});

describe('each figure of a regression says its own period and test', () => {
	const humanAll = () =>
		page.regressions.find((row) => row.who === 'Human' && row.where === 'all conversations')!;

	it('a drift row states the window of its level, of its n and of its baseline (was "n=372 vs 2,045 … since 2026-W41")', () => {
		const row = humanAll();
		expect(row.kind).toBe('slow drift (EWMA)');
		expect(row.now).toBe('15% (EWMA)');
		expect(row.nowWeeks).toBe('over 2026-W40–W47; 2026-W47 alone 16%');
		expect(row.beforeWeeks).toBe(
			'in 2026-W34–W39, the 6 weeks with data before the drift window 2026-W40–W47'
		);
		expect(row.n).toBe(
			'n=372 in 2026-W47 (the last week smoothed) vs 2,045 in 2026-W34–W39 ' +
				'conversations where the customer replied'
		);
		expect(row.since).toBe('every week since 2026-W41 at least 2.5 pts worse than in 2026-W34–W39');
	});

	it('the sentence over the table says which weeks each kind of test compares', () => {
		expect(page.baselineSpan).toBe('2026-W39–W46');
		expect(page.findingKinds).toContain('this week against 2026-W39–W46');
		expect(page.findingKinds).toContain(
			'a slow drift: the smoothed level (EWMA) of 2026-W40–W47 against the 8 weeks before it'
		);
	});

	it('the flag beside a Δ of this week vs the baseline names its own test, weeks and interval (was "Δ +2 pts (−1 to +7)" beside "Significant regression")', () => {
		const negative = page.measures.find((line) => line.id === 'negativeEndRate')!;
		const human = negative.human!;
		// the Δ: this week against the review's baseline, its interval spanning zero
		expect(human.change).toMatchObject({ text: '+2 pts', ci: '−1 to +7' });
		expect(human.finding?.text).toMatch(
			/^Slow drift for the worse, smoothed \(EWMA\) over 2026-W40–W47 vs 2026-W34–W39: \+[\d.]+ pts \(\+3 to \+7\), q<0\.001$/
		);
		expect(human.finding?.anchor).toBe(`finding-${page.regressions.indexOf(humanAll()) + 1}`);
	});

	it('the banner’s main finding, ended negative, is in the main table, not only under More measures', () => {
		expect(page.headline).toMatch(
			/^Human-handled conversations have been drifting up on ended negative/
		);
		expect(page.measures.map((line) => line.id)).toContain('negativeEndRate');
		expect(page.more.map((line) => line.id)).not.toContain('negativeEndRate');
		// Every measure with a finding on an overall side sits in the main table.
		for (const line of page.more) {
			expect(
				line.ai?.finding ?? line.human?.finding ?? line.gap?.finding ?? null,
				line.id
			).toBeNull();
		}
	});
});

describe('the review says which regressions raised an alert (QA: 7 regressions on the review, 4 alerts)', () => {
	it('each regression says whether it raised an alert, and those that did name it', () => {
		expect(page.regressionCount).toBe(7);
		expect(alerts).toHaveLength(4);
		expect(page.alerted).toBe(4);
		const named = page.regressions
			.filter((row) => row.alert?.kind === 'alerted')
			.map((row) => Number(/^Alert #(\d+)/.exec(row.alert!.text)![1]))
			.sort();
		expect(named).toEqual(alerts.map((alert) => alert.id).sort());
		for (const row of page.regressions) {
			expect(row.alert, `${row.who} ${row.where} ${row.measure}`).not.toBeNull();
			if (row.alert!.kind === 'alerted') expect(row.alert!.href).toMatch(/^\/alerts#alert-\d+$/);
			else expect(row.alert!.text).toMatch(/^No alert: /);
		}
	});

	it('the banner’s finding, 4.995 pts, says it is under the rule’s 5 pts, and is never shown as "+5 pts"', () => {
		const row = page.regressions.find(
			(row) => row.who === 'Human' && row.where === 'all conversations'
		)!;
		expect(row.alert).toEqual({
			kind: 'none',
			text:
				'No alert: rule “More conversations ended negative”: the change, +4.995 pts, is under ' +
				'its minimum of 5 pts',
			href: null
		});
		expect(row.effect).toBe('+4.995 pts');
		expect(page.headline).toContain('(+4.995 pts, 95% CI +3 to +7)');
		expect(page.headline).not.toContain('+5 pts');
		const flag = page.measures.find((line) => line.id === 'negativeEndRate')!.human!.finding!;
		expect(flag.text).toContain(': +4.995 pts (+3 to +7)');
	});
});

describe('the alert history names conversations as the rest of Parity does', () => {
	it('by the help desk’s id, linking to the transcript (was Parity’s own "#5286")', () => {
		const ids = alerts.flatMap((alert) => alert.conversationUrls);
		expect(ids.length).toBeGreaterThan(0);
		const external = new Map(
			(
				db.sqlite.prepare('SELECT id, external_id AS ref FROM conversations').all() as Array<{
					id: number;
					ref: string;
				}>
			).map((row) => [row.id, row.ref])
		);
		for (const conversation of ids) {
			expect(conversation.label).toBe(`#${external.get(conversation.id)}`);
			expect(conversation.label).not.toBe(`#${conversation.id}`);
			expect(conversation.url).toBe(`/conversations/${conversation.id}`);
		}
		// the transcript list shows the same id for the same conversation
		const first = ids[0]!;
		const list = listConversations(
			db,
			parseConversationQuery(new URLSearchParams(`week=${WEEK}`)).filters,
			parseConversationQuery(new URLSearchParams(`week=${WEEK}`)).position
		);
		expect(list.count).toBeGreaterThan(0);
		expect(external.get(first.id)).toBeDefined();
	});

	it('a conversation no longer stored is named by Parity’s id, without a link', () => {
		const alert = alerts[0]!;
		const gone = alert.conversationUrls[0]!;
		db.sqlite.pragma('foreign_keys = OFF');
		db.sqlite.prepare('DELETE FROM conversations WHERE id = ?').run(gone.id);
		db.sqlite.pragma('foreign_keys = ON');
		const again = alertHistory(db).find((item) => item.id === alert.id)!;
		expect(again.conversationUrls[0]).toEqual({
			id: gone.id,
			label: `Parity #${gone.id} (no longer stored)`,
			url: null
		});
	});
});

describe('two "mix-adjusted" CSAT gaps say which mix and which weeks each is', () => {
	it('the review: the channel × topic mix of the week alone, withheld for too little overlap', () => {
		const csat = page.measures.find((line) => line.id === 'csatPct')!.gap!.adjusted!;
		expect(csat.shown).toBe(false);
		expect(csat.basis).toBe('adjusted to the human channel × topic mix of 2026-W47');
		expect(csat.coverage).toBe('10% of human answered surveys (11 of 107)');
	});

	it('/gaps: the channel × topic mix of its four weeks for all topics, each topic’s channel mix', () => {
		const gaps = gapsPage(db, { week: WEEK });
		if (gaps.state !== 'ready') throw new Error('expected gaps');
		expect(gaps.range.label).toBe('2026-W44–W47');
		const all = gaps.heatmap.cells.find((c) => c.row === 'All topics' && c.column === 'csatPct')!;
		expect(all.detail).toMatch(/^adj\. [+−]\d+ pts$/);
		expect(all.title).toContain(
			`; adjusted to the human channel × topic mix of 2026-W44–W47: ${all.detail!.slice(5)} (`
		);
		const topics = gaps.heatmap.cells.filter(
			(c) => c.row !== 'All topics' && c.title.includes('adjusted to')
		);
		expect(topics.length).toBeGreaterThan(0);
		for (const cell of topics)
			expect(cell.title, cell.row).toContain('adjusted to the human channel mix of 2026-W44–W47');
		expect(gaps.caption).toContain(
			'the gap adjusted to the human mix of the same weeks — All topics to the channel × topic ' +
				'mix, each topic to its channel mix'
		);
		const adjusted = gapsPage(db, { week: WEEK, colour: 'adjusted' });
		if (adjusted.state !== 'ready') throw new Error('expected gaps');
		expect(adjusted.caption).toContain(
			'gap adjusted to the human mix of 2026-W44–W47 — All topics to the channel × topic mix, ' +
				'each topic to its channel mix — raw where'
		);
		const email = gapsPage(db, { week: WEEK, channel: 'email', colour: 'adjusted' });
		if (email.state !== 'ready') throw new Error('expected gaps');
		expect(email.caption).toContain(
			'All topics to the topic mix, each topic within one channel has none to adjust'
		);
		const csv = gapsCsv(db, { week: WEEK })!.csv.split('\r\n');
		expect(csv[0]!.endsWith(',Mix-adjusted to')).toBe(true);
		expect(csv.find((line) => line.startsWith('All topics,CSAT,'))).toMatch(
			/,human channel × topic mix of 2026-W44–W47$/
		);
	});
});
