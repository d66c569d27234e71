import { describe, expect, it } from 'vitest';
import { weeksBetween } from '../../../domain/time';
import { formatInterval, formatProbability, segmentName, weekDays } from './format';

describe('email formatting', () => {
	it('names the days of a week, across month and year ends', () => {
		expect(weekDays('2026-W47')).toBe('16–22 Nov 2026');
		expect(weekDays('2026-W49')).toBe('30 Nov – 6 Dec 2026');
		expect(weekDays('2026-W01')).toBe('29 Dec 2025 – 4 Jan 2026');
		expect(weeksBetween('2026-W52', '2027-W02')).toBe(3);
	});

	it('writes p and q values without ever showing 0.000', () => {
		expect(formatProbability('p', 0.0000021)).toBe('p < 0.001');
		expect(formatProbability('q', 0.0042)).toBe('q = 0.004');
		expect(formatProbability('q', 0.0312)).toBe('q = 0.03');
	});

	it('writes an interval once with its unit', () => {
		expect(formatInterval('csatPct', { estimate: -0.082, low: -0.121, high: -0.043 })).toBe(
			'−12 to −4 pts'
		);
		expect(formatInterval('endSentimentMean', { estimate: 0.1, low: -0.02, high: 0.22 })).toBe(
			'−0.02 to +0.22'
		);
	});

	it('names segments for people', () => {
		expect(
			segmentName({ handler: 'hybrid', channel: null, topic: null, source: 'zendesk' }, {})
		).toBe('AI → human · all channels · all topics · from zendesk');
	});

	it('names channels and topics by the labels the dashboard uses, not their ids', () => {
		const labels = { disputes: 'Disputes and fraud' };
		expect(
			segmentName({ handler: 'human', channel: 'web', topic: 'disputes', source: null }, labels)
		).toBe('Human agents · Web form · Disputes and fraud');
		expect(
			segmentName({ handler: 'ai', channel: 'email', topic: 'other', source: null }, labels)
		).toBe('AI · Email · Other');
		// A topic the taxonomy no longer has keeps its id rather than vanish.
		expect(
			segmentName({ handler: 'ai', channel: null, topic: 'legacy_tag', source: null }, labels)
		).toBe('AI · all channels · legacy_tag');
	});
});
