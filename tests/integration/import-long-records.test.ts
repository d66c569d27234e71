import { describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../src/lib/server/ingest/adapters';
import {
	BATCH_TEXT_CHARS,
	readUnit,
	type StagedBatch
} from '../../src/lib/server/ingest/read-unit';
import { importFiles } from '../../src/lib/server/ingest/service';
import { testDb } from '../helpers/db';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

/**
 * Exports of long conversations: a ticket with a hundred long comments is a record of a
 * megabyte. Its NDJSON line is longer than the sample format detection reads, and a thousand
 * of them would make one batch of a gigabyte.
 */

const PARAGRAPH =
	'I was charged twice for the same order and would like the second payment refunded, please. '.repeat(
		120
	);

function longConversation(index: number) {
	return {
		id: `long-${index}`,
		channel: 'email',
		customer: { email: `customer${index}@example.com` },
		messages: Array.from({ length: 100 }, (_, m) => ({
			id: `long-${index}-${m}`,
			role: m % 2 === 0 ? 'customer' : 'agent',
			created_at: new Date(Date.UTC(2026, 2, 2, 9, index, m)).toISOString(),
			text: `${PARAGRAPH} (${m})`
		}))
	};
}

const file = () =>
	writeFile(
		scratchDir(),
		'long.ndjson',
		ndjson(Array.from({ length: 12 }, (_, i) => longConversation(i)))
	);

describe('NDJSON of long conversations', () => {
	it('is read line by line although its first line is longer than the detection sample', async () => {
		const db = testDb();
		const path = file();
		const [report] = await importFiles(db, [path]);
		expect(report?.status).toBe('done');
		expect(report?.counts).toMatchObject({
			recordsRead: 12,
			recordsImported: 12,
			recordsRejected: 0,
			messagesImported: 1200
		});
		expect(db.sqlite.prepare('SELECT COUNT(*) FROM conversations').pluck().get()).toBe(12);
	});

	it('still reads a one-line JSON document longer than the sample as one document', async () => {
		const db = testDb();
		// Minified, as APIs write them, with a line end only at the very end.
		const document = `${JSON.stringify({ conversations: Array.from({ length: 3 }, (_, i) => longConversation(i)) })}\n`;
		const path = writeFile(scratchDir(), 'page.json', document);
		const [report] = await importFiles(db, [path]);
		expect(report?.counts).toMatchObject({
			recordsRead: 3,
			recordsImported: 3,
			recordsRejected: 0
		});
	});

	it('closes a batch once it holds BATCH_TEXT_CHARS of text, however few records', async () => {
		const path = file();
		const batches: StagedBatch[] = [];
		const reader = readUnit(
			{
				path,
				companions: [],
				companionNames: [],
				adapterName: 'canonical',
				tool: 'canonical',
				fileName: 'long.ndjson',
				timeZone: 'UTC',
				botRules: [],
				batchSize: 1000,
				identityKeyHex: null,
				enrichWith: null
			},
			ADAPTERS
		);
		for (let next = await reader.next(); !next.done; next = await reader.next())
			batches.push(next.value);
		// Each line is some 1.1M characters: four of them pass 4 Mi characters.
		expect(JSON.stringify(longConversation(0)).length).toBeGreaterThan(BATCH_TEXT_CHARS / 4);
		expect(JSON.stringify(longConversation(0)).length).toBeLessThan(BATCH_TEXT_CHARS / 3);
		expect(batches.map((batch) => batch.staged.length)).toEqual([4, 4, 4]);
	});
});
