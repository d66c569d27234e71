import { describe, expect, it } from 'vitest';
import { scratchDir, writeFile } from '../../../../../../tests/helpers/files';
import { openInput } from '../../input';
import type { AdapterItem } from '../../types';
import { csvAdapter } from './index';

async function items(content: string, name = 'export.csv') {
	const input = await openInput(writeFile(scratchDir(), name, content));
	const warnings: string[] = [];
	const out: AdapterItem[] = [];
	for await (const item of csvAdapter.read(input, {
		fileName: name,
		timeZone: 'UTC',
		companions: [],
		warn: (message) => warnings.push(message)
	})) {
		out.push(item);
	}
	return { items: out, warnings };
}

describe('csv detect', () => {
	it('is fairly sure of a header that maps, below tool-specific importers', () => {
		const detection = csvAdapter.detect({
			fileName: 'x.csv',
			sample: 'Ticket ID,Created At,Author Type,Body\nT1,2026-03-01,customer,hi\n'
		});
		expect(detection.confidence).toBe(0.6);
		expect(detection.reason).toMatch(/^CSV header maps Ticket ID → conversationId/);
	});

	it('takes a table whose header does not map, just above the threshold, to explain it', () => {
		const detection = csvAdapter.detect({
			fileName: 'cases.csv',
			sample: 'Case Ref;Who;When;Said\nK1;Client;2026-03-01;hi\n'
		});
		expect(detection).toEqual({
			confidence: 0.51,
			reason: 'CSV whose header has no conversation id, message text or transcript, timestamp'
		});
	});

	// Detection parsed the first 32 KB whole, and a long transcript cell cut there made the
	// parse fail: the file was "not a format Parity recognises".
	it('reads the header when the sample ends inside a long quoted cell', () => {
		const turns = Array.from({ length: 400 }, (_, i) => `[10:${i % 60}] Customer: line ${i}`);
		const sample = `chat_id,started_at,transcript\nC1,2026-03-01 10:00,"${turns.join('\n')}"\n`;
		expect(csvAdapter.detect({ fileName: 'x.csv', sample: sample.slice(0, 4000) }).confidence).toBe(
			0.6
		);
	});

	it('leaves JSON and prose alone', () => {
		expect(csvAdapter.detect({ fileName: 'a.json', sample: '[{"a": 1}]' }).confidence).toBe(0);
		expect(
			csvAdapter.detect({ fileName: 'notes.txt', sample: 'just some notes\nnothing tabular\n' })
				.confidence
		).toBe(0);
	});
});

describe('csv read', () => {
	it('groups contiguous rows, and emits another fragment when an id comes back', async () => {
		const { items: read } = await items(
			[
				'conversation_id,timestamp,role,text',
				'A,2026-03-02T09:00:00Z,customer,hi',
				'A,2026-03-02T09:01:00Z,agent,hello',
				'B,2026-03-02T10:00:00Z,customer,yo',
				'A,2026-03-02T09:02:00Z,customer,thanks'
			].join('\n')
		);
		expect(read.map((item) => [item.kind, item.locator, item.records])).toEqual([
			['conversation', 'lines 2-3 (conversation_id A)', 2],
			['conversation', 'line 4 (conversation_id B)', 1],
			['conversation', 'line 5 (conversation_id A)', 1]
		]);
	});

	it('rejects an unreadable row and keeps the rows before it', async () => {
		const { items: read } = await items(
			[
				'conversation_id,timestamp,role,text',
				'A,2026-03-02T09:00:00Z,customer,hi',
				'A,2026-03-02T09:01:00Z,agent,"never closed'
			].join('\n')
		);
		// A reject goes out when its row is read, a conversation when its last row is.
		expect(read.map((item) => [item.kind, item.locator])).toEqual([
			['reject', 'line 3'],
			['conversation', 'line 2 (conversation_id A)']
		]);
		expect(read[0]).toMatchObject({
			reason: expect.stringMatching(/^unreadable CSV row: Quote Not Closed/)
		});
	});

	it('passes the order the whole file decided on every item', async () => {
		const { items: read, warnings } = await items(
			[
				'conversation_id,timestamp,role,text',
				'A,01/02/2026 09:00,customer,hi',
				'B,25/02/2026 09:00,customer,hi'
			].join('\n')
		);
		expect(read.map((item) => item.kind === 'conversation' && item.dateOrder)).toEqual([
			'dmy',
			'dmy'
		]);
		expect(warnings).toEqual([
			"dates in column timestamp read day-first (the whole file decided it, e.g. '25/02/2026 09:00')"
		]);
	});

	it('fails a file whose header lacks the required fields', async () => {
		await expect(items('Ref,Who,Said\n1,Client,hi\n')).rejects.toThrow(
			/^cannot tell which columns hold the conversations\. Headers found: "Ref", "Who", "Said"\./
		);
	});
});
