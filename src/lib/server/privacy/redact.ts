import { ibanValid, luhnValid } from './checks';

/**
 * Personal data in free text replaced by typed placeholders, at import: [EMAIL], [PHONE],
 * [CARD], [IBAN], [SSN]. Pure and fast (it runs on every message of every import).
 *
 * What is kept on purpose, because analysts need it and it identifies nobody: dates
 * (2026-03-02, 02.03.2026, 3/2/26), times (14:30, 9.30), amounts (€1,234.56, 1.234,56 €,
 * $99), order ids (#100234556, order 100234556), tracking numbers (1Z999AA10123456784,
 * 9400 1000 0000 0000 0000 00), versions and percentages.
 *
 * How numbers are told apart:
 * - card: 13–19 digits (spaces or dashes allowed), starting 2–6 (the card networks'
 *   ranges) and passing the Luhn check. A Luhn-valid 16-digit order number starting 2–6
 *   would be taken for a card — one in ten of those; order ids written with `#` are kept.
 * - IBAN: a registry country, that country's length and a valid mod-97 check.
 * - phone: `+` or `00` with a country code (8–15 digits, E.164); North American
 *   (415) 555-0123 / 415-555-0123; national numbers with a trunk 0 written in groups
 *   (020 7946 0958, 06-12345678, 01 23 45 67 89; 9–12 digits, never a date); or a plain
 *   run of 7–15 digits right after a word like phone/mobile/WhatsApp/"call me". A bare
 *   run of digits with nothing phone-like about it is kept: it is far more often an order
 *   or account number, and guessing would destroy what analysts search for.
 * - SSN: US social security numbers written 123-45-6789 (valid area and group).
 *
 * Every pattern has bounded repetition and mandatory separators between variable-length
 * groups, so matching stays linear however long or adversarial the text.
 */

/**
 * Every kind of personal data redaction replaces, with the placeholder it leaves: the code
 * below writes these, and the settings page lists them, so the two cannot disagree.
 */
export const REDACTED = {
	email: { placeholder: '[EMAIL]', label: 'email addresses' },
	phone: { placeholder: '[PHONE]', label: 'phone numbers' },
	card: { placeholder: '[CARD]', label: 'card numbers' },
	iban: { placeholder: '[IBAN]', label: 'IBANs' },
	ssn: { placeholder: '[SSN]', label: 'US social security numbers' }
} as const;

// --- emails: found from each '@' outwards, without a regular expression --------------

function isLocalChar(code: number): boolean {
	return (
		(code >= 97 && code <= 122) ||
		(code >= 65 && code <= 90) ||
		(code >= 48 && code <= 57) ||
		code === 46 || // .
		code === 95 || // _
		code === 45 || // -
		code === 43 || // +
		code === 37 || // %
		code === 39 || // '
		code > 127
	);
}

function isDomainChar(code: number): boolean {
	return (
		(code >= 97 && code <= 122) ||
		(code >= 65 && code <= 90) ||
		(code >= 48 && code <= 57) ||
		code === 46 ||
		code === 45 ||
		code > 127
	);
}

function plausibleDomain(domain: string): boolean {
	const dot = domain.lastIndexOf('.');
	if (dot <= 0 || domain.includes('..')) return false;
	const tld = domain.slice(dot + 1);
	return tld.length >= 2 && /^(?:[a-z]+|xn--[a-z0-9-]+|\P{ASCII}+)$/iu.test(tld);
}

function redactEmails(text: string): string {
	let out = '';
	let last = 0;
	let at = text.indexOf('@');
	while (at !== -1) {
		let start = at;
		while (start > last && at - start < 64 && isLocalChar(text.charCodeAt(start - 1))) start--;
		// A local part does not start with a dot, nor with the quote that opens a quotation.
		while (start < at && (text.charCodeAt(start) === 46 || text.charCodeAt(start) === 39)) start++;
		let end = at + 1;
		while (end < text.length && end - at <= 253 && isDomainChar(text.charCodeAt(end))) end++;
		while (end > at + 1 && (text.charCodeAt(end - 1) === 46 || text.charCodeAt(end - 1) === 45))
			end--;
		if (start < at && plausibleDomain(text.slice(at + 1, end))) {
			out += text.slice(last, start) + REDACTED.email.placeholder;
			last = end;
		}
		at = text.indexOf('@', Math.max(end, at + 1));
	}
	return last === 0 ? text : out + text.slice(last);
}

// --- numbers -----------------------------------------------------------------------

// Every number pattern needs at least seven digits close together: texts without such a
// cluster (most messages, even those with dates, times and amounts) skip them all.
const DIGIT_CLUSTER = /\d(?:[ .()-]{0,2}\d){6}/;

