import { describe, expect, it } from 'vitest';
import { formatEffect, formatValue, isWorse, thresholdText } from './measures';

describe('measure formatting', () => {
	it('shows shares as percents and their changes in points, with a real minus sign', () => {
		expect(formatValue('csatPct', 0.64)).toBe('64%');
	});

	// The emails wrote "1.0 pts" with a formatter of their own while the pages wrote "+1 pt".
	it('writes changes with the pages\' one formatter: whole points, "1 pt", a real minus sign', () => {
		expect(formatEffect('csatPct', -0.082)).toBe('−8 pts');
		expect(formatEffect('repeatRate', 0.031)).toBe('+3 pts');
		expect(formatEffect('csatPct', 0.01)).toBe('+1 pt');
		expect(formatEffect('csatPct', 0)).toBe('0 pts');
	});

	it("writes a rule's threshold exactly: it is a setting, not a measurement", () => {
		expect(thresholdText('csatPct', 0.05)).toBe('5 pts');
		expect(thresholdText('csatPct', 0.025)).toBe('2.5 pts');
		expect(thresholdText('csatPct', 0.01)).toBe('1 pt');
		expect(thresholdText('endSentimentMean', 0.1)).toBe('0.10');
		// half the sentiment minimum (0.05), as the review's "since" states it
		expect(thresholdText('endSentimentMean', 0.025)).toBe('0.025');
		expect(thresholdText('firstResponseTime', 300)).toBe('5 min');
	});

	it('shows sentiment and scores to two decimals, and times in readable units', () => {
		expect(formatValue('endSentimentMean', -0.123)).toBe('−0.12');
		expect(formatEffect('endSentimentMean', 0.3)).toBe('+0.30');
		expect(formatValue('csatMean', 4.2)).toBe('4.20');
		expect(formatValue('firstResponseTime', 45)).toBe('45 s');
		expect(formatValue('firstResponseTime', 360)).toBe('6 min');
		expect(formatValue('resolutionTime', 5 * 3600)).toBe('5.0 h');
		expect(formatEffect('firstResponseTime', -120)).toBe('−2 min');
		expect(formatValue('csatPct', null)).toBe('–');
	});

	it('knows which direction is worse for each measure', () => {
		expect(isWorse('csatPct', -0.01)).toBe(true);
		expect(isWorse('repeatRate', -0.01)).toBe(false);
		expect(isWorse('escalationRate', 0.02)).toBe(true);
	});
});
