import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RollupCell } from '../../src/lib/domain/rollup';
import { addWeeks } from '../../src/lib/domain/time';
import { firstWeekNeeded, weeklyReview } from '../../src/lib/server/analytics/report';
import { simulate } from '../../src/lib/server/analytics/simulate';
import { pointHref, trendTable } from '../../src/lib/components/charts/measure-trend';
import { openAppDatabase } from '../../src/lib/server/app';
import { BoundedCache } from '../../src/lib/server/dashboard/cache';
import { isDemoSource, weekDates } from '../../src/lib/server/dashboard/context';
import { ALL_TOPICS, gapsCsv, gapsPage } from '../../src/lib/server/dashboard/gaps';
import { LISTED, reviewPage } from '../../src/lib/server/dashboard/review';
import { capitalise } from '../../src/lib/server/dashboard/present';
import { scopeLabel } from '../../src/lib/server/analytics/cells';
import { harmOf } from '../../src/lib/server/analytics/headline';
import { MEASURES } from '../../src/lib/server/analytics/measures';
import { resolveSettings } from '../../src/lib/server/analytics/settings';
import { trendsCsv, trendsPage } from '../../src/lib/server/dashboard/trends';
import { ensureSource } from '../../src/lib/server/db/repos/sources';
import { importFiles } from '../../src/lib/server/ingest/service';
import { topicLabels } from '../../src/lib/server/db/repos/topics';
import { testDb } from '../helpers/db';
import { ndjson, scratchDir, writeFile } from '../helpers/files';
import { insertCells } from '../helpers/rollups';

/**
 * The dashboard's services on a real database with known rollup cells: the simulator's
 * support operation, with the AI's CSAT on chat · refunds knocked down 30 points in the last
 * two weeks. Numbers are checked against sums of the cells written.
 */

const LAST = '2026-W16';
const INJECTED = '2026-W15';
const data = simulate({
	seed: 11,
	firstWeek: '2026-W01',
	weeks: 16,
	channels: ['chat', 'email'],
	topics: ['billing', 'refunds', 'login'],
	volume: { min: 250, max: 400 },
	injections: [
		{
			group: 'aiStarted',
			channel: 'chat',
			topic: 'refunds',
			measure: 'csatPct',
			startWeek: INJECTED,
			delta: -0.35,
			rampWeeks: 1
		}
	]
});

function seeded() {
	const db = testDb();
	insertCells(db, data.cells);
	return db;
}

const sum = (cells: RollupCell[], field: keyof RollupCell) =>
	cells.reduce((total, cell) => total + (cell[field] as number), 0);
const where = (filter: (cell: RollupCell) => boolean) => data.cells.filter(filter);

