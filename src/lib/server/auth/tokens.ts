import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret for a cookie or API token: 32 bytes (256 bits), base64url. */
export function randomToken(bytes = 32): string {
	return randomBytes(bytes).toString('base64url');
}

/**
 * What is stored for a token: its SHA-256. A token has 256 bits of entropy, so a fast hash
 * is enough (nothing to brute-force, unlike a password), and lookups stay one index probe.
 */
export function tokenHash(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

/** Compares two strings in time that does not depend on where they differ. */
export function safeEqual(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && timingSafeEqual(left, right);
}
