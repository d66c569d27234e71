import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { DbHandle } from '../db/client';

/**
 * The secret behind the keyed hashes of customer identities. It lives outside the database
 * (a stolen database or backup alone cannot be used to test guesses like "is
 * jane@example.com in here?") in `secret.key` beside the database file, or wherever
 * PARITY_SECRET_FILE points, created on first use with mode 0600. Losing it means new
 * imports can no longer be matched to the customers already stored: back it up too
 * (README, Backup and restore).
 */

const KEY_BYTES = 32;

export function secretKeyPath(databasePath: string): string | null {
	if (databasePath === ':memory:') return null;
	return resolve(process.env.PARITY_SECRET_FILE ?? join(dirname(databasePath), 'secret.key'));
}

function readKey(path: string): Buffer {
	const text = readFileSync(path, 'utf8').trim();
	if (!/^[0-9a-f]{64}$/i.test(text)) {
		throw new Error(`${path} is not a Parity secret key (expected 64 hex digits)`);
	}
	// Tighten permissions a copy may have lost (cp without -p, a restore from backup).
	if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
	return Buffer.from(text, 'hex');
}

export function loadOrCreateKey(path: string): Buffer {
	if (existsSync(path)) return readKey(path);
	mkdirSync(dirname(path), { recursive: true });
	try {
		// 'wx': if another process created it a moment ago, read theirs instead.
		writeFileSync(path, `${randomBytes(KEY_BYTES).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
	}
	return readKey(path);
}

const keys = new WeakMap<DbHandle, Buffer>();

/**
 * The identity key for a database. An in-memory database (tests) gets a key that lives
 * exactly as long as it does.
 */
export function identityKey(handle: DbHandle): Buffer {
	let key = keys.get(handle);
	if (!key) {
		const path = secretKeyPath(handle.path);
		key = path === null ? randomBytes(KEY_BYTES) : loadOrCreateKey(path);
		keys.set(handle, key);
	}
	return key;
}