describe('weekly review page', () => {
	it('says there is nothing yet on an empty database', () => {
		expect(reviewPage(testDb(), {})).toMatchObject({ state: 'empty' });
		expect(trendsPage(testDb(), {})).toMatchObject({ state: 'empty' });
		expect(gapsPage(testDb(), {})).toMatchObject({ state: 'empty' });
	});

	it('names the weeks verdicts are judged on even when a lone week gives no verdict', async () => {
		const db = testDb();
		const file = writeFile(
			scratchDir(),
			'lone.ndjson',
			ndjson([
				{
					id: 'lone',
					channel: 'chat',
					messages: [{ role: 'customer', created_at: '2024-01-03T09:00:00Z', text: 'Hello?' }]
				}
			])
		);
		await importFiles(db, [file]);
		const page = reviewPage(db, { week: '2024-W01' });
		if (page.state !== 'ready') throw new Error('expected a review');
		expect(page.verdicts).toEqual([]);
		// Four weeks ending with the review's (the default verdict window).
		expect(page.verdictWeeks).toBe('2023-W50–2024-W01');
	});

	it('reviews the newest week by default, exactly as the analytics do', () => {
		const db = seeded();
		const page = reviewPage(db, {});
		if (page.state !== 'ready') throw new Error('expected a review');
		expect(page.week).toBe(LAST);
		const cells = data.cells.filter((c) => c.week >= firstWeekNeeded(LAST) && c.week <= LAST);
		// the page names topics as the taxonomy labels them (the test database's is the shipped one)
		const labels = topicLabels(db);
		expect(labels.refunds).toBe('Refunds');
		const review = weeklyReview(cells, LAST, { topicLabels: labels });
		expect(page.headline).toBe(review.headline);
		expect(page.regressionCount).toBe(review.regressions.length);
		expect(page.improvementCount).toBe(review.improvements.length);
		// the most important first: effect in minimum effects × conversations touched
		const settings = resolveSettings({ topicLabels: labels });
		const ranked = [...review.regressions]
			.sort((a, b) => harmOf(b, settings) - harmOf(a, settings))
			.slice(0, LISTED);
		expect(page.regressions.slice(0, ranked.length).map((r) => `${r.where}|${r.measure}`)).toEqual(
			ranked.map((f) => `${scopeLabel(f.scope, labels)}|${capitalise(MEASURES[f.measure].label)}`)
		);
		expect(page.verdicts.map((v) => `${v.topic}:${v.verdict}`)).toEqual(
			review.verdicts.map((v) => `${v.topic}:${v.verdict}`)
		);
		expect(page.weeks[0]).toEqual({ week: LAST, label: `${LAST} · 13–19 Apr 2026` });
		expect(page.previous).toBe('2026-W15');
		expect(page.next).toBeNull();
	});

	it("marks the verdicts that changed since the week before's review, as that review gave them", () => {
		const db = seeded();
		const [now, before] = [reviewPage(db, { week: LAST }), reviewPage(db, { week: INJECTED })];
		if (now.state !== 'ready' || before.state !== 'ready') throw new Error('expected reviews');
		expect(now.verdictsBeforeWeek).toBe(INJECTED);
		const was = new Map(before.verdicts.map((v) => [v.topic, v.label]));
		expect(now.verdicts.map((v) => [v.topic, v.wasLabel])).toEqual(
			now.verdicts.map((v) => [v.topic, was.get(v.topic) === v.label ? null : was.get(v.topic)])
		);
		// The simulator's billing gap crosses the bar in the last week; refunds and login were
		// already sent to humans a week earlier.
		expect(now.verdicts.map((v) => [v.topic, v.wasLabel, v.label])).toEqual([
			['billing', 'AI at parity', 'Send to humans'],
			['refunds', null, 'Send to humans'],
			['login', null, 'Send to humans']
		]);
	});

	it('counts the week and its AI share from the cells', () => {
		const page = reviewPage(seeded(), { week: LAST });
		if (page.state !== 'ready') throw new Error('expected a review');
		const week = where((c) => c.week === LAST);
		const ai = sum(
			week.filter((c) => c.handler !== 'human'),
			'conversations'
		);
		const human = sum(
			week.filter((c) => c.handler === 'human'),
			'conversations'
		);
		expect(page.volume).toMatchObject({ ai, human, total: ai + human });
		expect(page.volume.aiShare).toBe(`${Math.round((ai / (ai + human)) * 100)}%`);
		const csat = page.measures.find((line) => line.id === 'csatPct')!;
		const top2 = sum(
			week.filter((c) => c.handler === 'human'),
			'csatTop2'
		);
		const answered = sum(
			week.filter((c) => c.handler === 'human'),
			'csatAnswered'
		);
		expect(csat.human?.value).toBe(`${Math.round((top2 / answered) * 100)}%`);
		expect(csat.human?.n).toBe(answered);
		// the answered surveys the n counts, and the answers that were not satisfied its count
		expect(csat.human?.href).toBe(`/conversations?week=${LAST}&handler=human&csat=answered`);
		expect(csat.human?.hits).toEqual({
			text: `${(answered - top2).toLocaleString('en')} not satisfied`,
			href: `/conversations?week=${LAST}&handler=human&csat=low`
		});
		// escalation and abandonment are defined for the AI only
		const escalation = page.measures.find((line) => line.id === 'escalationRate')!;
		expect(escalation.human).toBeNull();
		expect(escalation.gap).toBeNull();
	});

	it('finds the injected regression and links it to the conversations behind it', () => {
		const page = reviewPage(seeded(), { week: LAST });
		if (page.state !== 'ready') throw new Error('expected a review');
		const injected = page.regressions.find(
			(row) => row.where === 'Chat · Refunds' && row.measure === 'CSAT' && row.who !== 'Human'
		);
		expect(
			injected,
			page.regressions.map((r) => `${r.who} ${r.where} ${r.measure}`).join('; ')
		).toBeDefined();
		expect(injected!.q).toMatch(/^q[<=]/);
		expect(injected!.ci).toMatch(/ to /);
		const url = new URL(injected!.drill.hits!.href, 'http://parity.test');
		expect(url.pathname).toBe('/conversations');
		expect(url.searchParams.get('channel')).toBe('chat');
		expect(url.searchParams.get('topic')).toBe('refunds');
		expect(url.searchParams.get('week')).toBe(LAST);
		expect(url.searchParams.get('handler')).toMatch(/^ai,hybrid(,human)?$/);
		expect(page.tone).toBe('bad');
	});

	it('replaces a week that is no week, and says so', () => {
		const page = reviewPage(seeded(), { week: '2026-W60' });
		if (page.state !== 'ready') throw new Error('expected a review');
		expect(page.week).toBe(LAST);
		expect(page.notice).toContain('2026-W60');
		const before = reviewPage(seeded(), { week: '2025-W40' });
		expect(before).toMatchObject({ state: 'ready', hasData: false });
	});
});

