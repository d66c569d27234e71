import { describe, expect, it } from 'vitest';
import { parseMapping, parseMappings } from './mapping';

describe('parseMapping', () => {
	it('reads columns, date order, zone and role words', () => {
		expect(
			parseMapping(
				'{"columns": {"conversationId": "Case Ref", "text": "Said"}, "dateOrder": "dmy", "timeZone": "Europe/Oslo", "roleValues": {"Robot": "ai"}}'
			)
		).toEqual({
			ok: true,
			mapping: {
				columns: { conversationId: 'Case Ref', text: 'Said' },
				dateOrder: 'dmy',
				timeZone: 'Europe/Oslo',
				roleValues: { Robot: 'ai' }
			}
		});
	});

	it('accepts a file that only fixes the date order', () => {
		expect(parseMapping('{"dateOrder": "mdy"}')).toEqual({
			ok: true,
			mapping: { columns: {}, dateOrder: 'mdy' }
		});
	});

	it('names the field that is wrong', () => {
		const result = parseMapping('{"columns": {"ticket": "Case Ref"}}');
		expect(result.ok).toBe(false);
		expect(!result.ok && result.error).toMatch(/^columns/);
		expect(parseMapping('{"dateOrder": "ymd"}')).toMatchObject({ ok: false });
		expect(parseMapping('{"timeZone": "Mars/Olympus"}')).toMatchObject({
			ok: false,
			error: expect.stringMatching(/timeZone: not a known IANA time zone/)
		});
	});

	it('refuses a misspelt key, naming it and the keys known where it stands', () => {
		expect(parseMapping('{"date_order": "dmy"}')).toEqual({
			ok: false,
			error:
				"unknown key 'date_order'; known keys: columns, dateOrder, timeZone, roleValues, csatScale"
		});
		expect(parseMapping('{"columns": {"ticket": "Case Ref"}}')).toMatchObject({
			ok: false,
			error: expect.stringMatching(
				/^columns: unknown key 'ticket'; known keys: conversationId, messageId, role, /
			)
		});
		expect(parseMappings('{"/tmp/a.csv": {"timezone": "UTC"}}')).toEqual({
			ok: false,
			error:
				"/tmp/a.csv: unknown key 'timezone'; known keys: columns, dateOrder, timeZone, roleValues, csatScale"
		});
	});
});
