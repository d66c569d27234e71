import { describe, expect, it } from 'vitest';
import { directoryOf } from '../../../../../../tests/helpers/zendesk';
import { csatOf, roleOf } from './directory';

describe('Zendesk roles and scores', () => {
	const users = directoryOf([
		{ id: 1, name: 'Pat', role: 'end-user' },
		{ id: 2, name: 'Johnny', role: 'agent' },
		{ id: 3, name: 'Ada', role: 'admin' }
	]).users;

	it('reads the user record first, then the requester, and gives up without either', () => {
		expect(roleOf('1', null, users)).toBe('customer');
		expect(roleOf('2', '2', users)).toBe('staff');
		expect(roleOf('3', null, users)).toBe('staff');
		expect(roleOf('9', '9', users)).toBe('customer');
		expect(roleOf('8', '9', users)).toBe('staff');
		expect(roleOf('8', null, users)).toBeNull();
		expect(roleOf('-1', null, users)).toBe('system');
	});

	it('maps good/bad, offered and unoffered, and refuses other scores', () => {
		expect(csatOf('good', 'Great', '2011-05-05T10:38:52Z')).toEqual({
			ok: true,
			csat: {
				offered: true,
				value: 'good',
				scale: 'good-bad',
				comment: 'Great',
				answeredAt: '2011-05-05T10:38:52Z'
			}
		});
		expect(csatOf('BAD', null, null)).toMatchObject({ ok: true, csat: { value: 'bad' } });
		expect(csatOf('offered', null, null)).toEqual({
			ok: true,
			csat: { offered: true, value: null, scale: 'good-bad' }
		});
		expect(csatOf('unoffered', null, null)).toEqual({
			ok: true,
			csat: { offered: false, value: null, scale: 'good-bad' }
		});
		expect(csatOf(null, null, null)).toEqual({ ok: true, csat: null });
		expect(csatOf('great', null, null)).toEqual({
			ok: false,
			reason: 'not a Zendesk satisfaction score: "great" (good, bad, offered or unoffered)'
		});
	});
});