describe('trends page', () => {
	it('plots each handler week by week from the cells, with the filters applied', () => {
		const page = trendsPage(seeded(), { week: LAST, weeks: 8, channel: 'chat' });
		if (page.state !== 'ready') throw new Error('expected trends');
		expect(page.range).toEqual({ from: '2026-W09', to: LAST });
		const csat = page.charts.find((chart) => chart.id === 'csatPct')!;
		expect(csat.weeks).toEqual(Array.from({ length: 8 }, (_, i) => addWeeks('2026-W09', i)));
		const cells = where((c) => c.week === '2026-W12' && c.channel === 'chat');
		const ai = cells.filter((c) => c.handler !== 'human');
		const point = csat.points.find((p) => p.week === '2026-W12' && p.series === 'ai')!;
		expect(point.value).toBeCloseTo(sum(ai, 'csatTop2') / sum(ai, 'csatAnswered'), 5);
		expect(point.n).toBe(sum(ai, 'csatAnswered'));
		expect(point.low).toBeLessThan(point.value!);
		// a rate's point opens its numerator: the satisfied answers (present.ts MEASURE_DRILL)
		expect(pointHref(csat, point)).toBe(
			'/conversations?week=2026-W12&handler=ai,hybrid&channel=chat&csat=low'
		);
		const hybrid = csat.points.find((p) => p.week === '2026-W12' && p.series === 'hybrid')!;
		const handedOver = cells.filter((c) => c.handler === 'hybrid');
		expect(hybrid.n).toBe(sum(handedOver, 'csatAnswered'));
		// the table holds the points drawn, in percent
		const row = trendTable(csat).rows.find(
			(r) => r.cells[0] === '2026-W12' && r.cells[1] === 'AI'
		)!;
		expect(row.href).toBe(pointHref(csat, point));
		expect(row.cells[2]).toBe(Math.round(point.value! * 1000) / 10);
		expect(row.cells[5]).toBe(point.n);
		// escalation has the AI only
		expect(
			new Set(page.charts.find((c) => c.id === 'escalationRate')!.points.map((p) => p.series))
		).toEqual(new Set(['ai']));
	});

	it('counts each week’s conversations by handler from the cells, with the filters applied', () => {
		const db = seeded();
		const page = trendsPage(db, { week: LAST, weeks: 8, channel: 'email', topic: 'billing' });
		if (page.state !== 'ready') throw new Error('expected trends');
		expect(page.volume.weeks).toEqual(page.charts[0]!.weeks);
		const cells = where(
			(c) => c.week === '2026-W12' && c.channel === 'email' && c.topic === 'billing'
		);
		const of = (handler: string) =>
			sum(
				cells.filter((c) => c.handler === handler),
				'conversations'
			);
		expect(page.volume.counts.find((week) => week.week === '2026-W12')).toEqual({
			week: '2026-W12',
			ai: of('ai'),
			hybrid: of('hybrid'),
			human: of('human')
		});
		expect(of('ai') + of('hybrid') + of('human')).toBeGreaterThan(0);
		expect(page.volume.title).toBe('Conversations by who handled them — Email · Billing');

		const csv = trendsCsv(db, { week: LAST, weeks: 8, measure: 'volume' });
		const lines = csv?.csv.split('\r\n') ?? [];
		expect(lines[0]).toBe('Week,"AI, kept","AI, handed over",Human,Total,AI share (%)');
		const all = where((c) => c.week === LAST);
		const ai = sum(
			all.filter((c) => c.handler !== 'human'),
			'conversations'
		);
		const total = sum(all, 'conversations');
		expect(lines[8]?.split(',').slice(-2)).toEqual([
			String(total),
			String(Math.round((ai / total) * 1000) / 10)
		]);
		expect(csv?.name).toBe('conversations-by-handler-2026-w09-to-2026-w16.csv');
	});

	it('marks the weeks where detection found a regression in the segment shown', () => {
		const db = seeded();
		const page = trendsPage(db, { week: LAST, channel: 'chat', topic: 'refunds' });
		if (page.state !== 'ready') throw new Error('expected trends');
		const csat = page.charts.find((chart) => chart.id === 'csatPct')!;
		const review = reviewPage(db, { week: LAST });
		if (review.state !== 'ready') throw new Error('expected a review');
		const found = review.regressions.filter(
			(r) => r.where === 'Chat · Refunds' && r.measure === 'CSAT'
		);
		expect(csat.markers.filter((m) => m.week === LAST)).toHaveLength(found.length);
		expect(csat.markers.every((m) => m.label.startsWith('Regression in'))).toBe(true);
		// across sources detection is not split by source: no markers, and a note says why
		const bySource = trendsPage(db, { week: LAST, source: 'test' });
		if (bySource.state !== 'ready') throw new Error('expected trends');
		expect(bySource.markersNote).toMatch(/all sources/);
		expect(bySource.charts.every((chart) => chart.markers.length === 0)).toBe(true);
	});
});

