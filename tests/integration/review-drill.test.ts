import { beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/lib/server/db/client';
import { reviewPage } from '../../src/lib/server/dashboard/review';
import type { ReviewReady } from '../../src/lib/server/dashboard/review-types';
import { defaultDemoConfig, loadDemo } from '../../src/lib/server/demo/index';
import { testDb } from '../helpers/db';
import { listedBy } from '../helpers/links';

/**
 * The review's headline numbers on a small demo data set through the real pipeline: each
 * number's link opens exactly the conversations it rests on (PRODUCT.md: every aggregate
 * drills down to its conversations). The walkthrough found the AI CSAT "65%" (n = 71 answered
 * surveys) linking to all 503 AI conversations.
 */

const WEEK = '2026-W47';
let db: DbHandle;
let page: ReviewReady;

beforeAll(async () => {
	db = testDb();
	const loaded = await loadDemo(
		db,
		defaultDemoConfig({ endWeek: WEEK, weeks: 3, warmupWeeks: 1, scale: 0.4 })
	);
	expect(loaded.reports.every((report) => report.status !== 'failed')).toBe(true);
	const review = reviewPage(db, { week: WEEK });
	if (review.state !== 'ready') throw new Error('expected a review');
	page = review;
}, 120_000);

const opened = (href: string) => listedBy(db, href);

const line = (id: string) => [...page.measures, ...page.more].find((l) => l.id === id)!;

describe('a headline number opens the conversations it rests on', () => {
	it.each([
		'csatPct',
		'csatMean',
		'escalationRate',
		'abandonmentRate',
		'frustrationRate',
		'repeatedAfterHandoffRate',
		'csatResponseRate',
		'endSentimentMean',
		'sentimentDeltaMean',
		'negativeEndRate',
		'repeatRate',
		'firstResponseTime',
		'resolutionTime'
	])('%s: the value links to its n conversations, on each side', (id) => {
		for (const side of [line(id).ai, line(id).human]) {
			if (!side) continue;
			expect(side.n).toBeGreaterThan(0);
			expect(opened(side.href)).toBe(side.n);
		}
	});

	it('CSAT links to the answered surveys, and its count to those not satisfied', () => {
		const ai = line('csatPct').ai!;
		expect(ai.href).toBe(`/conversations?week=${WEEK}&handler=ai,hybrid&csat=answered`);
		const unsatisfied = Number(ai.hits!.text.replace(/\D/g, ''));
		expect(ai.hits!.text).toBe(`${unsatisfied} not satisfied`);
		expect(ai.hits!.href).toBe(`/conversations?week=${WEEK}&handler=ai,hybrid&csat=low`);
		expect(opened(ai.hits!.href)).toBe(unsatisfied);
		expect(`${Math.round(((ai.n - unsatisfied) / ai.n) * 100)}%`).toBe(ai.value);
		expect(line('csatPct').human!.href).toBe(
			`/conversations?week=${WEEK}&handler=human&csat=answered`
		);
	});

	it('escalation links to the AI-started conversations, and its count to the escalated ones', () => {
		const ai = line('escalationRate').ai!;
		expect(ai.href).toBe(`/conversations?week=${WEEK}&handler=ai,hybrid`);
		expect(ai.hits!.href).toBe(`/conversations?week=${WEEK}&handler=ai,hybrid&signal=escalated`);
		const escalated = Number(ai.hits!.text.replace(/\D/g, ''));
		expect(ai.hits!.text).toBe(`${escalated} escalated`);
		expect(escalated).toBeGreaterThan(0);
		expect(opened(ai.hits!.href)).toBe(escalated);
		// hand-overs are the AI's conversations a human finished
		expect(escalated).toBe(page.volume.handedOver);
	});
});

describe('a rate without a signal of its own opens its numerator', () => {
	it.each([
		['negativeEndRate', 'negative-end', 'ended negative'],
		['repeatRate', 'repeat', 'came back'],
		['csatResponseRate', 'unanswered', 'unanswered']
	])('%s: its count links to the %s conversations, on each side', (id, filter, word) => {
		for (const side of [line(id).ai, line(id).human]) {
			if (!side) continue;
			expect(side.hits, id).not.toBeNull();
			const count = Number(side.hits!.text.replace(/\D/g, ''));
			expect(side.hits!.text).toBe(`${count} ${word}`);
			expect(side.hits!.href).toContain(`=${filter}`);
			expect(count).toBeGreaterThan(0);
			expect(opened(side.hits!.href)).toBe(count);
		}
	});
});

describe('repeat contact on the review of the week just ended', () => {
	it('shows the week before, tagged, with the reason in the row', () => {
		const repeat = line('repeatRate');
		expect(repeat.note).toBe(
			'Not known yet for 2026-W47: its customers may still come back within the repeat ' +
				'window; shown for 2026-W46, the latest week it is known.'
		);
		expect(repeat.ai?.week).toBe('W46');
		expect(repeat.human?.week).toBe('W46');
		expect(repeat.gap?.week).toBe('W46');
		expect(repeat.ai!.href).toBe(
			'/conversations?week=2026-W46&handler=ai,hybrid&subset=repeat-eligible'
		);
		expect(repeat.ai!.hits!.href).toBe(
			'/conversations?week=2026-W46&handler=ai,hybrid&subset=repeat'
		);
	});
});