// A number glued to a placeholder (`[PHONE]+4111…`) was glued to digits before redaction
// and is left alone, so that redacting twice changes nothing more.
// One pass over the text with every number pattern as an alternative (a group each),
// tried in this order at each position. After `+`/`00` and the country code, phone groups
// need a separator (or a closing bracket), so a long digit run can be split only one way.
const IBAN = String.raw`(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[A-Za-z0-9]{11,30}|(?: [A-Za-z0-9]{4}){2,7}(?: [A-Za-z0-9]{1,4})?)(?![A-Za-z0-9])`;
const INTERNATIONAL = String.raw`(?<![\w+#@$€£¥\]])(?:\+\d{7,15}|(?:\+|00)[1-9]\d{0,2}(?:[ .-]?(?:\(\d{1,4}\)|\d{1,4}))?(?:(?:[ .-]|(?<=\)))(?:\(\d{1,4}\)|\d{1,10})){1,5})(?!\w)(?![.,]\d)`;
const CARD = String.raw`(?<![\w#+$€£¥\]]|\d[ -])\d(?:[ -]?\d){12,18}(?![ -]?\d)(?!\w)`;
const SSN = String.raw`(?<![\w-])(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}(?![\w-])`;
const NORTH_AMERICAN = String.raw`(?<![\w+#@$€£¥.,/\]-]|\d )(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}(?!\w)(?![.,/-]\d)`;
const NATIONAL = String.raw`(?<![\w+#@$€£¥.,/\]-]|\d )0\d{1,4}(?:[ .-]\d{2,8}){1,4}(?!\w)(?![.,/:-]\d)`;
const NUMBERS = new RegExp(
	[IBAN, INTERNATIONAL, CARD, SSN, NORTH_AMERICAN, NATIONAL].map((p) => `(${p})`).join('|'),
	'g'
);

const PHONE_WORD_HINT = /phone|tel|mobile|cell|whatsapp|sms|call|text|reach|ring/i;
const PHONE_WORD =
	/((?<!\[)\b(?:phone|telephone|tel|mobile|cell|cellphone|whatsapp|sms|call me|text me|reach me|ring me)\b[^\d\n[]{0,20}?)(?<!\w)(\d{7,15})(?!\w)/gi;

const DATE_LIKE = /^(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2})/;

function digitCount(text: string): number {
	let count = 0;
	for (let i = 0; i < text.length; i++) {
		const code = text.charCodeAt(i);
		if (code >= 48 && code <= 57) count++;
	}
	return count;
}

function iban(match: string): string {
	const compact = match.replace(/ /g, '');
	if (ibanValid(compact)) return REDACTED.iban.placeholder;
	// "DE89 3704 0044 0532 0130 00 1234" — a trailing group may belong to the next words.
	const lastSpace = match.lastIndexOf(' ');
	if (lastSpace > 0 && ibanValid(match.slice(0, lastSpace).replace(/ /g, ''))) {
		return `${REDACTED.iban.placeholder}${match.slice(lastSpace)}`;
	}
	return match;
}

function card(match: string): string {
	const digits = match.replace(/[ -]/g, '');
	const first = digits.charCodeAt(0);
	// 2–6: the ranges of Mastercard, Visa, Amex, Diners, Discover, JCB, UnionPay, Maestro.
	return first >= 50 && first <= 54 && luhnValid(digits) ? REDACTED.card.placeholder : match;
}

function phone(match: string, min: number, max: number): string {
	const digits = digitCount(match);
	return digits < min || digits > max || DATE_LIKE.test(match) ? match : REDACTED.phone.placeholder;
}

function replaceNumber(
	match: string,
	ibanMatch: string | undefined,
	internationalMatch: string | undefined,
	cardMatch: string | undefined,
	ssnMatch: string | undefined,
	northAmericanMatch: string | undefined
): string {
	if (ibanMatch !== undefined) return iban(match);
	if (internationalMatch !== undefined) return phone(match, 8, 15);
	if (cardMatch !== undefined) return card(match);
	if (ssnMatch !== undefined) return REDACTED.ssn.placeholder;
	if (northAmericanMatch !== undefined) return phone(match, 10, 10);
	return phone(match, 9, 12);
}

function redactNumbers(text: string): string {
	let out = text.replace(NUMBERS, replaceNumber);
	if (PHONE_WORD_HINT.test(out))
		out = out.replace(PHONE_WORD, (_m, lead: string) => `${lead}${REDACTED.phone.placeholder}`);
	return out;
}

/** The text with emails, phone numbers, card numbers, IBANs and SSNs replaced. */
export function redact(text: string): string {
	let out = text;
	if (out.includes('@')) out = redactEmails(out);
	if (DIGIT_CLUSTER.test(out)) out = redactNumbers(out);
	return out;
}