describe('gaps page', () => {
	it('computes the AI − human gap per topic over the window, and marks thin cells', () => {
		const page = gapsPage(seeded(), { week: LAST, weeks: 4 });
		if (page.state !== 'ready') throw new Error('expected gaps');
		expect(page.range.from).toBe('2026-W13');
		expect(page.heatmap.rows[0]).toBe(ALL_TOPICS);
		const window = where((c) => c.week >= '2026-W13' && c.topic === 'refunds');
		const ai = window.filter((c) => c.handler !== 'human');
		const human = window.filter((c) => c.handler === 'human');
		const gap =
			sum(ai, 'csatTop2') / sum(ai, 'csatAnswered') -
			sum(human, 'csatTop2') / sum(human, 'csatAnswered');
		const row = page.table.rows.find((r) => r.cells[0] === 'Refunds' && r.cells[1] === 'CSAT')!;
		expect(row.cells[5]).toBe(Math.round(gap * 1000) / 10);
		expect(row.cells[9]).toBe(sum(ai, 'csatAnswered'));
		const cell = page.heatmap.cells.find((c) => c.row === 'Refunds' && c.column === 'csatPct')!;
		// the AI is worse on CSAT (lower), so the harm is positive: red
		expect(Math.sign(cell.harm!)).toBe(gap < 0 ? 1 : -1);
		expect(cell.href).toBe(
			'/conversations?week=2026-W16&weeks=4&handler=ai,hybrid,human&topic=refunds&csat=low'
		);
		// rows after the overall one run from the most harm to the least
		const harmOf = (topic: string) =>
			Math.max(
				...page.heatmap.cells.filter((c) => c.row === topic && c.harm !== null).map((c) => c.harm!)
			);
		const topics = page.heatmap.rows.slice(1);
		expect([...topics].sort((a, b) => harmOf(b) - harmOf(a))).toEqual(topics);
	});

	it('leaves cells with too few samples uncoloured and says how many there were', () => {
		const db = testDb();
		const small = simulate({
			seed: 5,
			weeks: 2,
			channels: ['email'],
			volume: { min: 20, max: 60 }
		});
		insertCells(db, small.cells);
		const page = gapsPage(db, { weeks: 1 });
		if (page.state !== 'ready') throw new Error('expected gaps');
		const thin = page.heatmap.cells.filter((c) => c.harm === null);
		expect(thin.length).toBeGreaterThan(0);
		for (const cell of thin) {
			expect(cell.text).toBe('too few');
			expect(cell.detail).toMatch(/^n=\d+\/\d+$/);
			expect(cell.title).toContain('needs 30');
		}
		const row = page.table.rows.find((r) => r.cells[13] === 'no');
		expect(row).toBeDefined();
	});
});

