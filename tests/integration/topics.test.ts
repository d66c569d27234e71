import { describe, expect, it } from 'vitest';
import { listRollupCells } from '../../src/lib/server/db/repos/rollups';
import { loadTaxonomy } from '../../src/lib/server/db/repos/topics';
import { drainChanges } from '../../src/lib/server/derive/drain';
import { topicTermReport, updateTaxonomy } from '../../src/lib/server/derive/service';
import { importFiles } from '../../src/lib/server/ingest/service';
import { testDb } from '../helpers/db';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

const conversation = (id: string, text: string, tags: string[] = []) => ({
	id,
	channel: 'chat',
	tags,
	customer: { email: `${id}@example.com` },
	messages: [
		{ role: 'customer', created_at: '2026-03-03T10:00:00Z', text },
		{ role: 'agent', created_at: '2026-03-03T10:05:00Z', text: 'Happy to help with that.' }
	]
});

const topics = (db: ReturnType<typeof testDb>) =>
	Object.fromEntries(
		(
			db.sqlite
				.prepare(
					'SELECT c.external_id AS id, s.topic FROM conversation_scores s JOIN conversations c ON c.id = s.conversation_id'
				)
				.all() as Array<{ id: string; topic: string }>
		).map((row) => [row.id, row.topic])
	);

describe('topics', () => {
	it('tags first, then keywords, then other; a taxonomy change re-derives topics and rollups', async () => {
		const db = testDb();
		await importFiles(db, [
			writeFile(
				scratchDir(),
				'topics.ndjson',
				ndjson([
					conversation('tagged', 'I have a question', ['Refund_Request']),
					conversation('keywords', 'The app keeps crashing after the update'),
					conversation('voucher-1', 'My gift voucher code is not accepted at checkout'),
					conversation('voucher-2', 'Can I use two gift voucher codes on one order?'),
					conversation('nothing', 'Do you have a referral programme?')
				])
			)
		]);
		expect(topics(db)).toEqual({
			tagged: 'refunds',
			keywords: 'app-errors',
			'voucher-1': 'other',
			'voucher-2': 'other',
			nothing: 'other'
		});
		// What "other" talks about, for growing the taxonomy.
		const other = topicTermReport(db).find((entry) => entry.topic === 'other');
		expect(other?.conversations).toBe(3);
		// "gift" and "voucher" only ever come together: suggested as the phrase.
		expect(other?.terms.slice(0, 3).map((term) => term.term)).toEqual(
			expect.arrayContaining(['gift voucher'])
		);

		const taxonomy = loadTaxonomy(db);
		const result = updateTaxonomy(db, {
			topics: [
				...taxonomy.topics,
				{
					name: 'vouchers',
					label: 'Vouchers',
					keywords: ['gift voucher', 'voucher code'],
					tags: []
				}
			]
		});
		expect(result.ok).toBe(true);
		expect(topics(db)).toMatchObject({
			'voucher-1': 'vouchers',
			'voucher-2': 'vouchers',
			nothing: 'other'
		});
		const byTopic = Object.fromEntries(
			listRollupCells(db).map((cell) => [cell.topic, cell.conversations])
		);
		expect(byTopic).toEqual({ refunds: 1, 'app-errors': 1, vouchers: 2, other: 1 });
		// Nothing is left to derive afterwards.
		expect(drainChanges(db).conversations).toBe(0);
	});

	it('refuses an invalid taxonomy with a reason and changes nothing', () => {
		const db = testDb();
		const before = loadTaxonomy(db);
		const result = updateTaxonomy(db, {
			topics: [{ name: 'Bad Name', label: 'x', keywords: [], tags: [] }]
		});
		expect(result).toEqual({ ok: false, error: 'topics.0.name: lower-case words joined by "-"' });
		expect(loadTaxonomy(db)).toEqual(before);
	});
});
