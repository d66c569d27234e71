import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ibanValid, luhnValid } from './checks';
import { REDACTED, redact } from './redact';

describe('redact: what must go', () => {
	it.each([
		['Please write to jane.doe+refunds@example.co.uk, thanks', 'Please write to [EMAIL], thanks'],
		['My email is JOHN_SMITH@Mail.Example.COM.', 'My email is [EMAIL].'],
		['<mailto:a.b@sub.example.org>', '<mailto:[EMAIL]>'],
		['two: a@x.io and b@y.de', 'two: [EMAIL] and [EMAIL]'],
		['José: josé.garcía@correo.es', 'José: [EMAIL]'],
		["quoted 'ann.o'neil@example.ie' here", "quoted '[EMAIL]' here"]
	])('email: %s', (input, expected) => expect(redact(input)).toBe(expected));

	it.each([
		['Call me on +44 20 7946 0958 after 5pm', 'Call me on [PHONE] after 5pm'],
		['US: +1 (415) 555-0123.', 'US: [PHONE].'],
		['mobile +4915112345678', 'mobile [PHONE]'],
		['Tel. +49 (0)30 1234567', 'Tel. [PHONE]'],
		['dial 0049 30 1234567 please', 'dial [PHONE] please'],
		['my number is (415) 555-0123', 'my number is [PHONE]'],
		['reach me at 415-555-0123 or 415.555.0124', 'reach me at [PHONE] or [PHONE]'],
		['ring 020 7946 0958 tomorrow', 'ring [PHONE] tomorrow'],
		['UK mobile 07700 900123', 'UK mobile [PHONE]'],
		['Appelez le 01 23 45 67 89', 'Appelez le [PHONE]'],
		['bel 06-12345678', 'bel [PHONE]'],
		['my phone number is 4155550123', 'my phone number is [PHONE]'],
		['WhatsApp: 07700900123', 'WhatsApp: [PHONE]'],
		['you can call me on 07700900123 any time', 'you can call me on [PHONE] any time']
	])('phone: %s', (input, expected) => expect(redact(input)).toBe(expected));

	it.each([
		['card 4111 1111 1111 1111 exp 12/27', 'card [CARD] exp 12/27'],
		['charged on 5555-5555-5555-4444!', 'charged on [CARD]!'],
		['amex 378282246310005', 'amex [CARD]'],
		['number:4012888888881881', 'number:[CARD]']
	])('card: %s', (input, expected) => expect(redact(input)).toBe(expected));

	it.each([
		['IBAN DE89 3704 0044 0532 0130 00 please refund', 'IBAN [IBAN] please refund'],
		['to GB82WEST12345698765432.', 'to [IBAN].'],
		['nl91 abna 0417 1643 00', '[IBAN]'],
		['FR14 2004 1010 0505 0001 3M02 606 and more', '[IBAN] and more']
	])('iban: %s', (input, expected) => expect(redact(input)).toBe(expected));

	it('SSN written with dashes', () => {
		expect(redact('SSN 078-05-1120 on file')).toBe('SSN [SSN] on file');
	});

	it('a realistic support message with several kinds at once', () => {
		const message =
			'Hi, I am Jane (jane.doe@gmail.com, +1 415 555 0199). Order #100234556 from 2026-03-02 ' +
			'for €1,234.56 was charged twice to my card 4242 4242 4242 4242 at 14:30. Refund to ' +
			'DE89 3704 0044 0532 0130 00 please. Tracking 1Z999AA10123456784 still says pending.';
		expect(redact(message)).toBe(
			'Hi, I am Jane ([EMAIL], [PHONE]). Order #100234556 from 2026-03-02 ' +
				'for €1,234.56 was charged twice to my card [CARD] at 14:30. Refund to ' +
				'[IBAN] please. Tracking 1Z999AA10123456784 still says pending.'
		);
	});
});

