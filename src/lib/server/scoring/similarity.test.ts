import fc from 'fast-check';
import { DiceCoefficient } from 'natural/lib/natural/distance/index.js';
import { describe, expect, it } from 'vitest';
import { dice } from './similarity';

describe('dice similarity', () => {
	it('equals natural’s DiceCoefficient on hand-picked messages', () => {
		const pairs: Array<[string, string]> = [
			['where is my refund', 'Where is my refund??'],
			['My card was charged twice', 'I was charged twice on my card'],
			['a', 'a'],
			['a', 'ab'],
			['  Hello\tthere  ', 'hello there'],
			['I want to cancel', 'Can I speak to a human'],
			['\u00a0refund\u2028now\ufeff', 'refund now'],
			['\u3000 x \u205f', 'x']
		];
		for (const [a, b] of pairs) expect(dice(a, b)).toBeCloseTo(DiceCoefficient(a, b), 12);
	});

	it('equals natural’s DiceCoefficient on arbitrary text, any Unicode', () => {
		const text = fc.oneof(
			fc.string({ maxLength: 40 }),
			fc.string({ maxLength: 20, unit: 'binary' }),
			fc.constantFrom('', ' ', 'İstanbul', 'ÉCRIT', '👍🏽 ok')
		);
		fc.assert(
			fc.property(text, text, (a, b) => {
				const ours = dice(a, b);
				const theirs = DiceCoefficient(a, b);
				return Number.isNaN(theirs) ? Number.isNaN(ours) : Math.abs(ours - theirs) < 1e-12;
			}),
			{ numRuns: 2000 }
		);
	});

	it('is 1 for the same words in another case and spacing, 0 with nothing shared', () => {
		expect(dice('Refund  please', 'refund please')).toBe(1);
		expect(dice('abc', 'xyz')).toBe(0);
	});
});
