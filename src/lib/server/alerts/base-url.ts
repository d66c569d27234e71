import type { DbHandle } from '../db/client';
import { getSetting, httpUrl, setSetting } from '../db/repos/settings';

/**
 * The address links in emails start with. Emails are rendered where they are queued: in the
 * server (scheduler, import hook) and in the CLI (`parity alerts run`, `parity digest`), which
 * usually runs without the server's ORIGIN or PORT. So the server writes its own address to
 * the database when it starts, and every process resolves the base URL in this order:
 *
 *   1. the `alerts.baseUrl` setting, when an admin set one (a proxy's public name);
 *   2. ORIGIN in this process's environment;
 *   3. the address the server last started on (`server.address`);
 *   4. http://localhost:${PORT ?? 3000} of this process.
 */

export type Env = Record<string, string | undefined>;

export type BaseUrlSource = 'setting' | 'origin' | 'server' | 'default';

function originOf(env: Env): string | null {
	const parsed = httpUrl.safeParse(env.ORIGIN?.trim());
	return parsed.success ? parsed.data : null;
}

/** The address a server with this environment serves on: ORIGIN, else localhost:PORT. */
export function ownAddress(env: Env): string {
	const port = env.PORT?.trim();
	return originOf(env) ?? `http://localhost:${port && /^\d{1,5}$/.test(port) ? port : '3000'}`;
}

/** Called by the server at start, so that the CLI's emails link to the running server. */
export function recordServerAddress(handle: DbHandle, env: Env): string {
	const address = ownAddress(env);
	if (getSetting(handle, 'server.address') !== address)
		setSetting(handle, 'server.address', address);
	return address;
}

/** The base URL without the explicit setting: what it is when an admin leaves it empty. */
export function automaticBaseUrl(
	handle: DbHandle,
	env: Env
): { url: string; source: Exclude<BaseUrlSource, 'setting'> } {
	const origin = originOf(env);
	if (origin) return { url: origin, source: 'origin' };
	const server = getSetting(handle, 'server.address');
	if (server) return { url: server, source: 'server' };
	return { url: ownAddress(env), source: 'default' };
}

export function resolveBaseUrl(
	handle: DbHandle,
	env: Env = process.env
): { url: string; source: BaseUrlSource } {
	const explicit = getSetting(handle, 'alerts.baseUrl');
	return explicit ? { url: explicit, source: 'setting' } : automaticBaseUrl(handle, env);
}
