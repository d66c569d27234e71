import { describe, expect, it } from 'vitest';
import { parseConversationQuery } from '../../domain/conversation-filters';
import { resolveSettings } from '../analytics/settings';
import { MEASURE_IDS, type MeasureId } from '../analytics/measures';
import {
	findingDrill,
	findingFlag,
	findingHref,
	hitsCount,
	MEASURE_DRILL,
	measureHref
} from './present';
import type { Finding } from '../analytics/regressions';

/**
 * Every measure's drill-down link names the list filter of the conversations it counts
 * (PRODUCT.md: every aggregate drills down to its conversations). The counts behind each
 * filter are checked against the rollups in tests/integration/measure-drill.test.ts.
 */

const WHERE = {
	week: '2026-W10',
	group: 'human' as const,
	scope: { channel: 'email' as const, topic: 'refunds' }
};

/** The measure filters a link carries (everything but week, side and segment). */
function carried(href: string): Record<string, string> {
	const params = new URL(href, 'http://parity.test').searchParams;
	for (const key of ['week', 'weeks', 'handler', 'channel', 'topic', 'source']) params.delete(key);
	return Object.fromEntries(params);
}

const EXPECTED: Record<MeasureId, { hits: Record<string, string>; base: Record<string, string> }> =
	{
		csatPct: { hits: { csat: 'low' }, base: { csat: 'answered' } },
		csatMean: { hits: { csat: 'answered' }, base: { csat: 'answered' } },
		csatResponseRate: { hits: { csat: 'unanswered' }, base: { csat: 'offered' } },
		endSentimentMean: {
			hits: { subset: 'sentiment', order: 'end-sentiment' },
			base: { subset: 'sentiment', order: 'end-sentiment' }
		},
		sentimentDeltaMean: { hits: { subset: 'sentiment' }, base: { subset: 'sentiment' } },
		negativeEndRate: { hits: { subset: 'negative-end' }, base: { subset: 'ending-known' } },
		repeatRate: { hits: { subset: 'repeat' }, base: { subset: 'repeat-eligible' } },
		escalationRate: { hits: { signal: 'escalated' }, base: {} },
		repeatedAfterHandoffRate: { hits: { signal: 'escalated' }, base: { signal: 'escalated' } },
		abandonmentRate: { hits: { signal: 'abandoned' }, base: {} },
		frustrationRate: { hits: { subset: 'frustrated' }, base: {} },
		firstResponseTime: {
			hits: { subset: 'first-response', order: 'first-response' },
			base: { subset: 'first-response', order: 'first-response' }
		},
		resolutionTime: {
			hits: { subset: 'resolution', order: 'resolution' },
			base: { subset: 'resolution', order: 'resolution' }
		}
	};

describe('measureHref', () => {
	it.each(MEASURE_IDS)('%s: its links carry the filters of its hits and its n', (id) => {
		expect(carried(measureHref(id, WHERE))).toEqual(EXPECTED[id].hits);
		expect(carried(measureHref(id, WHERE, 'base'))).toEqual(EXPECTED[id].base);
	});

	it('keeps the week, side and segment, and the list reads every filter it writes', () => {
		const href = measureHref('negativeEndRate', { ...WHERE, weeks: 4, source: 'Zendesk' });
		expect(href).toBe(
			'/conversations?week=2026-W10&weeks=4&handler=human&channel=email&topic=refunds&source=Zendesk&subset=negative-end'
		);
		for (const id of MEASURE_IDS) {
			for (const part of ['hits', 'base'] as const) {
				const url = new URL(measureHref(id, WHERE, part), 'http://parity.test');
				expect(parseConversationQuery(url.searchParams).ignored).toEqual([]);
			}
		}
	});

	it('a finding links to its measure’s conversations in its segment', () => {
		const finding = {
			measure: 'repeatRate',
			kind: 'baseline',
			week: '2026-W10',
			group: 'aiStarted',
			scope: { channel: 'chat', topic: null },
			current: { from: '2026-W10' }
		} as unknown as Finding;
		expect(findingHref(finding)).toBe(
			'/conversations?week=2026-W10&handler=ai,hybrid&channel=chat&subset=repeat'
		);
	});
});

describe('hitsCount', () => {
	it('is the numerator of a rate, or what it misses for the response rate', () => {
		expect(hitsCount('negativeEndRate', 0.25, 40)).toBe(10);
		expect(hitsCount('repeatRate', 0.1, 30)).toBe(3);
		// 30 of 40 surveys answered: the link opens the 10 left unanswered
		expect(hitsCount('csatResponseRate', 0.75, 40)).toBe(10);
		expect(MEASURE_DRILL.csatResponseRate.hits?.word).toBe('unanswered');
		// 20% of 50 frustrated: the link opens those 10
		expect(hitsCount('frustrationRate', 0.2, 50)).toBe(10);
	});

	it('is none for a mean or a rate without a hits filter', () => {
		expect(hitsCount('resolutionTime', 3600, 12)).toBeNull();
		expect(hitsCount('repeatedAfterHandoffRate', 0.2, 50)).toBeNull();
	});
});

