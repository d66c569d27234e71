import { describe, expect, it } from 'vitest';
import {
	fillGaps,
	isNewerRecord,
	mergeFields,
	sameFields,
	type ConversationFields
} from './fingerprint';

const fields = (overrides: Partial<ConversationFields>): ConversationFields => ({
	channel: 'web',
	identities: [],
	customerName: null,
	startedAt: 1_000,
	endedAt: 2_000,
	status: null,
	tags: [],
	assignee: null,
	team: null,
	csatOffered: true,
	csatValue: null,
	csatScale: null,
	csatComment: null,
	csatAnsweredAt: null,
	...overrides
});

describe('mergeFields, CSAT', () => {
	const rated = fields({ csatValue: 'good', csatScale: 'good-bad', csatAnsweredAt: 1_500 });

	it('a later export with the same answer but no answer time keeps the time (ticket snapshot after the ratings export)', () => {
		const merged = mergeFields(rated, fields({ csatValue: 'good', csatScale: 'good-bad' }), false);
		expect(merged).toMatchObject({ csatValue: 'good', csatAnsweredAt: 1_500 });
		expect(sameFields(merged, rated)).toBe(true);
	});

	it('a different answer without a time does not inherit the old answer’s time', () => {
		const merged = mergeFields(rated, fields({ csatValue: 'bad', csatScale: 'good-bad' }), false);
		expect(merged).toMatchObject({ csatValue: 'bad', csatAnsweredAt: null });
	});

	it('an export without an answer keeps the stored one', () => {
		expect(mergeFields(rated, fields({}), false)).toMatchObject({
			csatValue: 'good',
			csatAnsweredAt: 1_500
		});
	});
});

describe('mergeFields, time span', () => {
	const stored = fields({ startedAt: 1_000, endedAt: 2_000 });

	it('only grows with a full export', () => {
		expect(mergeFields(stored, fields({ startedAt: 1_200, endedAt: 3_000 }), false)).toMatchObject({
			startedAt: 1_000,
			endedAt: 3_000
		});
	});

	it('is left alone by a partial record without messages, and widened by the messages of one that has them', () => {
		expect(mergeFields(stored, fields({ startedAt: 0, endedAt: null }), true)).toMatchObject({
			startedAt: 1_000,
			endedAt: 2_000
		});
		expect(mergeFields(stored, fields({ startedAt: 2_500, endedAt: 2_600 }), true)).toMatchObject({
			startedAt: 1_000,
			endedAt: 2_600
		});
	});

	it('keeps the stored channel when a partial record or an unknown channel arrives', () => {
		expect(mergeFields(stored, fields({ channel: 'chat' }), true).channel).toBe('web');
		expect(mergeFields(stored, fields({ channel: 'other' }), false).channel).toBe('web');
		expect(mergeFields(stored, fields({ channel: 'chat' }), false).channel).toBe('chat');
	});
});

describe('the newer of two exports', () => {
	it('is the incoming one unless both say when they changed and it is not later', () => {
		expect(isNewerRecord(2, 1)).toBe(true);
		expect(isNewerRecord(1, 2)).toBe(false);
		// The same moment: what is stored stands, so reading either again changes nothing.
		expect(isNewerRecord(2, 2)).toBe(false);
		expect(isNewerRecord(null, 2)).toBe(true);
		expect(isNewerRecord(1, null)).toBe(true);
	});

	it('an older export only fills what the stored one lacks, and still widens the span', () => {
		const stored = fields({
			status: 'solved',
			tags: ['refunds'],
			assignee: 'Ann',
			startedAt: 1_000
		});
		const older = fields({
			status: 'open',
			tags: ['billing'],
			assignee: 'Bob',
			team: 'Tier 1',
			startedAt: 500,
			csatValue: '4',
			csatScale: '1-5'
		});
		expect(fillGaps(stored, older)).toEqual(
			fields({
				status: 'solved',
				tags: ['refunds'],
				assignee: 'Ann',
				team: 'Tier 1',
				startedAt: 500,
				csatValue: '4',
				csatScale: '1-5'
			})
		);
	});
});
