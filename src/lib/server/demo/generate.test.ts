import { describe, expect, it } from 'vitest';
import { defaultDemoConfig, regressionEffect } from './config';
import { demoTruth } from './truth';
import { demoRecords, generateDemo } from './index';

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
		const truth = demoTruth(config);
		// twelve weeks to 2026-W10: the step from week 9 (W07), the drift from week 5 (W03)
		expect(
			truth.map((effect) => [effect.regression, effect.weeks[0], effect.weeks.length])
		).toEqual([
			['AI on disputes gets worse', '2026-W07', 4],
			['human email team slowly falls behind', '2026-W03', 8]
		]);
		// a failure moves every outcome; hand-overs and abandonment only where the AI is affected
		expect(truth[0]!.measures).toContain('escalationRate');
		expect(truth[0]!.measures).toContain('csatPct');
		expect(truth[1]!.measures).not.toContain('escalationRate');
		expect(truth[1]!.measures).toContain('negativeEndRate');
		expect(demoTruth(small({ regressions: [] }))).toEqual([]);
		const contact = {
			handler: 'ai' as const,
			channel: 'chat' as const,
			topic: 'disputes' as const,
			source: 'x'
		};
		expect(regressionEffect(config, contact, 8)).toBe(0);
		expect(regressionEffect(config, contact, 9)).toBe(0.45);
		expect(regressionEffect(config, { ...contact, channel: 'email' }, 12)).toBe(0.45);
		const humanEmail = { ...contact, handler: 'human' as const, channel: 'email' as const };
		expect(regressionEffect(config, humanEmail, 4)).toBe(0);
		expect(regressionEffect(config, humanEmail, 6)).toBeCloseTo(0.04, 12);
		expect(regressionEffect(config, { ...humanEmail, channel: 'chat' }, 12)).toBe(0);
	});

	it('starts in a steady state: customers who wrote before the first week come back in it', () => {
		// Enough contacts that some warm-up ones come back within the first weeks, whatever the seed.
		const records = [...demoRecords(small({ regressions: [], contactsPerWeek: 400 }))];
		// nothing from the warm-up weeks is written, but their follow-ups are
		expect(Math.min(...records.map((r) => r.truth.week))).toBe(1);
		const fromWarmup = records.filter((r) => r.truth.originWeek <= 0);
		expect(fromWarmup.length).toBeGreaterThan(0);
		expect(fromWarmup.every((r) => r.truth.followUp && r.truth.week <= 3)).toBe(true);
		const cold = [...demoRecords(small({ regressions: [], warmupWeeks: 0 }))];
		expect(cold.every((r) => r.truth.originWeek >= 1)).toBe(true);
	});

	it('answers a follow-up question with its own answer, not the first one again', () => {
		const partial = [...demoRecords(small({ regressions: [] }))].filter(
			(r) => r.truth.aiFirst && r.truth.firstOutcome === 'partial' && r.truth.handler === 'ai'
		);
		expect(partial.length).toBeGreaterThan(20);
		for (const { record } of partial) {
			const ai = (record.messages as Array<{ role: string; text: string }>)
				.filter((m) => m.role === 'ai')
				.map((m) => m.text);
			expect(new Set(ai).size, ai.join(' | ')).toBe(ai.length);
		}
	});

	it('has a human agent ask nothing twice, and writes no "?." after a question', () => {
		const records = [...demoRecords(small({ regressions: [] }))].map(
			(r) => r.record.messages as Array<{ role: string; text: string }> | undefined
		);
		let agentTurns = 0;
		for (const messages of records) {
			if (!messages) continue;
			const agent = messages.filter((m) => m.role === 'agent').map((m) => m.text);
			agentTurns += agent.length;
			expect(new Set(agent).size, agent.join(' | ')).toBe(agent.length);
			for (const message of messages) expect(message.text).not.toMatch(/[?!]\./);
		}
		expect(agentTurns).toBeGreaterThan(500);
	});

	it('scales its volume', () => {
		const one = generateDemo(small({ scale: 1 })).conversations;
		const three = generateDemo(small({ scale: 3 })).conversations;
		expect(three / one).toBeGreaterThan(2.6);
		expect(three / one).toBeLessThan(3.4);
	});
});