describe('names people read', () => {
	it('uses taxonomy labels and channel labels on the review, gaps and trends, ids in links', () => {
		const db = testDb();
		const named = simulate({
			seed: 3,
			firstWeek: '2026-W01',
			weeks: 6,
			channels: ['web', 'email'],
			topics: ['disputes', 'account-access'],
			volume: { min: 200, max: 300 }
		});
		insertCells(db, named.cells);

		const review = reviewPage(db, { week: '2026-W06' });
		if (review.state !== 'ready') throw new Error('expected a review');
		const disputes = review.verdicts.find((v) => v.topic === 'disputes')!;
		expect(disputes.topicLabel).toBe('Disputes and fraud');
		expect(new URL(disputes.href, 'http://x').searchParams.get('topic')).toBe('disputes');
		expect(review.verdicts.map((v) => v.topicLabel).sort()).toEqual([
			'Account access',
			'Disputes and fraud'
		]);

		const gaps = gapsPage(db, { week: '2026-W06', weeks: 4, channel: 'web' });
		if (gaps.state !== 'ready') throw new Error('expected gaps');
		expect(gaps.heatmap.rows.slice(1).sort()).toEqual(['Account access', 'Disputes and fraud']);
		const cell = gaps.heatmap.cells.find((c) => c.row === 'Account access')!;
		expect(new URL(cell.href!, 'http://x').searchParams.get('topic')).toBe('account-access');
		expect(gaps.options.channels).toEqual([
			{ value: 'email', label: 'Email' },
			{ value: 'web', label: 'Web form' }
		]);
		expect(gaps.where).toBe('Web form');
		expect(gaps.heatmap.title).toContain(', Web form');

		const trends = trendsPage(db, { week: '2026-W06', channel: 'web', topic: 'disputes' });
		if (trends.state !== 'ready') throw new Error('expected trends');
		expect(trends.where).toBe('Web form · Disputes and fraud');
		expect(trends.options.topics).toEqual([
			{ value: 'account-access', label: 'Account access' },
			{ value: 'disputes', label: 'Disputes and fraud' }
		]);
		expect(trends.charts[0]!.title).toMatch(/ — Web form · Disputes and fraud$/);
	});
});

