import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/server/ingest/service';
import { testDb } from '../helpers/db';
import { scratchDir, writeFile } from '../helpers/files';

const root = new URL('../..', import.meta.url).pathname;
const FIXTURE = join(import.meta.dirname, '../fixtures/helpscout/v1-beaconchat-conversation.json');

describe('Help Scout API JSON, end to end', () => {
	it('parity import recognises the API 1.0 conversation and imports its one thread', () => {
		const dir = scratchDir();
		const run = () => {
			const result = spawnSync(
				process.execPath,
				[join(root, 'bin/parity.js'), 'import', FIXTURE, '--json'],
				{
					cwd: root,
					encoding: 'utf8',
					env: { ...process.env, PARITY_DB: join(dir, 'parity.db'), PARITY_DATA_DIR: dir }
				}
			);
			expect(result.status).toBe(0);
			return (JSON.parse(result.stdout) as { files: Array<Record<string, unknown>> }).files;
		};
		const [first] = run();
		expect(first).toMatchObject({
			format: 'helpscout',
			counts: {
				recordsRead: 1,
				recordsImported: 1,
				recordsRejected: 0,
				conversationsCreated: 1,
				messagesImported: 1
			}
		});
		const [again] = run();
		expect(again).toMatchObject({ counts: { recordsRead: 1, recordsDuplicate: 1 } });
	});

	it('reads a 2.0 list page, warns of conversations without threads, rejects a bad one', async () => {
		const db = testDb();
		const customer = {
			id: 12,
			type: 'customer',
			first: 'Ada',
			last: 'Byron',
			email: 'Ada@Example.com'
		};
		const agent = { id: 99, type: 'user', first: 'Sam', last: 'Ortiz', email: 'sam@example.com' };
		const conversation = (id: number, extra: object) => ({
			id,
			number: id,
			type: 'chat',
			status: 'closed',
			mailboxId: 13,
			createdBy: customer,
			primaryCustomer: customer,
			createdAt: '2026-03-02T09:00:00Z',
			closedAt: '2026-03-02T09:30:00Z',
			source: { type: 'chat', via: 'customer' },
			tags: [{ id: 1, color: '#929499', tag: 'billing' }],
			...extra
		});
		const page = {
			_embedded: {
				conversations: [
					conversation(501, {
						_embedded: {
							threads: [
								{
									id: 3,
									type: 'chat',
									state: 'published',
									body: 'Done.',
									createdBy: agent,
									createdAt: '2026-03-02T09:05:00Z'
								},
								{
									id: 2,
									type: 'chat',
									state: 'published',
									body: 'Let me look.',
									createdBy: { ...agent, id: 7, type: 'system_user', first: 'AI', last: 'Answers' },
									createdAt: '2026-03-02T09:01:00Z'
								},
								{
									id: 1,
									type: 'chat',
									state: 'published',
									body: 'I was charged twice',
									createdBy: customer,
									createdAt: '2026-03-02T09:00:00Z'
								}
							]
						}
					}),
					// A list page without embed=threads: the conversation alone.
					conversation(502, { threads: 4 }),
					conversation(503, { createdAt: 'soon' })
				]
			},
			page: { size: 25, totalElements: 3, totalPages: 1, number: 1 }
		};
		const file = writeFile(scratchDir(), 'conversations.json', JSON.stringify(page));
		const [report] = await importFiles(db, [file]);
		expect(report?.format).toBe('helpscout');
		expect(report?.counts).toMatchObject({
			recordsRead: 3,
			recordsImported: 2,
			recordsRejected: 1,
			conversationsCreated: 2,
			messagesImported: 3
		});
		// 502 and 503 came without threads (503 is then rejected for its date).
		expect(report?.warnings).toEqual([
			'2 conversations carry no threads (list pages leave them out): fetch each with embed=threads to bring the messages'
		]);
		expect(
			db.sqlite
				.prepare(
					`SELECT external_id, channel, status, handler, message_count, tags, team, ended_at
					   FROM conversations ORDER BY external_id`
				)
				.all()
		).toEqual([
			{
				external_id: '501',
				channel: 'chat',
				status: 'closed',
				// The AI answered first, then a person.
				handler: 'hybrid',
				message_count: 3,
				tags: '["billing"]',
				team: '13',
				ended_at: Date.UTC(2026, 2, 2, 9, 30)
			},
			{
				external_id: '502',
				channel: 'chat',
				status: 'closed',
				handler: 'none',
				message_count: 0,
				tags: '["billing"]',
				team: '13',
				ended_at: Date.UTC(2026, 2, 2, 9, 30)
			}
		]);
		// Both conversations are Ada's: one customer.
		expect(db.sqlite.prepare('SELECT COUNT(*) AS n FROM customers').get()).toEqual({ n: 1 });
		expect(db.sqlite.prepare('SELECT locator, reason FROM rejects').all()).toEqual([
			{
				locator: '[0]._embedded.conversations[2] (conversation 503)',
				reason: "createdAt: not a date: 'soon'"
			}
		]);
	});
});
