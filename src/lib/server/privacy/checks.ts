/** Checksums that tell a real card number or IBAN from a number that merely looks like one. */

/** The Luhn check every payment card number passes (and 90% of other digit strings fail). */
export function luhnValid(digits: string): boolean {
	let sum = 0;
	let double = false;
	for (let i = digits.length - 1; i >= 0; i--) {
		let d = digits.charCodeAt(i) - 48;
		if (d < 0 || d > 9) return false;
		if (double) {
			d *= 2;
			if (d > 9) d -= 9;
		}
		sum += d;
		double = !double;
	}
	return sum % 10 === 0;
}

/** IBAN lengths by country (ISO 13616 registry), as country code + length. */
const IBAN_LENGTHS = new Map(
	[
		'AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22',
		'DJ27 DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28',
		'HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21 LY25',
		'MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29 PT25 QA29',
		'RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23 TN24 TR26 UA29',
		'VA22 VG24 XK20 YE30'
	]
		.join(' ')
		.split(' ')
		.map((entry) => [entry.slice(0, 2), Number(entry.slice(2))] as const)
);

/** ISO 13616: the right length for its country, and mod-97 of the rearranged number is 1. */
export function ibanValid(compact: string): boolean {
	const iban = compact.toUpperCase();
	if (iban.length < 15 || iban.length > 34) return false;
	// Only registry countries: a random word-and-digits string passes mod-97 one time in 97.
	if (IBAN_LENGTHS.get(iban.slice(0, 2)) !== iban.length) return false;
	const rearranged = iban.slice(4) + iban.slice(0, 4);
	let remainder = 0;
	for (let i = 0; i < rearranged.length; i++) {
		const code = rearranged.charCodeAt(i);
		if (code >= 48 && code <= 57) remainder = (remainder * 10 + (code - 48)) % 97;
		else if (code >= 65 && code <= 90) remainder = (remainder * 100 + (code - 55)) % 97;
		else return false;
	}
	return remainder === 1;
}
