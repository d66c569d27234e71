import { createHash } from 'node:crypto';
import type { DbHandle } from '../db/client';
import {
	clearFailures,
	countFailuresSince,
	oldestFailureSince,
	pruneFailures,
	recordFailures
} from '../db/repos/login-failures';

/**
 * Sign-in throttling, per account and per address: after PER_ACCOUNT failures for one
 * email (existing or not, so the lock itself tells nothing) or PER_ADDRESS failures from
 * one address within WINDOW_MS, further attempts are refused until the oldest failure
 * leaves the window. Five tries per quarter hour per account makes online guessing
 * hopeless; thirty per address leaves room for an office behind one NAT address.
 */
export const THROTTLE = {
	windowMs: 15 * 60 * 1000,
	perAccount: 5,
	perAddress: 30
} as const;

function key(kind: 'account' | 'address', value: string): string {
	return createHash('sha256').update(`${kind}:${value}`).digest('hex');
}

export interface ThrottleSubject {
	/** The email as submitted (normalised); omitted for attempts that name no account. */
	account?: string;
	address: string;
}

function keysOf(subject: ThrottleSubject): { account: string | null; address: string } {
	return {
		account: subject.account === undefined ? null : key('account', subject.account),
		address: key('address', subject.address)
	};
}

/** Milliseconds until the subject may try again; 0 when it may now. */
export function throttledFor(handle: DbHandle, subject: ThrottleSubject, now = Date.now()): number {
	const since = now - THROTTLE.windowMs;
	const keys = keysOf(subject);
	let wait = 0;
	const checks: Array<[string | null, number]> = [
		[keys.account, THROTTLE.perAccount],
		[keys.address, THROTTLE.perAddress]
	];
	for (const [k, limit] of checks) {
		if (k === null || countFailuresSince(handle, k, since) < limit) continue;
		const oldest = oldestFailureSince(handle, k, since) ?? now;
		wait = Math.max(wait, oldest + THROTTLE.windowMs - now);
	}
	return Math.max(wait, 0);
}

export function noteFailure(handle: DbHandle, subject: ThrottleSubject, now = Date.now()): void {
	const keys = keysOf(subject);
	pruneFailures(handle, now - THROTTLE.windowMs);
	recordFailures(
		handle,
		keys.account === null ? [keys.address] : [keys.account, keys.address],
		now
	);
}

/** A successful sign-in forgives the account's failures (not the address's). */
export function noteSuccess(handle: DbHandle, account: string): void {
	clearFailures(handle, [key('account', account)]);
}

export function describeWait(ms: number): string {
	const minutes = Math.ceil(ms / 60_000);
	return minutes <= 1 ? 'a minute' : `${minutes} minutes`;
}