describe('findingDrill: a finding’s links say how many conversations their lists hold', () => {
	const finding = (over: Partial<Finding>): Finding =>
		({
			kind: 'drift',
			week: '2026-W47',
			group: 'aiStarted',
			scope: { channel: null, topic: 'disputes' },
			measure: 'escalationRate',
			current: { value: 0.3, n: 40, from: '2026-W47', to: '2026-W47' },
			// the segment's conversations: what the link was labelled with before
			conversations: 40,
			...over
		}) as unknown as Finding;

	it('AI escalation on disputes, 30% of 40: "12 escalated" of "40 AI-started conversations"', () => {
		// The QA case: "40 conversations →" opened the 12 escalated.
		expect(findingDrill(finding({}))).toEqual({
			weeks: '2026-W47',
			hits: {
				count: 12,
				text: '12 escalated',
				href: '/conversations?week=2026-W47&handler=ai,hybrid&topic=disputes&signal=escalated'
			},
			all: {
				count: 40,
				text: '40 AI-started conversations',
				href: '/conversations?week=2026-W47&handler=ai,hybrid&topic=disputes'
			}
		});
	});

	it('counts the week the list opens, not the segment: ended negative 58 of 372 among 396', () => {
		const drill = findingDrill(
			finding({
				group: 'human',
				scope: { channel: null, topic: null },
				measure: 'negativeEndRate',
				current: { value: 58 / 372, n: 372, from: '2026-W47', to: '2026-W47' },
				conversations: 396
			})
		);
		expect(drill.hits?.text).toBe('58 ended negative');
		expect(drill.all.text).toBe('372 conversations where the customer replied');
		expect(drill.hits?.href).toBe('/conversations?week=2026-W47&handler=human&subset=negative-end');
		expect(drill.all.href).toBe('/conversations?week=2026-W47&handler=human&subset=ending-known');
	});

	it('a two-week finding opens both weeks, and says so', () => {
		const drill = findingDrill(
			finding({
				kind: 'recent',
				measure: 'csatPct',
				current: { value: 0.75, n: 80, from: '2026-W46', to: '2026-W47' }
			})
		);
		expect(drill.weeks).toBe('2026-W46–W47');
		// CSAT's hits are the answers that were not satisfied: 80 − 60
		expect(drill.hits).toMatchObject({ count: 20, text: '20 not satisfied' });
		expect(drill.hits?.href).toBe(
			'/conversations?week=2026-W47&weeks=2&handler=ai,hybrid&topic=disputes&csat=low'
		);
		expect(drill.all).toMatchObject({ count: 80, text: '80 answered surveys' });
	});

	it('a gap finding counts both sides, each from its own rate', () => {
		const drill = findingDrill(
			finding({
				kind: 'gap',
				group: 'gap',
				measure: 'negativeEndRate',
				// AI 10 of 50, human 6 of 60
				current: {
					value: 0.2 - 0.1,
					n: 50,
					nHuman: 60,
					sides: { ai: 0.2, human: 0.1 },
					from: '2026-W47',
					to: '2026-W47'
				}
			})
		);
		expect(drill.hits).toMatchObject({ count: 16, text: '16 ended negative' });
		expect(drill.all).toMatchObject({
			count: 110,
			text: '110 conversations where the customer replied'
		});
		expect(drill.hits?.href).toContain('handler=ai,hybrid,human');
	});

	it('a mean has no hits: one link, to its n', () => {
		const drill = findingDrill(
			finding({
				measure: 'endSentimentMean',
				current: { value: -0.2, n: 35, from: '2026-W47', to: '2026-W47' }
			})
		);
		expect(drill.hits).toBeNull();
		expect(drill.all).toMatchObject({ count: 35, text: '35 conversations' });
	});
});

describe('findingFlag: the measure table’s flag states its own test, weeks and effect', () => {
	it('a drift beside a Δ of another test (QA: "Δ +2 pts (−1 to +7)" beside "Significant regression")', () => {
		const drift = {
			kind: 'drift',
			week: '2026-W47',
			group: 'human',
			scope: { channel: null, topic: null },
			measure: 'negativeEndRate',
			current: { value: 0.156, n: 372, from: '2026-W47', to: '2026-W47' },
			baseline: {
				value: 0.104,
				n: 2045,
				from: '2026-W32',
				to: '2026-W39',
				covered: { from: '2026-W34', to: '2026-W39', weeks: 6, of: 8 }
			},
			ewma: 0.154,
			effect: 0.05,
			ci: { lo: 0.031, hi: 0.069 },
			q: 0.00005,
			worse: true
		} as unknown as Finding;
		expect(findingFlag(drift, resolveSettings())).toEqual({
			worse: true,
			text: 'Slow drift for the worse, smoothed (EWMA) over 2026-W40–W47 vs 2026-W34–W39: +5 pts (+3 to +7), q<0.001'
		});
		const week = {
			...drift,
			kind: 'baseline',
			baseline: { value: 0.13, n: 2900, from: '2026-W39', to: '2026-W46' },
			effect: 0.06,
			ci: { lo: 0.02, hi: 0.1 },
			q: 0.012
		} as unknown as Finding;
		expect(findingFlag(week, resolveSettings()).text).toBe(
			'Significant regression, in 2026-W47 vs 2026-W39–W46: +6 pts (+2 to +10), q=0.012'
		);
		// 4.995 pts beside a rule that fires at 5: never "+5 pts"
		const near = { ...drift, effect: 0.04995324173273259 } as Finding;
		expect(findingFlag(near, resolveSettings()).text).toContain(': +4.995 pts (+3 to +7)');
		// an alert rule's own bar counts as well: 3.97 pts against a rule at 4 pts
		const rule = { ...drift, effect: 0.0397 } as Finding;
		expect(findingFlag(rule, resolveSettings()).text).toContain(': +4 pts');
		expect(findingFlag(rule, resolveSettings(), [0.04]).text).toContain(': +3.97 pts');
	});
});
