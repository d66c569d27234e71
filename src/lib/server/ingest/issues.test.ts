import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssue } from './issues';

const Record = z.object({
	messages: z.array(z.object({ role: z.enum(['customer', 'ai']), text: z.string() }))
});

function reason(input: unknown): string {
	const parsed = Record.safeParse(input);
	if (parsed.success) throw new Error('expected a failure');
	return describeIssue(parsed.error, input);
}

describe('describeIssue', () => {
	it('names the field, what was wrong and the value found', () => {
		expect(
			reason({
				messages: [
					{ role: 'ai', text: 'a' },
					{ role: 'robot', text: 'b' }
				]
			})
		).toBe(`messages[1].role: Invalid option: expected one of "customer"|"ai"; got 'robot'`);
		expect(reason({ messages: [{ role: 'ai', text: 42 }] })).toBe(
			'messages[0].text: Invalid input: expected string, received number; got 42'
		);
	});

	it('says a field is missing and which fields are there instead, and shortens a long value', () => {
		expect(reason({ messages: [{ text: 'a' }] })).toBe(
			`messages[0].role: Invalid option: expected one of "customer"|"ai"; missing (fields present: text)`
		);
		// A wrapper around the records, not a record: what it holds says so.
		expect(reason({ source: 's', note: 'n', schemas: {}, a: 1, b: 2, c: 3, d: 4 })).toBe(
			'messages: Invalid input: expected array, received undefined; missing (fields present: source, note, schemas, a, b, c, …)'
		);
		const long = reason({ messages: [{ role: 'x'.repeat(100), text: 'a' }] });
		expect(long.endsWith(`got '${'x'.repeat(58)}…`)).toBe(true);
	});

	it('reads the path alone when it is not given the input', () => {
		const parsed = Record.safeParse({ messages: [{ role: 'robot', text: 'b' }] });
		expect(parsed.success || describeIssue(parsed.error)).toBe(
			`messages[0].role: Invalid option: expected one of "customer"|"ai"`
		);
	});
});
