import { describe, expect, it } from 'vitest';
import { parseConversationQuery } from '../../domain/conversation-filters';
import { MEASURE_IDS, type MeasureId } from '../analytics/measures';
import { findingHref, hitsCount, MEASURE_DRILL, measureHref } from './present';
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
