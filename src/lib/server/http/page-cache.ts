import type { Handle } from '@sveltejs/kit';
import { dataVersion } from '../db/repos/dashboard';

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
/** What all kept pages may hold together: a page is ~50–150 KB, so hundreds fit. */
export const BUDGET_BYTES = 32 << 20;
/** A larger page is not kept: it would crowd out the rest. */
const MAX_BODY_BYTES = 1 << 20;

export interface KeptPage {
	version: string;
	keptAt: number;
	status: number;
	headers: Array<[string, string]>;
	body: Uint8Array;
}

export class PageCache {
	// A Map keeps insertion order: re-inserting on use makes the first entry the least recent.
	private readonly pages = new Map<string, KeptPage>();
	private bytes = 0;

	constructor(private readonly budget = BUDGET_BYTES) {}

	/** Bytes of the bodies kept now. */
	get size(): number {
		return this.bytes;
	}

	/** The kept page for this key, if it was kept at this data version within the TTL. */
	get(key: string, version: string, now: number): KeptPage | undefined {
		const page = this.pages.get(key);
		if (!page) return undefined;
		if (page.version !== version || now - page.keptAt >= TTL_MS) {
			this.drop(key, page);
			return undefined;
		}
		this.pages.delete(key);
		this.pages.set(key, page);
		return page;
	}

	/** Keeps a finished answer if it is a plain success: no cookie set, not too large. */
	keep(key: string, page: KeptPage): boolean {
		if (page.status !== 200 || page.body.byteLength > Math.min(MAX_BODY_BYTES, this.budget)) {
			return false;
		}
		if (page.headers.some(([name]) => name.toLowerCase() === 'set-cookie')) return false;
		const previous = this.pages.get(key);
		if (previous) this.drop(key, previous);
		this.pages.set(key, page);
		this.bytes += page.body.byteLength;
		for (const [oldest, kept] of this.pages) {
			if (this.bytes <= this.budget) break;
			this.drop(oldest, kept);
		}
		return true;
	}

	private drop(key: string, page: KeptPage): void {
		this.pages.delete(key);
		this.bytes -= page.body.byteLength;
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
