import { describe, expect, it } from 'vitest';
import { JsonStructureError, readJsonRecords } from './json-records';

async function* chunks(text: string, size: number) {
	for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

async function collect(text: string, size: number, listKeys?: string[]) {
	const records: unknown[] = [];
	const top: Array<[string, unknown]> = [];
	for await (const record of readJsonRecords(chunks(text, size), {
		listKeys,
		onTopLevel: (k, v) => top.push([k, v])
	})) {
		records.push(record.ok ? [record.key, record.index, record.value] : ['error', record.index]);
	}
	return { records, top };
}

describe('readJsonRecords', () => {
	const page =
		'{"count": 2, "tickets": [ {"id":1,"subject":"a,]}\\"x"} , {"id":2,"tags":[1,{"a":[]}]} ], "users": [{"id":9}], "next_page": null}';

	it.each([1, 2, 7, 64, 10_000])(
		'finds the records under a listed key whatever the chunk size (%i)',
		async (size) => {
			const { records, top } = await collect(page, size, ['tickets']);
			expect(records).toEqual([
				['tickets', 0, { id: 1, subject: 'a,]}"x' }],
				['tickets', 1, { id: 2, tags: [1, { a: [] }] }]
			]);
			expect(top).toEqual([
				['count', 2],
				['next_page', null]
			]);
		}
	);

	it('streams a top-level array and treats a lone object as one record', async () => {
		expect((await collect('[{"a":1},{"b":2}]', 3)).records).toEqual([
			[null, 0, { a: 1 }],
			[null, 1, { b: 2 }]
		]);
		expect((await collect('{"id": 5, "parts": [1, 2]}', 4, ['tickets'])).records).toEqual([
			[null, 0, { id: 5, parts: [1, 2] }]
		]);
	});

	it('reports a malformed element and carries on with the next one', async () => {
		expect((await collect('[{"a":1}, {"b":}, {"c":3}]', 5)).records).toEqual([
			[null, 0, { a: 1 }],
			['error', 1],
			[null, 2, { c: 3 }]
		]);
	});

	it('says where a truncated document ends', async () => {
		await expect(collect('[{"a":1}, {"b":', 4)).rejects.toThrow(JsonStructureError);
		await expect(collect('[{"a":1}, {"b":', 4)).rejects.toThrow('the file ends inside record 1');
		await expect(collect('hello there', 100)).rejects.toThrow(
			"expected a JSON array or object, found 'hello there'"
		);
	});
});
