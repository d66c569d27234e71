import { describe, expect, it } from 'vitest';
import { parseSearch, searchNotes } from './search';

describe('searchNotes', () => {
	it('says nothing of an ordinary search', () => {
		expect(searchNotes('refund "still waiting"')).toEqual([]);
		expect(searchNotes('')).toEqual([]);
		// A hyphen inside a word is a separator, not an exclusion.
		expect(searchNotes('e-mail re-sent')).toEqual([]);
	});

	it('says when the input has nothing to search for', () => {
		expect(searchNotes(' 💳 ')).toEqual([
			'“💳” has no letters or digits to search for: the list is not narrowed by it.'
		]);
	});

	it('says a leading minus does not exclude', () => {
		expect(searchNotes('card -refund')).toEqual([
			'A minus sign does not leave words out: every word is looked for (“-refund” finds conversations with “refund”).'
		]);
	});

	it('says when words beyond the limit are left out', () => {
		const nine = 'one two three four five six seven eight nine';
		expect(parseSearch(nine)).toHaveLength(8);
		expect(searchNotes(nine)).toEqual(['Only the first 8 words and phrases are looked for.']);
		expect(searchNotes('one two three four five six seven eight')).toEqual([]);
	});
});
