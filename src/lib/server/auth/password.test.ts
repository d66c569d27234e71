import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, SCRYPT_PARAMS, verifyDummy, verifyPassword } from './password';

describe('password hashing (scrypt)', () => {
	it('stores the parameters with a random salt, and verifies only the right password', async () => {
		const first = await hashPassword('correct horse battery');
		const second = await hashPassword('correct horse battery');
		expect(first).toMatch(/^scrypt\$15\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
		expect(first).not.toBe(second);
		await expect(verifyPassword('correct horse battery', first)).resolves.toBe(true);
		await expect(verifyPassword('correct horse batterY', first)).resolves.toBe(false);
		await expect(verifyPassword('', first)).resolves.toBe(false);
	});

	it('meets the OWASP scrypt baseline: N = 2^15, r = 8, p = 1', () => {
		expect(2 ** SCRYPT_PARAMS.logN).toBeGreaterThanOrEqual(32768);
		expect(SCRYPT_PARAMS.r).toBe(8);
		expect(SCRYPT_PARAMS.p).toBe(1);
	});

	it('treats composed and decomposed Unicode as the same password (NFKC)', async () => {
		const stored = await hashPassword('caf\u00e9 au lait!');
		await expect(verifyPassword('cafe\u0301 au lait!', stored)).resolves.toBe(true);
	});

	it('refuses malformed or tampered hashes instead of throwing', async () => {
		for (const bad of [
			'',
			'plain',
			'scrypt$15$8$1$$',
			'scrypt$99$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAA',
			'bcrypt$x'
		]) {
			await expect(verifyPassword('anything at all', bad)).resolves.toBe(false);
			expect(needsRehash(bad)).toBe(true);
		}
	});

	it('asks for a re-hash when the stored parameters are weaker than the current ones', async () => {
		expect(needsRehash(await hashPassword('correct horse battery'))).toBe(false);
		const weak = (await hashPassword('correct horse battery')).replace(/^scrypt\$15/, 'scrypt$14');
		expect(needsRehash(weak)).toBe(true);
	});

	it('the dummy check for unknown accounts says no', async () => {
		await expect(verifyDummy('whatever')).resolves.toBe(false);
	});
});
