import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt from node:crypto (no native argon2 package is installed).
 *
 * Parameters: N = 2^15, r = 8, p = 1, a 16-byte random salt and a 32-byte key. That is the
 * OWASP Password Storage Cheat Sheet's scrypt baseline (N ≥ 2^15 with r = 8, p = 1 is
 * about 32 MiB of memory per hash, roughly 60–100 ms on one core of a current server),
 * memory-hard enough that GPU guessing is expensive, cheap enough that a throttled sign-in
 * form cannot be used to exhaust the machine. scrypt needs 128·N·r bytes = 32 MiB, which
 * is exactly Node's default `maxmem`; OpenSSL needs a little more, so `maxmem` is 64 MiB.
 *
 * The parameters are stored with each hash (`scrypt$ln$r$p$salt$hash`, base64url), so they
 * can be raised later: `needsRehash` tells sign-in to re-hash with the current ones.
 */

export const SCRYPT_PARAMS = { logN: 15, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;
const MAXMEM = 64 * 1024 * 1024;

/** What a password must be: long enough to resist guessing, short enough to hash quickly. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

function derive(
	password: string,
	salt: Buffer,
	logN: number,
	r: number,
	p: number,
	length: number
) {
	const options: ScryptOptions = { N: 2 ** logN, r, p, maxmem: MAXMEM };
	return new Promise<Buffer>((resolve, reject) =>
		scrypt(password.normalize('NFKC'), salt, length, options, (error, key) =>
			error ? reject(error) : resolve(key)
		)
	);
}

export async function hashPassword(password: string): Promise<string> {
	const { logN, r, p, keyLength, saltLength } = SCRYPT_PARAMS;
	const salt = randomBytes(saltLength);
	const key = await derive(password, salt, logN, r, p, keyLength);
	return ['scrypt', logN, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface Parsed {
	logN: number;
	r: number;
	p: number;
	salt: Buffer;
	key: Buffer;
}

function parse(stored: string): Parsed | null {
	const parts = stored.split('$');
	if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
	const [logN, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
	if (![logN, r, p].every((n) => Number.isInteger(n) && n > 0) || logN > 20 || r > 32 || p > 16)
		return null;
	const salt = Buffer.from(parts[4] ?? '', 'base64url');
	const key = Buffer.from(parts[5] ?? '', 'base64url');
	if (salt.length < 8 || key.length < 16) return null;
	return { logN, r, p, salt, key };
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const parsed = parse(stored);
	if (!parsed) return false;
	const key = await derive(
		password,
		parsed.salt,
		parsed.logN,
		parsed.r,
		parsed.p,
		parsed.key.length
	);
	return timingSafeEqual(key, parsed.key);
}

/** Whether a stored hash uses weaker parameters than the current ones. */
export function needsRehash(stored: string): boolean {
	const parsed = parse(stored);
	return (
		!parsed ||
		parsed.logN < SCRYPT_PARAMS.logN ||
		parsed.r < SCRYPT_PARAMS.r ||
		parsed.key.length < SCRYPT_PARAMS.keyLength
	);
}

let dummy: Promise<string> | null = null;

/** Computes the dummy hash ahead (on server start), so the first check costs no more. */
export function prepareDummy(): Promise<string> {
	dummy ??= hashPassword(randomBytes(16).toString('hex'));
	return dummy;
}

/**
 * Spends the same time as checking a real password, for sign-ins with an unknown email:
 * answering faster for unknown accounts would tell an attacker which emails exist.
 */
export async function verifyDummy(password: string): Promise<false> {
	await verifyPassword(password, await prepareDummy());
	return false;
}
