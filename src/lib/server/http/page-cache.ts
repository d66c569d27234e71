import type { Handle } from '@sveltejs/kit';
import { dataVersion } from '../db/repos/dashboard';
import { BoundedCache } from '../dashboard/cache';

/**
 * Rendered pages of the analytical routes, kept per user and address until anything is
 * committed to the database (its data version moves on every commit: an import, a setting,
 * an erasure, a session touched) or a minute has passed (a default week may follow the
 * clock, and relative times are shown). Rendering a review page costs ~5 ms of CPU for data
 * already computed; sending a kept copy costs a fraction of that, which is what lets ten
 * managers read the review at once. A form's answer is a POST and never kept; what it
 * committed moves the version, so the next GET renders anew. Admin pages are always rendered.
 */

export const CACHED_ROUTES: ReadonlySet<string> = new Set([
	'/(app)',
	'/(app)/trends',
	'/(app)/gaps',
	'/(app)/conversations',
	'/(app)/conversations/[id]',
	'/(app)/imports',
	'/(app)/imports/[id]',
	'/(app)/settings',
	'/(app)/alerts'
]);

const TTL_MS = 60_000;
const ENTRIES = 256;
/** Larger bodies are not worth the memory (and are rare: a page is ~50–150 KB). */
const MAX_BODY_BYTES = 1 << 20;

export interface KeptPage {
	version: string;
	keptAt: number;
	status: number;
	headers: Array<[string, string]>;
	body: Uint8Array;
}

export class PageCache {
	private readonly pages = new BoundedCache<KeptPage>(ENTRIES);

	/** The kept page for this key, if it was kept at this data version within the TTL. */
	get(key: string, version: string, now: number): KeptPage | undefined {
		const page = this.pages.get(key);
		if (!page || page.version !== version || now - page.keptAt >= TTL_MS) return undefined;
		return page;
	}

	/** Keeps a finished answer if it is a plain success: no cookie set, not too large. */
	keep(key: string, page: KeptPage): boolean {
		if (page.status !== 200 || page.body.byteLength > MAX_BODY_BYTES) return false;
		if (page.headers.some(([name]) => name.toLowerCase() === 'set-cookie')) return false;
		this.pages.set(key, page);
		return true;
	}

	clear(): void {
		this.pages.clear();
	}
}

/** Everything a cached page's content depends on besides the data. */
export function pageKey(parts: {
	user: { id: number; name: string | null; email: string; role: string };
	dataRequest: boolean;
	address: string;
}): string {
	const { user } = parts;
	return JSON.stringify([
		user.id,
		user.role,
		user.name,
		user.email,
		parts.dataRequest,
		parts.address
	]);
}

const cache = new PageCache();

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
	const chunks: Uint8Array[] = [];
	let length = 0;
	const reader = stream.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		chunks.push(value);
		length += value.byteLength;
	}
	const body = new Uint8Array(length);
	let at = 0;
	for (const chunk of chunks) {
		body.set(chunk, at);
		at += chunk.byteLength;
	}
	return body;
}

/** The last handle of the sequence: after the guard has let a signed-in user through. */
export const pageCache: Handle = async ({ event, resolve }) => {
	const { request, route, locals } = event;
	if (request.method !== 'GET' || !locals.user || !route.id || !CACHED_ROUTES.has(route.id)) {
		return resolve(event);
	}
	// The address as asked: for a data request SvelteKit strips from event.url the mask of
	// which loads to run again, and answers differ by it.
	const asked = new URL(request.url);
	const key = pageKey({
		user: locals.user,
		dataRequest: event.isDataRequest,
		address: asked.pathname + asked.search
	});
	const version = dataVersion(locals.services.db);
	const kept = cache.get(key, version, Date.now());
	if (kept) return new Response(kept.body.slice(), { status: kept.status, headers: kept.headers });

	const response = await resolve(event);
	if (response.status !== 200 || !response.body) return response;
	// One branch goes to the browser as it streams; the other is kept once it is whole.
	const [toClient, toKeep] = response.body.tee();
	const headers = [...response.headers];
	void readAll(toKeep)
		.then((body) => cache.keep(key, { version, keptAt: Date.now(), status: 200, headers, body }))
		.catch(() => undefined);
	return new Response(toClient, { status: response.status, headers: response.headers });
};
