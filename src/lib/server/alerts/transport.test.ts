import { describe, expect, it } from 'vitest';
import { retryDelay } from './deliver';
import { addressOf, messageIdFor } from './compose';
import { classifySmtpError, senderAddress } from './transport';

describe('SMTP errors', () => {
	it('gives up only on 5xx replies about the envelope or message', () => {
		expect(
			classifySmtpError({ code: 'EENVELOPE', responseCode: 550, message: 'no such user' }).permanent
		).toBe(true);
		expect(
			classifySmtpError({ code: 'EMESSAGE', responseCode: 554, message: 'spam' }).permanent
		).toBe(true);
		expect(
			classifySmtpError({ code: 'EENVELOPE', responseCode: 450, message: 'busy' }).permanent
		).toBe(false);
		expect(
			classifySmtpError({ code: 'EMESSAGE', responseCode: 451, message: 'later' }).permanent
		).toBe(false);
		expect(
			classifySmtpError({ code: 'EAUTH', responseCode: 535, message: 'bad password' }).permanent
		).toBe(false);
		expect(classifySmtpError({ code: 'ECONNECTION', message: 'refused' }).permanent).toBe(false);
		expect(classifySmtpError(new Error('boom')).message).toBe('boom');
	});

	it('backs off 1, 2, 4 … minutes, at most an hour', () => {
		expect([1, 2, 3, 4, 7, 8, 20].map((attempt) => retryDelay(attempt) / 60_000)).toEqual([
			1, 2, 4, 8, 60, 60, 60
		]);
	});
});

describe('message identity', () => {
	it('gives the same Message-ID to the same message, at the sender’s domain', () => {
		const a = messageIdFor(
			'alert:1:handler=ai;channel=chat;topic=refunds;source=*:2026-W47',
			'Parity <p@example.com>'
		);
		expect(a).toMatch(/^<[\w-]{24}@example\.com>$/);
		expect(
			messageIdFor(
				'alert:1:handler=ai;channel=chat;topic=refunds;source=*:2026-W47',
				'p@example.com'
			)
		).toBe(a);
		expect(messageIdFor('digest:2026-W47', 'p@example.com')).not.toBe(a);
		expect(addressOf('Parity Alerts <alerts@example.com>')).toBe('alerts@example.com');
	});

	it('takes MAIL_FROM over the setting', () => {
		expect(senderAddress('Parity <parity@localhost>', {})).toBe('Parity <parity@localhost>');
		expect(senderAddress('Parity <parity@localhost>', { MAIL_FROM: 'ops@example.com' })).toBe(
			'ops@example.com'
		);
	});
});