describe('caching and demo data', () => {
	it('keeps a page until the database changes, from this connection or another', () => {
		const path = join(scratchDir(), 'parity.db');
		const db = openAppDatabase(path);
		insertCells(db, data.cells);
		const first = reviewPage(db, { week: LAST });
		const again = reviewPage(db, { week: LAST });
		if (first.state !== 'ready' || again.state !== 'ready') throw new Error('expected a review');
		expect(again.measures).toBe(first.measures);

		const other = openAppDatabase(path);
		const extra = { ...data.cells.find((c) => c.week === LAST)!, source: 'another tool' };
		insertCells(other, [{ ...extra, conversations: 1000 }]);
		other.close();
		const after = reviewPage(db, { week: LAST });
		if (after.state !== 'ready') throw new Error('expected a review');
		expect(after.measures).not.toBe(first.measures);
		expect(after.volume.total).toBe(first.volume.total + 1000);
		db.close();
	});

	it('tells the demo sources from imported ones, counting only sources that hold conversations', async () => {
		const db = seeded();
		const dir = scratchDir();
		const one = (id: string) =>
			ndjson([
				{
					id,
					channel: 'chat',
					customer: { email: `${id}@example.com` },
					messages: [{ role: 'customer', created_at: '2026-03-02T09:00:00Z', text: 'Hello' }]
				}
			]);
		await importFiles(db, [writeFile(dir, 'demo.ndjson', one('d1'))], { source: 'Zendesk (demo)' });
		await importFiles(db, [writeFile(dir, 'acme.ndjson', one('a1'))], { source: 'Acme helpdesk' });
		// The banner said "beside those of 2 sources you imported" of a source whose every record
		// was rejected: it holds nothing.
		ensureSource(db, 'Empty desk', 'zendesk');
		const page = reviewPage(db, {});
		expect(page.demo).toEqual({ demoSources: ['Zendesk (demo)'], otherSources: ['Acme helpdesk'] });
		expect(isDemoSource('intercom-demo')).toBe(true);
		expect(isDemoSource('Demographics')).toBe(false);
	});

	it('bounds its cache, dropping the least recently used entry', () => {
		const cache = new BoundedCache<number>(2);
		cache.set('a', 1);
		cache.set('b', 2);
		expect(cache.get('a')).toBe(1);
		cache.set('c', 3);
		expect(cache.get('b')).toBeUndefined();
		expect(cache.get('a')).toBe(1);
		expect(cache.size).toBe(2);
	});

	it('writes week dates in the organisation zone', () => {
		expect(weekDates('2026-W47', 'UTC')).toBe('16–22 Nov 2026');
		expect(weekDates('2026-W44', 'Europe/Berlin')).toBe('26 Oct – 1 Nov 2026');
		expect(weekDates('2026-W01', 'UTC')).toBe('29 Dec 2025 – 4 Jan 2026');
	});
});

describe('CSV downloads', () => {
	it('hold exactly the table, with names from imported data unable to run as formulas', () => {
		const db = testDb();
		const hostile = data.cells
			.filter((c) => c.topic === 'refunds')
			.map((c) => ({ ...c, topic: '=HYPERLINK("http://x","y")', source: '@SUM(1+1)' }));
		insertCells(db, [...data.cells, ...hostile]);
		const gaps = gapsCsv(db, { week: LAST, weeks: 4 });
		expect(gaps).not.toBeNull();
		const lines = gaps!.csv.trimEnd().split('\r\n');
		const page = gapsPage(db, { week: LAST, weeks: 4 });
		if (page.state !== 'ready') throw new Error('expected gaps');
		expect(lines).toHaveLength(page.table.rows.length + 1);
		const hostileLine = lines.find((line) => line.includes('HYPERLINK'));
		expect(hostileLine?.startsWith(`"'=HYPERLINK(""http://x"",""y"")",`)).toBe(true);

		const trends = trendsCsv(db, { week: LAST, source: '@SUM(1+1)', measure: 'csatPct' });
		expect(trends?.csv.split('\r\n')[0]).toBe(
			'Week,Handler,CSAT (%),95% CI low (%),95% CI high (%),n (answered surveys),Regression detected'
		);
		expect(trends?.name).toBe('csat-sum-1-1-2026-w04-to-2026-w16.csv');
		expect(trendsCsv(db, { week: LAST, measure: 'firstResponseTime' })).toBeNull();
	});
});
