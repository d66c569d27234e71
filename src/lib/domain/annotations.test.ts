import { describe, expect, it } from 'vitest';
import { AnnotationInput, isCalendarDay, weekOfDay } from './annotations';

describe('isCalendarDay', () => {
	it('takes real days written YYYY-MM-DD and nothing else', () => {
		expect(isCalendarDay('2026-11-12')).toBe(true);
		expect(isCalendarDay('2028-02-29')).toBe(true);
		expect(isCalendarDay('2026-02-29')).toBe(false);
		expect(isCalendarDay('2026-02-31')).toBe(false);
		expect(isCalendarDay('2026-13-01')).toBe(false);
		expect(isCalendarDay('12/11/2026')).toBe(false);
		expect(isCalendarDay('2026-11-12T10:00')).toBe(false);
	});
});

describe('weekOfDay', () => {
	it('puts a day in its ISO week, Monday to Sunday, across a year end', () => {
		expect(weekOfDay('2026-11-16')).toBe('2026-W47'); // Monday
		expect(weekOfDay('2026-11-22')).toBe('2026-W47'); // Sunday
		expect(weekOfDay('2026-11-23')).toBe('2026-W48');
		// 2026 starts on a Thursday, so it has 53 weeks and 1 January 2027 (a Friday) is in the last.
		expect(weekOfDay('2027-01-01')).toBe('2026-W53');
		expect(weekOfDay('2027-01-04')).toBe('2027-W01');
		expect(weekOfDay('2024-12-30')).toBe('2025-W01');
	});

	it('refuses what is not a day', () => {
		expect(() => weekOfDay('2026-02-30')).toThrow("not a calendar day: '2026-02-30'");
	});
});

describe('AnnotationInput', () => {
	it('trims the text and keeps the day; no source is the whole operation', () => {
		expect(AnnotationInput.parse({ day: ' 2026-11-12 ', text: '  Fin moved to v2 ' })).toEqual({
			day: '2026-11-12',
			text: 'Fin moved to v2',
			source: null
		});
		expect(
			AnnotationInput.parse({ day: '2026-11-12', text: 'Fin moved to v2', source: ' ' }).source
		).toBeNull();
		expect(
			AnnotationInput.parse({ day: '2026-11-12', text: 'Fin moved to v2', source: ' Intercom ' })
				.source
		).toBe('Intercom');
	});

	it('names the field and what is wrong with it', () => {
		const result = AnnotationInput.safeParse({ day: '2026-02-31', text: ' ' });
		expect(result.success).toBe(false);
		const issues = Object.fromEntries(
			(result.error?.issues ?? []).map((issue) => [String(issue.path[0]), issue.message])
		);
		expect(issues.day).toBe('a day written YYYY-MM-DD, such as 2026-11-12');
		expect(issues.text).toMatch(/^say what changed/);
		expect(AnnotationInput.safeParse({ day: '2026-11-12', text: 'x'.repeat(141) }).success).toBe(
			false
		);
		expect(AnnotationInput.safeParse({ day: '2026-11-12', text: 'x'.repeat(140) }).success).toBe(
			true
		);
	});
});
