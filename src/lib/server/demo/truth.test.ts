import { describe, expect, it } from 'vitest';
import { makeCell } from '../analytics/cells';
import type { Finding } from '../analytics/regressions';
import { explainFinding, overlap, shareInside, type InjectedEffect } from './truth';

const W = (n: number) => `2026-W${String(n).padStart(2, '0')}`;

// One week: the AI starts 100 chat and 20 email conversations on disputes, 300 chat and 180
// email ones on billing; humans answer 150 email and 50 chat ones on billing.
const cells = [
	makeCell(
		{ week: W(10), handler: 'ai', channel: 'chat', topic: 'disputes' },
		{ conversations: 80 }
	),
	makeCell(
		{ week: W(10), handler: 'hybrid', channel: 'chat', topic: 'disputes' },
		{ conversations: 20 }
	),
	makeCell(
		{ week: W(10), handler: 'ai', channel: 'email', topic: 'disputes' },
		{ conversations: 20 }
	),
	makeCell(
		{ week: W(10), handler: 'ai', channel: 'chat', topic: 'billing' },
		{ conversations: 300 }
	),
	makeCell(
		{ week: W(10), handler: 'ai', channel: 'email', topic: 'billing' },
		{ conversations: 180 }
	),
	makeCell(
		{ week: W(10), handler: 'human', channel: 'email', topic: 'billing' },
		{ conversations: 150 }
	),
	makeCell(
		{ week: W(10), handler: 'human', channel: 'chat', topic: 'billing' },
		{ conversations: 50 }
	)
];

const aiDisputes: InjectedEffect = {
	regression: 'AI on disputes',
	segment: { handler: 'ai', topic: 'disputes' },
	measures: ['csatPct', 'negativeEndRate', 'escalationRate'],
	weeks: [W(9), W(10)],
	kind: 'step',
	size: 0.3
};
const humanEmail: InjectedEffect = {
	regression: 'human email',
	segment: { handler: 'human', channel: 'email' },
	measures: ['csatPct', 'negativeEndRate'],
	weeks: [W(10)],
	kind: 'drift',
	size: 0.02
};
const truth = [aiDisputes, humanEmail];

type F = Pick<Finding, 'group' | 'scope' | 'measure' | 'week' | 'worse'>;
const finding = (over: Partial<F>): F => ({
	group: 'aiStarted',
	scope: { channel: 'chat', topic: 'disputes' },
	measure: 'negativeEndRate',
	week: W(10),
	worse: true,
	...over
});

describe('which injected effect explains a finding', () => {
	it('measures how a scope and the injected segment overlap, on one side', () => {
		// AI · all: 120 of 600 AI-started conversations are on disputes, and all disputes are in it
		expect(
			overlap(
				cells,
				finding({ scope: { channel: null, topic: null } }),
				'aiStarted',
				aiDisputes.segment
			)
		).toEqual({ share: 0.2, coverage: 1 });
		// AI · chat: 100 of 400 are disputes, 100 of the 120 disputes are in chat
		const chat = overlap(
			cells,
			finding({ scope: { channel: 'chat', topic: null } }),
			'aiStarted',
			aiDisputes.segment
		);
		expect(chat.share).toBe(0.25);
		expect(chat.coverage).toBeCloseTo(100 / 120, 12);
		// AI · email: 20 of 200, holding 20 of the 120
		const email = overlap(
			cells,
			finding({ scope: { channel: 'email', topic: null } }),
			'aiStarted',
			aiDisputes.segment
		);
		expect(email.share).toBe(0.1);
		expect(email.coverage).toBeCloseTo(20 / 120, 12);
		// Human · billing: 150 of 200 human billing conversations are by email
		expect(
			shareInside(
				cells,
				finding({ scope: { channel: null, topic: 'billing' } }),
				'human',
				humanEmail.segment
			)
		).toBe(0.75);
		expect(overlap(cells, finding({ week: W(11) }), 'aiStarted', aiDisputes.segment)).toEqual({
			share: 0,
			coverage: 0
		});
	});

	it('explains findings inside, around and across the segment, on its side and measures', () => {
		expect(explainFinding(finding({}), truth, cells)).toBe(aiDisputes);
		expect(
			explainFinding(finding({ scope: { channel: null, topic: 'disputes' } }), truth, cells)
		).toBe(aiDisputes);
		// aggregates the segment is part of: AI · all holds every dispute, AI · chat most
		expect(explainFinding(finding({ scope: { channel: null, topic: null } }), truth, cells)).toBe(
			aiDisputes
		);
		expect(explainFinding(finding({ scope: { channel: 'chat', topic: null } }), truth, cells)).toBe(
			aiDisputes
		);
		expect(
			explainFinding(
				finding({ group: 'human', scope: { channel: null, topic: 'billing' } }),
				truth,
				cells
			)
		).toBe(humanEmail);
		expect(
			explainFinding(
				finding({ group: 'human', scope: { channel: null, topic: null } }),
				truth,
				cells
			)
		).toBe(humanEmail);
	});

	it('leaves the rest as false alarms', () => {
		// a tenth of AI email is disputes, holding a sixth of them: not enough either way
		expect(
			explainFinding(finding({ scope: { channel: 'email', topic: null } }), truth, cells)
		).toBeNull();
		// chat · billing holds no disputes at all
		expect(
			explainFinding(finding({ scope: { channel: 'chat', topic: 'billing' } }), truth, cells)
		).toBeNull();
		// not a measure the effect moves, or before it started, or an improvement
		expect(explainFinding(finding({ measure: 'repeatRate' }), truth, cells)).toBeNull();
		expect(explainFinding(finding({ week: W(8) }), truth, cells)).toBeNull();
		expect(explainFinding(finding({ worse: false }), truth, cells)).toBeNull();
		// the human side was not touched on disputes, nor the AI side by the email team
		expect(explainFinding(finding({ group: 'human' }), truth, cells)).toBeNull();
		expect(
			explainFinding(
				finding({
					group: 'aiStarted',
					scope: { channel: 'email', topic: null },
					measure: 'csatPct'
				}),
				[humanEmail],
				cells
			)
		).toBeNull();
		// human chat is not the email team
		expect(
			explainFinding(
				finding({ group: 'human', scope: { channel: 'chat', topic: 'billing' } }),
				truth,
				cells
			)
		).toBeNull();
	});

	it('reads gap findings by direction: against the AI for an AI effect, for it for a human one', () => {
		const gap = finding({ group: 'gap', scope: { channel: 'chat', topic: 'disputes' } });
		expect(explainFinding(gap, truth, cells)).toBe(aiDisputes);
		expect(explainFinding({ ...gap, worse: false }, truth, cells)).toBeNull();
		const emailGap = finding({ group: 'gap', scope: { channel: 'email', topic: 'billing' } });
		expect(explainFinding({ ...emailGap, worse: false }, [humanEmail], cells)).toBe(humanEmail);
		expect(explainFinding(emailGap, [humanEmail], cells)).toBeNull();
	});
});
