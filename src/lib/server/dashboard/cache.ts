import type { DbHandle } from '../db/client';
import { dataVersion } from '../db/repos/dashboard';

/**
 * Page data is a pure function of the rollups, the settings and the request's parameters, so
 * it is computed once and kept until the database changes. One small cache per database
 * handle (a test's in-memory database never sees another's entries), least recently used
 * out first, emptied as soon as the data version moves.
 */

export class BoundedCache<V> {
	private readonly entries = new Map<string, V>();

	constructor(readonly capacity: number) {
		if (!(capacity >= 1)) throw new Error('a cache needs room for at least one entry');
	}

	get size(): number {
		return this.entries.size;
	}

	get(key: string): V | undefined {
		const value = this.entries.get(key);
		if (value !== undefined) {
			// Map keeps insertion order: re-inserting makes it the most recently used.
			this.entries.delete(key);
			this.entries.set(key, value);
		}
		return value;
	}

	set(key: string, value: V): void {
		this.entries.delete(key);
		this.entries.set(key, value);
		while (this.entries.size > this.capacity) {
			const oldest = this.entries.keys().next().value as string;
			this.entries.delete(oldest);
		}
	}

	clear(): void {
		this.entries.clear();
	}
}

/** Enough for every page × a few weeks and filter sets in use at once. */
export const CACHE_ENTRIES = 64;

/**
 * Separate caches, so that paging through the transcript list (a new key per page) does not
 * push the review pages' figures out.
 */
const AREAS = { pages: CACHE_ENTRIES, conversations: 256 } as const;
export type CacheArea = keyof typeof AREAS;

interface HandleCache {
	version: string;
	values: BoundedCache<unknown>;
}

const caches = new WeakMap<DbHandle, Map<CacheArea, HandleCache>>();

/**
 * The value for `key` as of the database's current data version: computed by `compute` on a
 * miss. Keys name the page and every parameter the value depends on.
 */
export function memo<V>(
	handle: DbHandle,
	key: string,
	compute: () => V,
	area: CacheArea = 'pages'
): V {
	const version = dataVersion(handle);
	let areas = caches.get(handle);
	if (!areas) {
		areas = new Map();
		caches.set(handle, areas);
	}
	let cache = areas.get(area);
	if (!cache) {
		cache = { version, values: new BoundedCache(AREAS[area]) };
		areas.set(area, cache);
	} else if (cache.version !== version) {
		cache.values.clear();
		cache.version = version;
	}
	const hit = cache.values.get(key);
	if (hit !== undefined) return hit as V;
	const value = compute();
	cache.values.set(key, value);
	return value;
}
