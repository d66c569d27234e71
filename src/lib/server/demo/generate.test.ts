import { describe, expect, it } from 'vitest';
import { defaultDemoConfig, demoTruth, regressionEffect } from './config';
import { generateDemo } from './index';

const small = (overrides = {}) =>
	defaultDemoConfig({ endWeek: '2026-W10', weeks: 12, contactsPerWeek: 40, ...overrides });

describe('demo generator', () => {
	it('is reproducible from its seed, and another seed gives other data', () => {
		const a = generateDemo(small({ seed: 3 }));
		const b = generateDemo(small({ seed: 3 }));
		const c = generateDemo(small({ seed: 4 }));
		expect([...b.sources.values()]).toEqual([...a.sources.values()]);
		expect([...c.sources.values()]).not.toEqual([...a.sources.values()]);
	});

	it('spans the requested weeks, ending with the end week, with every handler and channel', () => {
		const { sources, conversations, messages } = generateDemo(small());
		const records = [...sources.values()].flat().map((line) => JSON.parse(line));
		expect(records).toHaveLength(conversations);
		expect(messages / conversations).toBeGreaterThan(3);
		const starts = records.map((record) => Date.parse(record.started_at));
		// 2026-W10 ends on Sunday 8 March 2026 (UTC); twelve weeks start on Monday 15 December 2025.
		expect(Math.min(...starts)).toBeGreaterThanOrEqual(Date.parse('2025-12-15T00:00:00Z'));
		expect(Math.max(...starts)).toBeLessThan(Date.parse('2026-03-09T00:00:00Z'));
		expect(new Set(records.map((record) => record.channel))).toEqual(
			new Set(['email', 'web', 'voice', 'social', 'chat', 'messaging'])
		);
		const roles = (record: { messages: Array<{ role: string }> }) =>
			new Set(record.messages.map((message) => message.role));
		expect(records.some((r) => roles(r).has('ai') && !roles(r).has('agent'))).toBe(true);
		expect(records.some((r) => roles(r).has('ai') && roles(r).has('agent'))).toBe(true);
		expect(records.some((r) => !roles(r).has('ai') && roles(r).has('agent'))).toBe(true);
		// Surveys: answered, offered but unanswered, and not offered.
		expect(records.some((r) => r.csat?.score != null)).toBe(true);
		expect(records.some((r) => r.csat?.offered && r.csat.score === null)).toBe(true);
		expect(records.some((r) => r.csat === null)).toBe(true);
		// A voice call carries only a phone number; some web forms carry it with the email.
		expect(
			records
				.filter((r) => r.channel === 'voice')
				.every((r) => r.customer.phone && !r.customer.email)
		).toBe(true);
		expect(records.some((r) => r.customer.phone && r.customer.email)).toBe(true);
	});

	it('reports what it injected, and nothing when asked for none', () => {
		const config = small();
		expect(
			demoTruth(config).map((effect) => [effect.regression, effect.weeks[0], effect.weeks.length])
		).toEqual([
			['AI on disputes gets worse', '2026-W07', 4],
			['email slowly drifts', '2026-W01', 10]
		]);
		expect(demoTruth(small({ regressions: [] }))).toEqual([]);
		const contact = {
			handler: 'ai' as const,
			channel: 'chat' as const,
			topic: 'disputes' as const,
			source: 'x'
		};
		expect(regressionEffect(config, contact, 8)).toBe(0);
		expect(regressionEffect(config, contact, 9)).toBe(0.35);
		expect(regressionEffect(config, { ...contact, channel: 'email' }, 5)).toBeCloseTo(0.06, 12);
		expect(regressionEffect(config, { ...contact, handler: 'human' }, 12)).toBe(0);
	});

	it('scales its volume', () => {
		const one = generateDemo(small({ scale: 1 })).conversations;
		const three = generateDemo(small({ scale: 3 })).conversations;
		expect(three / one).toBeGreaterThan(2.6);
		expect(three / one).toBeLessThan(3.4);
	});
});
