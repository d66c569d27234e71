import { describe, expect, it } from 'vitest';
import { drainChanges } from '../../src/lib/server/derive/drain';
import { importFiles } from '../../src/lib/server/ingest/service';
import { testDb } from '../helpers/db';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

type Line = [role: string, at: string, text: string];
const conversation = (id: string, lines: Line[], extra: Record<string, unknown> = {}) => ({
	id,
	channel: 'chat',
	customer: { email: `${id}@example.com` },
	messages: lines.map(([role, created_at, text]) => ({ role, created_at, text })),
	...extra
});

const count = (db: ReturnType<typeof testDb>, sql: string) =>
	(db.sqlite.prepare(sql).get() as { n: number }).n;

describe('derivation as part of the import', () => {
	it('scores new conversations in the batch, sentiment on customer messages only, and rolls up', async () => {
		const db = testDb();
		const file = writeFile(
			scratchDir(),
			'a.ndjson',
			ndjson([
				conversation('a', [
					['customer', '2026-03-02T09:00:00Z', 'Where is my refund? This is awful'],
					['ai', '2026-03-02T09:00:04Z', 'Refunds take 5 to 10 working days.']
				]),
				conversation('b', [
					['customer', '2026-03-03T10:00:00Z', 'My parcel has not arrived'],
					['agent', '2026-03-03T10:03:00Z', 'Sorry, I have sent a new one.'],
					['customer', '2026-03-03T10:04:00Z', 'Great, thank you!']
				])
			])
		);
		await importFiles(db, [file]);
		const scores = db.sqlite
			.prepare(
				`SELECT c.external_id, s.week, s.topic, s.topic_origin, s.customer_turns, s.silent_end, s.abandoned,
				        s.first_response_seconds, s.sentiment_start < 0 AS negative_start
				   FROM conversation_scores s JOIN conversations c ON c.id = s.conversation_id ORDER BY 1`
			)
			.all();
		expect(scores).toEqual([
			{
				external_id: 'a',
				week: '2026-W10',
				topic: 'refunds',
				topic_origin: 'keywords',
				customer_turns: 1,
				silent_end: 1,
				abandoned: 1,
				first_response_seconds: 4,
				negative_start: 1
			},
			{
				external_id: 'b',
				week: '2026-W10',
				topic: 'delivery',
				topic_origin: 'keywords',
				customer_turns: 2,
				silent_end: 0,
				abandoned: 0,
				first_response_seconds: 180,
				negative_start: 1
			}
		]);
		expect(
			db.sqlite
				.prepare('SELECT role, sentiment IS NOT NULL AS scored FROM messages ORDER BY id')
				.all()
		).toEqual([
			{ role: 'customer', scored: 1 },
			{ role: 'ai', scored: 0 },
			{ role: 'customer', scored: 1 },
			{ role: 'agent', scored: 0 },
			{ role: 'customer', scored: 1 }
		]);
		expect(count(db, 'SELECT COUNT(*) AS n FROM conversation_changes')).toBe(0);
		expect(
			db.sqlite
				.prepare(
					'SELECT week, handler, topic, source, conversations, messages, abandonments FROM rollup_weekly ORDER BY handler'
				)
				.all()
		).toEqual([
			{
				week: '2026-W10',
				handler: 'ai',
				topic: 'refunds',
				source: 'canonical',
				conversations: 1,
				messages: 2,
				abandonments: 1
			},
			{
				week: '2026-W10',
				handler: 'human',
				topic: 'delivery',
				source: 'canonical',
				conversations: 1,
				messages: 3,
				abandonments: 0
			}
		]);
	});

	it('rescores a conversation a later export extends, moving it to another handler', async () => {
		const db = testDb();
		const dir = scratchDir();
		const first: Line[] = [
			['customer', '2026-03-02T09:00:00Z', 'I was charged twice for my subscription'],
			['ai', '2026-03-02T09:00:04Z', 'Charges can take a few days to settle.']
		];
		await importFiles(db, [writeFile(dir, '1.ndjson', ndjson([conversation('a', first)]))]);
		expect(db.sqlite.prepare('SELECT handler, conversations FROM rollup_weekly').all()).toEqual([
			{ handler: 'ai', conversations: 1 }
		]);
		await importFiles(db, [
			writeFile(
				dir,
				'2.ndjson',
				ndjson([
					conversation('a', [
						...first,
						['customer', '2026-03-02T09:01:00Z', 'I want to talk to a human'],
						['ai', '2026-03-02T09:01:02Z', 'Connecting you now.'],
						['customer', '2026-03-02T09:02:00Z', 'I was charged twice for my subscription!'],
						['agent', '2026-03-02T09:05:00Z', 'Refunded the second charge.']
					])
				])
			)
		]);
		expect(
			db.sqlite
				.prepare(
					'SELECT escalated, repeated_after_handoff, asked_for_human, customer_turns FROM conversation_scores'
				)
				.get()
		).toEqual({ escalated: 1, repeated_after_handoff: 1, asked_for_human: 1, customer_turns: 3 });
		expect(
			db.sqlite
				.prepare(
					'SELECT handler, conversations, escalations, escalation_eligible FROM rollup_weekly'
				)
				.all()
		).toEqual([{ handler: 'hybrid', conversations: 1, escalations: 1, escalation_eligible: 1 }]);
		expect(count(db, 'SELECT COUNT(*) AS n FROM messages WHERE sentiment IS NOT NULL')).toBe(3);
	});

	it('an import killed before deriving leaves the queue; the next import derives it', async () => {
		const db = testDb();
		const dir = scratchDir();
		const lines: Line[] = [
			['customer', '2026-03-02T09:00:00Z', 'hello'],
			['agent', '2026-03-02T09:01:00Z', 'hi']
		];
		// derive: false stores exactly what a killed import had committed: batches, no derivation.
		await importFiles(db, [writeFile(dir, '1.ndjson', ndjson([conversation('a', lines)]))], {
			derive: false
		});
		expect(count(db, 'SELECT COUNT(*) AS n FROM conversation_changes')).toBe(1);
		expect(count(db, 'SELECT COUNT(*) AS n FROM rollup_weekly')).toBe(0);
		await importFiles(db, [writeFile(dir, '2.ndjson', ndjson([conversation('b', lines)]))]);
		expect(count(db, 'SELECT COUNT(*) AS n FROM conversation_changes')).toBe(0);
		expect(count(db, 'SELECT COUNT(*) AS n FROM conversation_scores')).toBe(2);
		expect(count(db, 'SELECT SUM(conversations) AS n FROM rollup_weekly')).toBe(2);
	});

	it('dirty weeks left by a refresh that never ran are refreshed by the next drain', async () => {
		const db = testDb();
		const lines: Line[] = [
			['customer', '2026-03-02T09:00:00Z', 'hello'],
			['agent', '2026-03-02T09:01:00Z', 'hi']
		];
		await importFiles(db, [
			writeFile(scratchDir(), '1.ndjson', ndjson([conversation('a', lines)]))
		]);
		// As if killed between a chunk's transaction and the rollup refresh.
		db.sqlite.prepare('DELETE FROM rollup_weekly').run();
		db.sqlite.prepare("INSERT INTO rollup_dirty_weeks (week) VALUES ('2026-W10')").run();
		const summary = drainChanges(db);
		expect(summary.weeksRefreshed).toBe(1);
		expect(count(db, 'SELECT SUM(conversations) AS n FROM rollup_weekly')).toBe(1);
		expect(count(db, 'SELECT COUNT(*) AS n FROM rollup_dirty_weeks')).toBe(0);
	});

	it('rebuilds the rollups of a database built before "ended negative" needed a reply', async () => {
		const db = testDb();
		await importFiles(db, [
			writeFile(
				scratchDir(),
				'1.ndjson',
				ndjson([
					conversation('a', [
						['customer', '2026-03-02T09:00:00Z', 'This is awful, my card was charged twice!'],
						['agent', '2026-03-02T09:01:00Z', 'I have refunded the second charge.'],
						['customer', '2026-03-02T09:03:00Z', 'Still terrible, I am very angry.']
					]),
					conversation('b', [
						['customer', '2026-03-03T09:00:00Z', 'This is awful, my card was charged twice!'],
						['agent', '2026-03-03T09:01:00Z', 'I have refunded the second charge.']
					])
				])
			)
		]);
		const rollups =
			'SELECT SUM(ending_known) AS known, SUM(negative_end) AS negative FROM rollup_weekly';
		// b's customer never answered: its ending is unknown, not its angry opening.
		expect(db.sqlite.prepare(rollups).get()).toEqual({ known: 1, negative: 1 });
		// As the previous release left it: no ending_known, b's opening counted, no version.
		db.sqlite.prepare('UPDATE rollup_weekly SET ending_known = 0, negative_end = 2').run();
		const state = db.sqlite.prepare("SELECT value FROM derivation_state WHERE key = 'built'");
		const built = JSON.parse((state.get() as { value: string }).value) as Record<string, unknown>;
		delete built.rollups;
		db.sqlite
			.prepare("UPDATE derivation_state SET value = ? WHERE key = 'built'")
			.run(JSON.stringify(built));

		const summary = drainChanges(db);
		expect(summary.rebuilt).toBe('rollups');
		expect(summary.rescored).toBe(0);
		expect(db.sqlite.prepare(rollups).get()).toEqual({ known: 1, negative: 1 });
		expect(drainChanges(db).rebuilt).toBe('none');
	});

	it('importing the same file again derives nothing and changes no rollup', async () => {
		const db = testDb();
		const file = writeFile(
			scratchDir(),
			'a.ndjson',
			ndjson([
				conversation('a', [
					['customer', '2026-03-02T09:00:00Z', 'hello'],
					['agent', '2026-03-02T09:01:00Z', 'hi']
				])
			])
		);
		await importFiles(db, [file]);
		const before = db.sqlite.prepare('SELECT * FROM rollup_weekly').all();
		await importFiles(db, [file]);
		expect(db.sqlite.prepare('SELECT * FROM rollup_weekly').all()).toEqual(before);
		expect(count(db, 'SELECT COUNT(*) AS n FROM conversation_changes')).toBe(0);
	});
});
