import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createImportStore } from '../../src/lib/server/db/repos/import-store';
import { currentConfig } from '../../src/lib/server/derive/config';
import { importEnricher } from '../../src/lib/server/derive/score';
import { ADAPTERS } from '../../src/lib/server/ingest/adapters';
import { runImport } from '../../src/lib/server/ingest/pipeline';
import { importFiles } from '../../src/lib/server/ingest/service';
import type { ImportStore } from '../../src/lib/server/ingest/store';
import { dumpTables, testDb } from '../helpers/db';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

const conversation = (
	id: string,
	texts: Array<[string, string, string]>,
	extra: Record<string, unknown> = {}
) => ({
	id,
	channel: 'chat',
	customer: { email: `${id}@example.com` },
	messages: texts.map(([role, created_at, text]) => ({ role, created_at, text })),
	...extra
});

describe('canonical import, end to end on a real database', () => {
	it('imports, then recognises the same file as all duplicates and changes nothing', async () => {
		const db = testDb();
		const dir = scratchDir();
		const file = writeFile(
			dir,
			'export.ndjson',
			ndjson([
				conversation('a', [
					['customer', '2026-03-02T09:00:00Z', 'Where is my refund?'],
					['ai', '2026-03-02T09:00:04Z', 'I can help with refunds.']
				]),
				conversation('b', [
					['customer', '2026-03-02T10:00:00Z', 'Card declined'],
					['agent', '2026-03-02T10:03:00Z', 'Let me look']
				])
			])
		);
		const [first] = await importFiles(db, [file]);
		expect(first?.counts).toMatchObject({
			recordsRead: 2,
			recordsImported: 2,
			recordsDuplicate: 0,
			recordsRejected: 0,
			conversationsCreated: 2,
			messagesImported: 4
		});
		const before = dumpTables(db);
		const [second] = await importFiles(db, [file]);
		expect(second?.counts).toMatchObject({
			recordsRead: 2,
			recordsImported: 0,
			recordsDuplicate: 2
		});
		expect(dumpTables(db)).toEqual(before);
		const handlers = db.sqlite
			.prepare('SELECT external_id, handler FROM conversations ORDER BY external_id')
			.all();
		expect(handlers).toEqual([
			{ external_id: 'a', handler: 'ai' },
			{ external_id: 'b', handler: 'human' }
		]);
	});

	it('merges an overlapping later export: new messages and a late CSAT answer update the conversation', async () => {
		const db = testDb();
		const dir = scratchDir();
		const early = writeFile(
			dir,
			'week1.ndjson',
			ndjson([
				conversation('a', [
					['customer', '2026-03-02T09:00:00Z', 'Hi'],
					['ai', '2026-03-02T09:00:04Z', 'Hello']
				])
			])
		);
		const later = writeFile(
			dir,
			'week2.ndjson',
			ndjson([
				conversation(
					'a',
					[
						['customer', '2026-03-02T09:00:00Z', 'Hi'],
						['ai', '2026-03-02T09:00:04Z', 'Hello'],
						['customer', '2026-03-02T09:01:00Z', 'I want a human'],
						['agent', '2026-03-02T09:05:00Z', 'I am here']
					],
					{ csat: { score: 2, scale: '1-5', answered_at: '2026-03-03T08:00:00Z' } }
				)
			])
		);
		await importFiles(db, [early]);
		const [report] = await importFiles(db, [later]);
		expect(report?.counts).toMatchObject({
			conversationsUpdated: 1,
			messagesImported: 2,
			recordsImported: 1
		});
		const row = db.sqlite
			.prepare('SELECT handler, message_count, csat_value, csat_scale FROM conversations')
			.get();
		expect(row).toEqual({
			handler: 'hybrid',
			message_count: 4,
			csat_value: '2',
			csat_scale: '1-5'
		});
		// The earlier export again adds nothing and takes nothing away.
		const [again] = await importFiles(db, [early]);
		expect(again?.counts).toMatchObject({ recordsDuplicate: 1, conversationsUpdated: 0 });
		expect(db.sqlite.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 4 });
	});

	it('lets the newer of two exports of a conversation win whichever is read first, the older only filling gaps', async () => {
		const dir = scratchDir();
		const withIds = (record: ReturnType<typeof conversation>, ids: string[]) => ({
			...record,
			messages: record.messages.map((message, i) => ({ ...message, id: ids[i] }))
		});
		const newer = writeFile(
			dir,
			'newer.ndjson',
			ndjson([
				withIds(
					conversation('a', [['customer', '2026-03-02T09:00:00Z', 'Refund still missing']], {
						updated_at: '2026-03-03T12:00:00Z',
						tags: ['refunds'],
						assignee: 'Ann'
					}),
					['m1']
				)
			])
		);
		const older = writeFile(
			dir,
			'older.ndjson',
			ndjson([
				withIds(
					conversation(
						'a',
						[
							['customer', '2026-03-02T08:59:00Z', 'Hello?'],
							['customer', '2026-03-02T09:00:00Z', 'Refund missing']
						],
						{ updated_at: '2026-03-02T09:30:00Z', tags: ['billing'], team: 'Tier 1' }
					),
					['m0', 'm1']
				)
			])
		);
		const stored = async (paths: string[]) => {
			const db = testDb();
			for (const path of paths) await importFiles(db, [path]);
			const state = db.sqlite
				.prepare(
					`SELECT c.tags, c.assignee, c.team, c.source_updated_at, m.key, m.body
					   FROM conversations c JOIN messages m ON m.conversation_id = c.id ORDER BY m.created_at`
				)
				.all();
			const again = await importFiles(db, paths);
			return { state, againImported: again.map((report) => report.counts.recordsImported) };
		};
		const expected = {
			state: [
				// The older export's extra message and team are added; its text, tags do not win.
				['m0', 'Hello?'],
				['m1', 'Refund still missing']
			].map(([key, body]) => ({
				tags: '["refunds"]',
				assignee: 'Ann',
				team: 'Tier 1',
				source_updated_at: Date.parse('2026-03-03T12:00:00Z'),
				key: `id:${key}`,
				body
			})),
			againImported: [0, 0]
		};
		expect(await stored([older, newer])).toEqual(expected);
		expect(await stored([newer, older])).toEqual(expected);
	});

	it('keeps every bad record as a reject with a reason naming the field', async () => {
		const db = testDb();
		const dir = scratchDir();
		const file = writeFile(
			dir,
			'mixed.ndjson',
			[
				JSON.stringify(conversation('ok', [['customer', '2026-03-02T09:00:00Z', 'fine']])),
				'{"id": "broken", ',
				JSON.stringify(conversation('baddate', [['customer', '31/02/2026', 'when?']])),
				JSON.stringify({
					id: 'norole',
					messages: [{ role: 'robot', created_at: '2026-03-02T09:00:00Z', text: 'x' }]
				})
			].join('\n')
		);
		const [report] = await importFiles(db, [file]);
		expect(report?.counts).toMatchObject({
			recordsRead: 4,
			recordsImported: 1,
			recordsRejected: 3
		});
		const rejects = db.sqlite
			.prepare('SELECT locator, reason FROM rejects ORDER BY id')
			.all() as Array<{ locator: string; reason: string }>;
		expect(rejects.map((r) => r.locator)).toEqual([
			'line 2',
			'line 3 (id baddate)',
			'line 4 (id norole)'
		]);
		expect(rejects[0]?.reason).toMatch(/^not JSON/);
		expect(rejects[1]?.reason).toBe("messages[0].created_at: not a date: '31/02/2026'");
		expect(rejects[2]?.reason).toMatch(/^messages\[0\]\.role: .*; got 'robot'$/);
	});

	it('names the formats it knows when no importer recognises a file', async () => {
		const db = testDb();
		const file = writeFile(scratchDir(), 'notes.txt', 'just some notes\nnothing tabular\n');
		const [report] = await importFiles(db, [file]);
		expect(report?.status).toBe('failed');
		expect(report?.importId).toBeNull();
		expect(report?.error).toMatch(
			/notes\.txt: not a format Parity recognises.*Formats Parity knows: .*canonical \(/
		);
	});
});

