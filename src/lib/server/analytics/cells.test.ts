import { describe, expect, it } from 'vitest';
import { ROLLUP_COUNT_FIELDS, rollupColumn } from '../../domain/rollup-fields';
import { addCounts, ALL, makeCell, RollupIndex, scopeContains, zeroCounts } from './cells';

describe('counts', () => {
	it('addCounts adds every field of the contract', () => {
		const ones = zeroCounts();
		for (const field of ROLLUP_COUNT_FIELDS) ones[field] = 1;
		const total = zeroCounts();
		addCounts(total, ones);
		addCounts(total, ones);
		for (const field of ROLLUP_COUNT_FIELDS) expect(total[field], field).toBe(2);
		expect(Object.keys(zeroCounts()).sort()).toEqual([...ROLLUP_COUNT_FIELDS].sort());
	});

	it('names columns as drizzle snake_case does', () => {
		expect(rollupColumn('csatTop2')).toBe('csat_top2');
		expect(rollupColumn('sentimentEndSumSq')).toBe('sentiment_end_sum_sq');
		expect(rollupColumn('firstResponseN')).toBe('first_response_n');
		expect(rollupColumn('conversations')).toBe('conversations');
	});
});

describe('RollupIndex', () => {
	const week = '2026-W10';
	const index = new RollupIndex([
		makeCell({ week, handler: 'ai', channel: 'chat', topic: 'a' }, { conversations: 1 }),
		makeCell({ week, handler: 'hybrid', channel: 'chat', topic: 'a' }, { conversations: 2 }),
		makeCell(
			{ week, handler: 'ai', channel: 'chat', topic: 'a', source: 'other-tool' },
			{ conversations: 4 }
		),
		makeCell({ week, handler: 'human', channel: 'email', topic: 'b' }, { conversations: 8 }),
		makeCell(
			{ week: '2026-W11', handler: 'ai', channel: 'email', topic: 'a' },
			{ conversations: 16 }
		)
	]);

	it('sums sources together and rolls up to coarser scopes', () => {
		expect(index.get(week, 'aiOnly', { channel: 'chat', topic: 'a' }).conversations).toBe(5);
		expect(index.get(week, 'aiStarted', { channel: 'chat', topic: 'a' }).conversations).toBe(7);
		expect(index.get(week, 'aiStarted', ALL).conversations).toBe(7);
		expect(index.get(week, 'human', { channel: null, topic: 'b' }).conversations).toBe(8);
		expect(
			index.sum([week, '2026-W11'], 'aiStarted', { channel: null, topic: 'a' }).conversations
		).toBe(23);
		expect(index.get('2026-W12', 'human', ALL).conversations).toBe(0);
		expect(index.get(week, 'human', { channel: 'voice', topic: null }).conversations).toBe(0);
	});

	it('lists scopes per level', () => {
		expect(index.weeks).toEqual([week, '2026-W11']);
		expect(index.scopes(['channelTopic'])).toEqual([
			{ channel: 'chat', topic: 'a' },
			{ channel: 'email', topic: 'a' },
			{ channel: 'email', topic: 'b' }
		]);
		expect(index.scopes(['all', 'channel', 'topic', 'channelTopic'])).toHaveLength(1 + 2 + 2 + 3);
		expect(scopeContains(ALL, { channel: 'chat', topic: 'a' })).toBe(true);
		expect(scopeContains({ channel: 'chat', topic: null }, { channel: 'email', topic: 'a' })).toBe(
			false
		);
	});
});
