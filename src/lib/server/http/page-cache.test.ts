import { describe, expect, it } from 'vitest';
import { PageCache, pageKey, type KeptPage } from './page-cache';

const page = (over: Partial<KeptPage> = {}): KeptPage => ({
	version: '7.120',
	keptAt: 1_000,
	status: 200,
	headers: [['content-type', 'text/html']],
	body: new TextEncoder().encode('<h1>Weekly review</h1>'),
	...over
});
const viewer = { id: 3, name: 'Vic', email: 'vic@example.com', role: 'viewer' };

describe('the kept pages', () => {
	it('answers a page kept at the same data version within a minute', () => {
		const cache = new PageCache();
		expect(cache.keep('k', page())).toBe(true);
		expect(cache.get('k', '7.120', 1_000 + 59_999)?.body).toEqual(page().body);
	});

	it('forgets it once anything was committed, or after a minute', () => {
		const cache = new PageCache();
		cache.keep('k', page());
		expect(cache.get('k', '7.121', 2_000)).toBeUndefined();
		expect(cache.get('k', '8.120', 2_000)).toBeUndefined();
		expect(cache.get('k', '7.120', 1_000 + 60_000)).toBeUndefined();
	});

	it('keeps only plain successes: no error, no cookie set, nothing huge', () => {
		const cache = new PageCache();
		expect(cache.keep('a', page({ status: 500 }))).toBe(false);
		expect(cache.keep('b', page({ headers: [['Set-Cookie', 'parity_session=; Max-Age=0']] }))).toBe(
			false
		);
		expect(cache.keep('c', page({ body: new Uint8Array((1 << 20) + 1) }))).toBe(false);
		for (const key of ['a', 'b', 'c']) expect(cache.get(key, '7.120', 1_000)).toBeUndefined();
	});

	it('keys a page by who asks, how and for what', () => {
		const base = { user: viewer, dataRequest: false, address: '/?week=2026-W47' };
		const key = pageKey(base);
		expect(pageKey({ ...base })).toBe(key);
		expect(pageKey({ ...base, user: { ...viewer, id: 4 } })).not.toBe(key);
		expect(pageKey({ ...base, user: { ...viewer, role: 'analyst' } })).not.toBe(key);
		expect(pageKey({ ...base, user: { ...viewer, name: 'Victor' } })).not.toBe(key);
		expect(pageKey({ ...base, dataRequest: true })).not.toBe(key);
		expect(pageKey({ ...base, address: '/?week=2026-W46' })).not.toBe(key);
	});

	it('holds at most its byte budget, dropping the least recently used first', () => {
		const cache = new PageCache(100);
		const sized = (bytes: number) => page({ body: new Uint8Array(bytes) });
		cache.keep('a', sized(40));
		cache.keep('b', sized(40));
		expect(cache.get('a', '7.120', 1_000)).toBeDefined(); // a is now the more recent
		cache.keep('c', sized(40));
		expect(cache.size).toBe(80);
		expect(cache.get('b', '7.120', 1_000)).toBeUndefined();
		expect(cache.get('a', '7.120', 1_000)).toBeDefined();
		expect(cache.get('c', '7.120', 1_000)).toBeDefined();
		expect(cache.keep('d', sized(101))).toBe(false);
		// Replacing a page counts its bytes once.
		cache.keep('c', sized(10));
		expect(cache.size).toBe(50);
	});
});
