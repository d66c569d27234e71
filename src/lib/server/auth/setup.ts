import { randomInt } from 'node:crypto';
import type { DbHandle } from '../db/client';
import { hasAnyUser } from '../db/repos/users';
import { safeEqual } from './tokens';

/**
 * First start: while no account exists, whoever opens the dashboard is asked to create
 * the first admin — but only with the one-time setup code printed in the server's log,
 * so that nobody else on the network can claim the installation before its operator.
 * The code lives in memory only; a restart prints a new one.
 */
export interface SetupState {
	code: string | null;
}

// Crockford's base32 without I, L, O, U: nothing to misread when typing it from a log.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** 12 characters, 60 bits: far beyond guessing, even without the sign-in throttle. */
export function generateSetupCode(): string {
	let code = '';
	for (let i = 0; i < 12; i++) code += ALPHABET[randomInt(ALPHABET.length)];
	return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

export function normalizeSetupCode(input: string): string {
	const compact = input.toUpperCase().replace(/[^0-9A-Z]/g, '');
	return compact.length === 12
		? `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}`
		: compact;
}

export function createSetupState(handle: DbHandle, log: (line: string) => void): SetupState {
	if (hasAnyUser(handle)) return { code: null };
	const code = generateSetupCode();
	log(
		[
			'',
			'  No account exists yet. Open the dashboard and create the first admin',
			`  with this one-time setup code:  ${code}`,
			'  (or run: npx parity user add --email you@example.com --role admin)',
			''
		].join('\n')
	);
	return { code };
}

/** Setup is open while no account exists and the server has a code. */
export function setupOpen(handle: DbHandle, state: SetupState): boolean {
	return state.code !== null && !hasAnyUser(handle);
}

export function setupCodeMatches(state: SetupState, input: string): boolean {
	return state.code !== null && safeEqual(normalizeSetupCode(input), state.code);
}