describe('redact: what must stay', () => {
	it.each([
		'Order #100234556 has not arrived',
		'order 100234556 and order no. 2026031512',
		'Invoice INV-2026-000123 for $1,299.00',
		'It cost €1,234.56, then 1.234,56 € after the refund of 12.345.678 points',
		'On 2026-03-02 at 14:30, and again on 02.03.2026 10:30 and 3/2/26 9.30',
		'Between 2026-03-02 10:00 and 2026-03-09 17:45 (UTC+01:00)',
		'Tracking numbers 1Z999AA10123456784, 9400 1000 0000 0000 0000 00 and 123456789012',
		'Version 10.4.2.1 of the app, build 20260302, ticket 4711',
		'The sum 1234567 + 7654321 = 8888888',
		'Reference 0012345678 and zero-padded id 000123456',
		'We got 98% within 24h; 1,000,000 users; 3.14159265',
		'Your card ending in 4242 expires 12/2027',
		'Card 4111 1111 1111 1112 fails Luhn so it is not a card',
		'a 16-digit number starting with 9: 9111111111111111 (no card network)',
		'@janedoe on twitter, and the at sign alone @ here, user@localhost',
		'Postcode SW1A 1AA, ZIP 94103-1234',
		'ISBN 978-3-16-148410-0',
		'Call the shop at 14:30 about order 100234556'
	])('keeps: %s', (input) => expect(redact(input)).toBe(input));
});

describe('checksums', () => {
	it('Luhn: the published test numbers pass, one changed digit fails', () => {
		expect(luhnValid('4111111111111111')).toBe(true);
		expect(luhnValid('79927398713')).toBe(true);
		expect(luhnValid('4111111111111112')).toBe(false);
	});
	it('IBAN: mod-97 and the country length', () => {
		expect(ibanValid('DE89370400440532013000')).toBe(true);
		expect(ibanValid('DE89370400440532013001')).toBe(false);
		expect(ibanValid('DE8937040044053201300')).toBe(false);
		expect(ibanValid('GB82WEST12345698765432')).toBe(true);
	});
});

describe('redact on arbitrary text', () => {
	it('a phone word does not reach past a placeholder to an order number', () => {
		expect(redact('phone: (415) 555-0123 order 100234556')).toBe('phone: [PHONE] order 100234556');
	});

	it('redacting twice changes nothing more, for the cases a 1M-run fuzz found', () => {
		for (const input of ['phone 1212415+41114111', 'phone x.io@x.io41114111']) {
			const once = redact(input);
			expect(redact(once)).toBe(once);
		}
		expect(redact('phone 1212415+41114111')).toBe('phone [PHONE]+41114111');
	});

	it('never throws, and redacting twice changes nothing more', () => {
		const pieces = fc.constantFrom(
			' ',
			'-',
			'.',
			'+',
			'(',
			')',
			'@',
			'#',
			'€',
			'0',
			'4',
			'9',
			'12',
			'415',
			'4111',
			'DE89',
			'a',
			'x.io',
			'phone ',
			'\n'
		);
		const text = fc.oneof(
			fc.string({ maxLength: 200 }),
			fc.array(pieces, { maxLength: 80 }).map((parts) => parts.join(''))
		);
		fc.assert(
			fc.property(text, (input) => {
				const once = redact(input);
				expect(redact(once)).toBe(once);
			}),
			{ numRuns: 5000 }
		);
	});

	it('stays linear on long runs of digits and separators (a backtracking regex would hang)', () => {
		const digits = '1234567890 '.repeat(50_000);
		const plus = '+1 (2) 3-4.5 '.repeat(50_000);
		const at = 'a@'.repeat(200_000);
		for (const input of [digits, plus, at]) expect(typeof redact(input)).toBe('string');
	});
});

describe('the list of what is redacted (shown in Admin → System settings)', () => {
	const samples: Record<keyof typeof REDACTED, string> = {
		email: 'jane@example.com',
		phone: '+49 30 12345678',
		card: '4111 1111 1111 1111',
		iban: 'DE89 3704 0044 0532 0130 00',
		ssn: '123-45-6789'
	};
	it('names every placeholder the code writes, [SSN] included', () => {
		for (const [kind, sample] of Object.entries(samples))
			expect(redact(`see ${sample} here`)).toBe(
				`see ${REDACTED[kind as keyof typeof REDACTED].placeholder} here`
			);
		expect(Object.values(REDACTED).map((kind) => kind.placeholder)).toEqual([
			'[EMAIL]',
			'[PHONE]',
			'[CARD]',
			'[IBAN]',
			'[SSN]'
		]);
	});
});
