import { describe, expect, it } from 'vitest';
import { readJsonRecords, type JsonRecordOptions } from './json-records';

async function* chunked(text: string, size: number): AsyncGenerator<string> {
	for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}

async function records(text: string, options: JsonRecordOptions, size = 7) {
	const out: Array<{ key: string | null; index: number; value: unknown }> = [];
	for await (const record of readJsonRecords(chunked(text, size), options)) {
		if (!record.ok) throw new Error(record.error);
		out.push({ key: record.key, index: record.index, value: record.value });
	}
	return out;
}

describe('readJsonRecords', () => {
	const page = JSON.stringify({
		tickets: [{ id: 1 }, { id: 2 }],
		next_page: null,
		users: [{ id: 10, tags: ['a,b'] }],
		count: 2
	});

	it('streams only the first listed array by default', async () => {
		expect(await records(page, { listKeys: ['tickets', 'users'] })).toEqual([
			{ key: 'tickets', index: 0, value: { id: 1 } },
			{ key: 'tickets', index: 1, value: { id: 2 } }
		]);
	});

	it('with everyListKey, streams side-loads after the main list, numbering each list from 0', async () => {
		const scalars: Array<[string, unknown]> = [];
		const out = await records(page, {
			listKeys: ['tickets', 'users'],
			everyListKey: true,
			onTopLevel: (key, value) => scalars.push([key, value])
		});
		expect(out).toEqual([
			{ key: 'tickets', index: 0, value: { id: 1 } },
			{ key: 'tickets', index: 1, value: { id: 2 } },
			{ key: 'users', index: 0, value: { id: 10, tags: ['a,b'] } }
		]);
		expect(scalars).toEqual([
			['next_page', null],
			['count', 2]
		]);
	});

	it('with everyListKey, an object under a listed key is one record', async () => {
		const single = '{ "ticket": {"id": 7, "via": {"channel": "web"}}, "users": [{"id": 3}] }';
		for (const size of [1, 5, 1000]) {
			expect(
				await records(single, { listKeys: ['ticket', 'users'], everyListKey: true }, size)
			).toEqual([
				{ key: 'ticket', index: 0, value: { id: 7, via: { channel: 'web' } } },
				{ key: 'users', index: 0, value: { id: 3 } }
			]);
		}
	});

	it('still yields the whole object when no listed key is present', async () => {
		expect(
			await records('{"id": 1, "events": []}', { listKeys: ['tickets'], everyListKey: true })
		).toEqual([{ key: null, index: 0, value: { id: 1, events: [] } }]);
	});
});
