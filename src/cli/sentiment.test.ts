import { describe, expect, it } from 'vitest';
import { scoreSentiment } from '../lib/server/scoring/sentiment';
import { formatScore, scoreLines } from './sentiment';

describe('parity sentiment', () => {
	it('prints four decimals and never a negative zero', () => {
		expect(formatScore(0.123456)).toBe('0.1235');
		expect(formatScore(-1)).toBe('-1.0000');
		expect(formatScore(-0.00001)).toBe('0.0000');
		expect(formatScore(0)).toBe('0.0000');
	});

	it('scores each complete line (LF or CRLF), empty ones too, and carries the rest', () => {
		const { scores, rest } = scoreLines('good\r\n\nbad\nunfinished');
		expect(scores).toBe(
			[formatScore(scoreSentiment('good')), '0.0000', formatScore(scoreSentiment('bad')), ''].join(
				'\n'
			)
		);
		expect(rest).toBe('unfinished');
	});
});
