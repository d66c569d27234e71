import { describe, expect, it } from 'vitest';
import { DAY_MS, repeatLinks, type RepeatCandidate } from './repeat-contact';

const T0 = Date.UTC(2026, 2, 2, 12);
const at = (days: number) => T0 + days * DAY_MS;
const contact = (id: number, start: number, end: number, topic = 'refunds'): RepeatCandidate => ({
	id,
	startedAt: at(start),
	endAt: at(end),
	topic
});
const asObject = (links: Map<number, number | null>) => Object.fromEntries(links);

describe('repeat contact links', () => {
	it('a chain: each contact is repeated by the next one inside the window, the last by none', () => {
		const links = repeatLinks(
			[contact(3, 6, 6.5), contact(1, 0, 0.5), contact(2, 2, 3), contact(4, 20, 21)],
			7 * DAY_MS,
			false
		);
		expect(asObject(links)).toEqual({ 1: 2, 2: 3, 3: null, 4: null });
	});

	it('window edges: exactly W days after the end counts, a millisecond later does not', () => {
		const exactly = repeatLinks([contact(1, 0, 1), contact(2, 8, 9)], 7 * DAY_MS, false);
		expect(exactly.get(1)).toBe(2);
		const later = repeatLinks(
			[contact(1, 0, 1), { id: 2, startedAt: at(8) + 1, endAt: at(9), topic: 'refunds' }],
			7 * DAY_MS,
			false
		);
		expect(later.get(1)).toBeNull();
	});

	it('measures the window from the end, not the start, and counts a contact opened meanwhile', () => {
		// Open for 10 days; the next contact 15 days after the start is 5 days after the end.
		expect(repeatLinks([contact(1, 0, 10), contact(2, 15, 16)], 7 * DAY_MS, false).get(1)).toBe(2);
		// The customer phones while the email thread is still open.
		expect(repeatLinks([contact(1, 0, 4), contact(2, 1, 1.1)], 7 * DAY_MS, false).get(1)).toBe(2);
	});

	it('same-topic-only looks for the next contact on the same topic', () => {
		const contacts = [
			contact(1, 0, 0.1, 'refunds'),
			contact(2, 1, 1.1, 'delivery'),
			contact(3, 3, 3.1, 'refunds')
		];
		expect(asObject(repeatLinks(contacts, 7 * DAY_MS, false))).toEqual({ 1: 2, 2: 3, 3: null });
		expect(asObject(repeatLinks(contacts, 7 * DAY_MS, true))).toEqual({ 1: 3, 2: null, 3: null });
	});

	it('two contacts starting at the same instant: the later id repeats the earlier', () => {
		expect(asObject(repeatLinks([contact(9, 0, 0.1), contact(5, 0, 0.2)], DAY_MS, false))).toEqual({
			5: 9,
			9: null
		});
	});
});