describe('reading in a worker thread', () => {
	it('stores exactly what reading in this thread stores, rejects included', async () => {
		const dir = scratchDir();
		const records = Array.from({ length: 25_000 }, (_, i) =>
			conversation(`c${i}`, [
				['customer', `2026-03-0${1 + (i % 7)}T09:00:00Z`, `question ${i % 17}`],
				[i % 3 ? 'ai' : 'agent', `2026-03-0${1 + (i % 7)}T09:00:05Z`, 'answer']
			])
		);
		const lines = ndjson(records).split('\n');
		lines.splice(100, 0, '{"id": broken');
		const file = writeFile(dir, 'export.ndjson', lines.join('\n'));
		// Above the size from which the pipeline hands reading to a worker thread.
		expect(statSync(file).size).toBeGreaterThan(4 * 1024 * 1024);
		const serial = testDb();
		const parallel = testDb();
		const [a] = await importFiles(serial, [file], { parallel: false });
		const [b] = await importFiles(parallel, [file], { parallel: true });
		expect(b?.counts).toEqual(a?.counts);
		expect(b?.counts.recordsRejected).toBe(1);
		expect(dumpTables(parallel)).toEqual(dumpTables(serial));
	});

	it('scores every conversation before storing it, on whichever thread had the time', async () => {
		const file = writeFile(
			scratchDir(),
			'export.ndjson',
			ndjson(
				Array.from({ length: 20_000 }, (_, i) =>
					conversation(`c${i}`, [
						['customer', '2026-03-02T09:00:00Z', `my card was declined again ${i}`],
						['ai', '2026-03-02T09:00:05Z', 'Sorry to hear that. Let me check.']
					])
				)
			)
		);
		expect(statSync(file).size).toBeGreaterThan(4 * 1024 * 1024);
		const handle = testDb();
		const store = createImportStore(handle, { writeScores: true });
		// Batches as the writer stores them: the reader leaves scoring to the writer when it
		// would otherwise wait (the first batch, at least), and the writer must then score them.
		const scored: boolean[] = [];
		const watched: ImportStore = {
			...store,
			writeBatch: (importId, sourceId, staged, rejects, bytesRead) => {
				scored.push(staged.every((item) => item.enriched !== undefined));
				return store.writeBatch(importId, sourceId, staged, rejects, bytesRead);
			}
		};
		const [report] = await runImport(watched, ADAPTERS, {
			paths: [file],
			timeZone: 'UTC',
			parallel: true,
			enrich: { config: currentConfig(handle), create: importEnricher }
		});
		expect(report?.counts.conversationsCreated).toBe(20_000);
		expect(scored.length).toBeGreaterThanOrEqual(20);
		expect(scored.every(Boolean)).toBe(true);
	});
});

describe('canonical conversations with no messages (the format allows an empty list)', () => {
	it('are recognised as canonical JSON and NDJSON without --format, and imported', async () => {
		const db = testDb();
		const dir = scratchDir();
		const empty = (id: string) => ({ id, started_at: '2026-03-02T09:00:00Z', messages: [] });
		const files = [
			writeFile(dir, 'one.json', JSON.stringify(empty('e1'))),
			writeFile(dir, 'lines.ndjson', ndjson([empty('e2'), empty('e3')]))
		];
		const reports = await importFiles(db, files);
		expect(reports).toMatchObject([
			{
				format: 'canonical',
				status: 'done',
				detection: expect.stringMatching(/^JSON with id and empty messages\[\]/)
			},
			{
				format: 'canonical',
				status: 'done',
				detection: expect.stringMatching(/^NDJSON with id and empty messages\[\]/)
			}
		]);
		expect(reports.map((report) => report.counts.conversationsCreated)).toEqual([1, 2]);
	});
});
