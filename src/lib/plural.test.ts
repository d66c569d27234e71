import { describe, expect, it } from 'vitest';
import { count, noun } from './plural';

describe('count', () => {
	it('uses the singular for exactly one and the plural otherwise', () => {
		expect(count(1, 'record')).toBe('1 record');
		expect(count(0, 'record')).toBe('0 records');
		expect(count(2, 'message')).toBe('2 messages');
	});

	it('separates thousands', () => {
		expect(count(11780, 'conversation')).toBe('11,780 conversations');
	});

	it('takes an irregular plural', () => {
		expect(count(1, 'reply', 'replies')).toBe('1 reply');
		expect(count(3, 'reply', 'replies')).toBe('3 replies');
		expect(count(2, 'new conversation')).toBe('2 new conversations');
	});

	it('treats a fraction as plural ("1.5 weeks")', () => {
		expect(noun(1.5, 'week')).toBe('weeks');
		expect(noun(-1, 'week')).toBe('weeks');
	});
});
