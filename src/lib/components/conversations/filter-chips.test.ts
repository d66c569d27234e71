import { describe, expect, it } from 'vitest';
import { filterChips, handlerText, weekText } from './filter-chips';

describe('handlerText', () => {
	it('names a choice by its label and any other set of handlers with "or"', () => {
		expect(handlerText('ai,hybrid')).toBe('Started by the AI');
		expect(handlerText('ai')).toBe('AI only');
		expect(handlerText('human,none')).toBe('Human or Unanswered');
	});
});

describe('weekText', () => {
	it('names one week, or the span of several ending with it', () => {
		expect(weekText({ handlers: [], signals: [] })).toBe('');
		expect(weekText({ week: '2025-W10', handlers: [], signals: [] })).toBe('Week 2025-W10');
		// four weeks ending with W02 start in the previous ISO year (2024 has 52 weeks)
		expect(weekText({ week: '2025-W02', weeks: 4, handlers: [], signals: [] })).toBe(
			'Weeks 2024-W51 to 2025-W02'
		);
	});
});

describe('filterChips', () => {
	it('names each active filter, in the order of the form, with the list without it', () => {
		const chips = filterChips(
			{
				q: 'refund',
				week: '2025-W10',
				weeks: 2,
				handlers: ['ai', 'hybrid'],
				topic: 'billing',
				csat: 'low',
				signals: ['escalated', 'ai-loop']
			},
			(name) => (name === 'billing' ? 'Billing' : name)
		);
		const rest = 'week=2025-W10&weeks=2&handler=ai,hybrid&topic=billing&csat=low';
		expect(chips).toEqual([
			{
				label: '“refund”',
				href: `/conversations?${rest}&signal=escalated&signal=ai-loop`
			},
			{
				label: 'Weeks 2025-W09 to 2025-W10',
				href: '/conversations?handler=ai,hybrid&topic=billing&csat=low&signal=escalated&signal=ai-loop&q=refund'
			},
			{
				label: 'Started by the AI',
				href: '/conversations?week=2025-W10&weeks=2&topic=billing&csat=low&signal=escalated&signal=ai-loop&q=refund'
			},
			{
				label: 'Billing',
				href: '/conversations?week=2025-W10&weeks=2&handler=ai,hybrid&csat=low&signal=escalated&signal=ai-loop&q=refund'
			},
			{
				label: 'CSAT: Low (answered, not top-2)',
				href: '/conversations?week=2025-W10&weeks=2&handler=ai,hybrid&topic=billing&signal=escalated&signal=ai-loop&q=refund'
			},
			{
				label: 'Escalated to a human',
				href: `/conversations?${rest}&signal=ai-loop&q=refund`
			},
			{
				label: 'AI loop',
				href: `/conversations?${rest}&signal=escalated&q=refund`
			}
		]);
	});

	it('names a measure’s subset in words, as the list counts it', () => {
		const chips = filterChips(
			{ week: '2025-W10', handlers: ['human'], subset: 'negative-end', signals: [] },
			(name) => name
		);
		expect(chips.at(-1)).toEqual({
			label: 'Ended negative (answered a reply; end sentiment below −0.05)',
			href: '/conversations?week=2025-W10&handler=human'
		});
		const repeat = filterChips({ handlers: [], subset: 'repeat', signals: [] }, (n) => n);
		expect(repeat.map((chip) => chip.label)).toEqual(['Came back within the repeat window']);
		const offered = filterChips({ handlers: [], csat: 'offered', signals: [] }, (n) => n);
		expect(offered.map((chip) => chip.label)).toEqual(['CSAT: Offered (answered or not)']);
	});

	it('has no chips without filters', () => {
		expect(filterChips({ handlers: [], signals: [] }, (name) => name)).toEqual([]);
	});
});
