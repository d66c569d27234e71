import { describe, expect, it } from 'vitest';
import { normalizeCsatAnswer } from './csat';

const score = (value: string | null, scale: Parameters<typeof normalizeCsatAnswer>[1]) =>
	normalizeCsatAnswer(value, scale);

describe('CSAT normalisation to 1..5', () => {
	it('maps numeric scales linearly, lowest point to 1 and highest to 5', () => {
		expect(score('1', '1-5')).toEqual({ score: 1, top2: false });
		expect(score('4', '1-5')).toEqual({ score: 4, top2: true });
		expect(score('2', '1-3')).toEqual({ score: 3, top2: false });
		expect(score('3', '1-3')).toEqual({ score: 5, top2: true });
		expect(score('4', '1-7')).toEqual({ score: 3, top2: false });
		expect(score('6', '1-7')).toEqual({ score: 1 + 20 / 6, top2: true });
		expect(score('8', '1-10')).toEqual({ score: 1 + 28 / 9, top2: false });
		expect(score('9', '1-10')).toEqual({ score: 1 + 32 / 9, top2: true });
		expect(score('0', '0-10')).toEqual({ score: 1, top2: false });
		expect(score('5', '0-10')).toEqual({ score: 3, top2: false });
		expect(score('9', '0-10')).toEqual({ score: 4.6, top2: true });
		expect(score('10', '0-10')).toEqual({ score: 5, top2: true });
		expect(score('4,5', '1-5')).toEqual({ score: 4.5, top2: true });
	});

	it('reads good/bad, thumbs and faces', () => {
		expect(score('Good', 'good-bad')).toEqual({ score: 5, top2: true });
		expect(score('bad', 'good-bad')).toEqual({ score: 1, top2: false });
		expect(score('👍🏽', 'thumbs')).toEqual({ score: 5, top2: true });
		expect(score('thumbs down', 'thumbs')).toEqual({ score: 1, top2: false });
		expect(score('😡', 'emoji')).toEqual({ score: 1, top2: false });
		expect(score('😐', 'emoji')).toEqual({ score: 3, top2: false });
		expect(score('🙂', 'emoji')).toEqual({ score: 4, top2: true });
		expect(score('☹️', 'emoji')).toEqual({ score: 2, top2: false });
		expect(score('🤩', 'emoji')).toEqual({ score: 5, top2: true });
		expect(score('3', 'emoji')).toEqual({ score: 3, top2: false });
	});

	it('treats a missing or unreadable answer as unanswered, never guessed', () => {
		expect(score(null, '1-5')).toBeNull();
		expect(score('  ', '1-5')).toBeNull();
		expect(score('7', '1-5')).toBeNull();
		expect(score('0', '1-10')).toBeNull();
		expect(score('meh', 'good-bad')).toBeNull();
		expect(score('🐱', 'emoji')).toBeNull();
	});
});
