import { describe, expect, it } from 'vitest';
import { messageBody } from './body';

describe('message body without email furniture', () => {
	it('drops the salutation, the sign-off block and quoted replies', () => {
		expect(
			messageBody(
				'Hello,\n\nMy refund has not arrived.\nOrder 1234.\n\nKind regards,\nJane Doe\nAcme Ltd'
			)
		).toBe('My refund has not arrived.\nOrder 1234.');
		expect(
			messageBody(
				'Hi Sam,\n\nStill broken.\n\nThanks,\nJane\n\nOn Tue, 3 Mar 2026 at 10:00, Support <help@example.com> wrote:\n> Please try again'
			)
		).toBe('Still broken.');
		expect(messageBody('Still broken.\n> earlier text\n> more')).toBe('Still broken.');
	});

	it('keeps chat messages and bodies that are only a greeting or a thank-you', () => {
		expect(messageBody('hi')).toBe('hi');
		expect(messageBody('Thanks, that sorted it!')).toBe('Thanks, that sorted it!');
		expect(messageBody('Hello,\n\nThanks!')).toBe('Thanks!');
		expect(messageBody('Thanks,\nJane')).toBe('Thanks,\nJane');
	});

	it('keeps a "thanks" line that is not near the end', () => {
		expect(messageBody('Hello,\nthanks\nfor nothing\nreally\nthe card\nstill fails')).toBe(
			'thanks\nfor nothing\nreally\nthe card\nstill fails'
		);
	});
});
