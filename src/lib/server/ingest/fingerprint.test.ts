import { describe, expect, it } from 'vitest';
import { mergeState, type StoredState } from './fingerprint';

const state = (csat: Partial<StoredState>): StoredState => ({
	channel: 'web',
	identities: [],
	customerName: null,
	startedAt: 0,
	endedAt: null,
	status: null,
	tags: [],
	assignee: null,
	team: null,
	csatOffered: true,
	csatValue: null,
	csatScale: null,
	csatComment: null,
	csatAnsweredAt: null,
	messages: [],
	...csat
});

describe('mergeState, CSAT', () => {
	const rated = state({ csatValue: 'good', csatScale: 'good-bad', csatAnsweredAt: 1_000 });

	it('a later export with the same answer but no answer time keeps the time (ticket snapshot after the ratings export)', () => {
		const merged = mergeState(rated, state({ csatValue: 'good', csatScale: 'good-bad' }));
		expect(merged).toMatchObject({ csatValue: 'good', csatAnsweredAt: 1_000 });
	});

	it('a different answer without a time does not inherit the old answer’s time', () => {
		const merged = mergeState(rated, state({ csatValue: 'bad', csatScale: 'good-bad' }));
		expect(merged).toMatchObject({ csatValue: 'bad', csatAnsweredAt: null });
	});

	it('an export without an answer keeps the stored one', () => {
		expect(mergeState(rated, state({}))).toMatchObject({
			csatValue: 'good',
			csatAnsweredAt: 1_000
		});
	});
});
