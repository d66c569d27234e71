import { describe, expect, it } from 'vitest';
import { GapsQuery, TrendsQuery, ignoredParameters, oneOf, searchObject } from './query';

const raw = (query: string) => searchObject(new URL(`http://parity.test/x?${query}`));

describe('ignoredParameters', () => {
	const trendsExplain = {
		weeks: 'not 8, 13, 26 or 52; showing 13 weeks',
		channel: 'not a channel; showing all channels',
		topic: 'too long; showing all topics',
		source: 'too long; showing all sources'
	};

	it('names a channel the trends page does not know, with what it shows instead', () => {
		const params = raw('channel=fax');
		expect(ignoredParameters(params, TrendsQuery.parse(params), trendsExplain)).toEqual([
			'channel=fax (not a channel; showing all channels)'
		]);
	});

	it('names a span the gaps page does not offer (/gaps?weeks=13)', () => {
		const params = raw('weeks=13&channel=email&colour=sepia');
		expect(
			ignoredParameters(params, GapsQuery.parse(params), {
				weeks: 'not 1, 4 or 8; showing 4 weeks',
				channel: 'not a channel',
				source: 'too long',
				colour: 'not raw or adjusted; showing raw'
			})
		).toEqual([
			'weeks=13 (not 1, 4 or 8; showing 4 weeks)',
			'colour=sepia (not raw or adjusted; showing raw)'
		]);
	});

	it('says nothing of values it read, empty values or the week (the page speaks for that)', () => {
		const params = raw('week=garbage&weeks=26&channel=&topic=refunds');
		expect(ignoredParameters(params, TrendsQuery.parse(params), trendsExplain)).toEqual([]);
	});

	it('cuts a long value to 40 characters', () => {
		const params = raw(`source=${'s'.repeat(250)}`);
		expect(ignoredParameters(params, TrendsQuery.parse(params), trendsExplain)).toEqual([
			`source=${'s'.repeat(40)} (too long; showing all sources)`
		]);
	});
});

describe('oneOf', () => {
	it('joins values for a sentence', () => {
		expect(oneOf([1, 4, 8])).toBe('1, 4 or 8');
		expect(oneOf(['raw', 'adjusted'])).toBe('raw or adjusted');
		expect(oneOf(['chat'])).toBe('chat');
	});
});
