import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/client';
import type { DbHandle } from '../../src/lib/server/db/client';
import { importsPage } from '../../src/lib/server/dashboard/imports';
import { importFiles } from '../../src/lib/server/ingest/service';
import { setSetting } from '../../src/lib/server/db/repos/settings';
import { dumpTables, testDb } from '../helpers/db';
import { scratchDir, writeFile } from '../helpers/files';

const root = new URL('../..', import.meta.url).pathname;
const FIXTURES = join(import.meta.dirname, '../fixtures/freshdesk');

function parityJson(dir: string, args: string[]) {
	const result = spawnSync(process.execPath, [join(root, 'bin/parity.js'), ...args], {
		cwd: root,
		encoding: 'utf8',
		env: { ...process.env, PARITY_DB: join(dir, 'parity.db'), PARITY_DATA_DIR: dir }
	});
	expect(result.stderr).toBe('');
	expect(result.status).toBe(0);
	return JSON.parse(result.stdout) as {
		files: Array<{ format: string; counts: Record<string, number>; warnings: string[] }>;
	};
}

/** Ratings of chatwoot's ticket 2001, of a ticket in no file, and an answer Freshdesk has not. */
const RATINGS = [
	{
		id: 1,
		survey_id: 3,
		user_id: 1001,
		agent_id: 501,
		group_id: 42,
		ticket_id: 2001,
		feedback: 'Fixed in the end',
		ratings: { default_question: 102 },
		created_at: '2024-01-05T09:00:00Z',
		updated_at: '2024-01-05T09:00:00Z'
	},
	{ id: 2, survey_id: 3, ticket_id: 999, ratings: { default_question: -103 } },
	{ id: 3, survey_id: 3, ticket_id: 2001, ratings: { default_question: 4 } }
];

function rows(db: DbHandle, sql: string) {
	return db.sqlite.prepare(sql).all();
}

function fixture(name: string): Record<string, unknown> {
	return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Record<string, unknown>;
}

describe('Freshdesk API JSON, end to end', () => {
	it('is offered in the upload page’s Format list, with Help Scout, by the importers’ labels', () => {
		const formats = importsPage(testDb()).formats.map((format) => [format.name, format.label]);
		expect(formats).toContainEqual(['freshdesk', 'Freshdesk API JSON']);
		expect(formats).toContainEqual(['helpscout', 'Help Scout API JSON']);
	});

	it('parity import reads the fixture folder without --format, and again with --format freshdesk', () => {
		const dir = scratchDir();
		const first = parityJson(dir, ['import', FIXTURES, '--json']);
		// Files in name order: chatwoot's email ticket (description + 3 conversations), its web
		// chat (6 conversations; the description repeats the first), freshdesk-cli's ticket 1
		// (description + 3), then its list of tickets 1 and 2 (descriptions only). The list is
		// older (updated_at 15 Jan against the ticket's 16 Jan): its description of ticket 1
		// does not replace the newer one, it only fills what that lacked; ticket 2 is new.
		expect(first.files.map((file) => [file.format, file.counts])).toEqual([
			['freshdesk', counts(1, 1, 0, 1, 0, 4)],
			['freshdesk', counts(1, 1, 0, 1, 0, 6)],
			['freshdesk', counts(1, 1, 0, 1, 0, 4)],
			['freshdesk', counts(2, 2, 0, 1, 1, 1)]
		]);
		expect(first.files[3]?.warnings).toEqual([
			'2 tickets carry no conversations (ticket lists do not): only their descriptions were imported; export each ticket with include=conversations to bring the replies'
		]);

		const db = openDatabase(join(dir, 'parity.db'));
		try {
			expect(
				rows(
					db,
					`SELECT external_id, channel, status, handler, message_count, tags, assignee, team,
					        started_at, ended_at FROM conversations ORDER BY started_at`
				)
			).toEqual(
				[
					row(
						'1',
						'web',
						'open',
						'human',
						4,
						// The newer export's tags: the older list's ("sample", "test", "api") do not replace them.
						'["support","attachment"]',
						'1000000002',
						'1000000003',
						Date.UTC(2024, 0, 15, 10, 30),
						Date.UTC(2024, 0, 16, 14)
					),
					row(
						'2001',
						'email',
						'resolved',
						'human',
						4,
						'["checkout"]',
						'501',
						'42',
						Date.UTC(2024, 0, 2, 10),
						Date.UTC(2024, 0, 4, 12, 30)
					),
					row(
						'2',
						'email',
						'open',
						'none',
						1,
						'["urgent","outage"]',
						'1000000002',
						'1000000003',
						Date.UTC(2024, 0, 16, 8, 15),
						Date.UTC(2024, 0, 16, 8, 15)
					),
					row(
						'2101',
						'chat',
						'open',
						'human',
						6,
						'[]',
						'510',
						null,
						Date.UTC(2026, 6, 31, 8),
						Date.UTC(2026, 6, 31, 8, 10)
					)
				].sort((a, b) => a.started_at - b.started_at)
			);
			// 4 + 6 + 4 + 1: ticket 1's older description was neither added nor written over the newer.
			expect(rows(db, 'SELECT COUNT(*) AS n FROM messages')).toEqual([{ n: 15 }]);
			// Requesters 1001, 1101, 1000000001 and 1000000004.
			expect(rows(db, 'SELECT COUNT(*) AS n FROM customers')).toEqual([{ n: 4 }]);
			expect(
				rows(
					db,
					`SELECT m.key, m.role, m.role_origin, m.is_public FROM messages m
					   JOIN conversations c ON c.id = m.conversation_id
					  WHERE c.external_id = '2001' ORDER BY m.created_at`
				)
			).toEqual([
				{ key: 'id:ticket:2001', role: 'customer', role_origin: 'tool', is_public: 1 },
				{ key: 'id:3001', role: 'agent', role_origin: 'rules', is_public: 1 },
				{ key: 'id:3002', role: 'agent', role_origin: 'rules', is_public: 0 },
				{ key: 'id:3003', role: 'customer', role_origin: 'tool', is_public: 1 }
			]);
		} finally {
			db.sqlite.close();
		}

		const again = parityJson(dir, ['import', FIXTURES, '--json', '--format', 'freshdesk']);
		// freshdesk-cli's two files share ticket 1 with two different descriptions: the newer
		// export's stands, so reading the folder again changes nothing at all.
		expect(
			again.files.map((file) => [file.counts.recordsDuplicate, file.counts.conversationsUpdated])
		).toEqual([
			[1, 0],
			[1, 0],
			[1, 0],
			[2, 0]
		]);
	});

	it('applies satisfaction ratings to imported tickets, rejecting the rest with reasons', async () => {
		const db = testDb();
		await importFiles(db, [join(FIXTURES, 'chatwoot-ticket-with-conversations.json')]);
		const file = writeFile(scratchDir(), 'satisfaction_ratings.json', JSON.stringify(RATINGS));
		const [report] = await importFiles(db, [file]);
		expect(report?.format).toBe('freshdesk');
		expect(report?.counts).toMatchObject({
			recordsRead: 3,
			recordsImported: 1,
			recordsRejected: 2,
			conversationsUpdated: 1,
			messagesImported: 0
		});
		expect(
			rows(db, `SELECT csat_offered, csat_value, csat_scale, message_count FROM conversations`)
		).toEqual([{ csat_offered: 1, csat_value: '6', csat_scale: '1-7', message_count: 4 }]);
		expect(rows(db, 'SELECT locator, reason FROM rejects ORDER BY id')).toEqual([
			{
				locator: '[1] (rating of ticket 999)',
				reason:
					'updates conversation 999, which has not been imported: import the file that holds it, then this one again'
			},
			{
				locator: '[2]',
				reason: 'ratings.default_question: not a Freshdesk survey answer: 4 (-103 to 103)'
			}
		]);
	});

	it('applies a ratings file read before the tickets it rates in the same import', async () => {
		const db = testDb();
		const dir = scratchDir();
		// Named so that the ratings come first, as a folder's files are read in name order.
		writeFile(dir, 'a-satisfaction_ratings.json', JSON.stringify(RATINGS));
		writeFile(
			dir,
			'b-ticket.json',
			readFileSync(join(FIXTURES, 'chatwoot-ticket-with-conversations.json'))
		);
		const [ratings, ticket] = await importFiles(db, [dir]);
		expect(ticket?.counts).toMatchObject({ recordsImported: 1, conversationsCreated: 1 });
		// The rating of ticket 2001 waited for the ticket; 999 is in no file, 4 is no answer.
		expect(ratings?.counts).toMatchObject({
			recordsRead: 3,
			recordsImported: 1,
			recordsRejected: 2,
			conversationsUpdated: 1
		});
		expect(rows(db, 'SELECT csat_value, csat_scale FROM conversations')).toEqual([
			{ csat_value: '6', csat_scale: '1-7' }
		]);
		expect(rows(db, 'SELECT locator FROM rejects ORDER BY locator')).toEqual([
			{ locator: '[1] (rating of ticket 999)' },
			{ locator: '[2]' }
		]);
		expect(
			rows(db, 'SELECT records_read, records_imported, records_rejected FROM imports ORDER BY id')
		).toEqual([
			{ records_read: 3, records_imported: 1, records_rejected: 2 },
			{ records_read: 1, records_imported: 1, records_rejected: 0 }
		]);
		// Read again, in the same order: nothing changes.
		const before = dumpTables(db);
		const again = await importFiles(db, [dir]);
		expect(again.map((report) => report.counts.recordsImported)).toEqual([0, 0]);
		expect(dumpTables(db)).toEqual(before);
	});

	it('applies ratings to a kept ticket under a retention period (a rating carries no start of its own)', async () => {
		const db = testDb();
		await importFiles(db, [join(FIXTURES, 'chatwoot-ticket-with-conversations.json')]);
		setSetting(db, 'privacy.retentionMonths', 120);
		const file = writeFile(scratchDir(), 'ratings.json', JSON.stringify(RATINGS.slice(0, 1)));
		const [report] = await importFiles(db, [file]);
		expect(report?.counts).toMatchObject({ recordsImported: 1, recordsRejected: 0 });
		expect(rows(db, 'SELECT csat_value FROM conversations')).toEqual([{ csat_value: '6' }]);
	});

	it('rejects malformed records, naming the field, and imports the rest', async () => {
		const db = testDb();
		const pair = fixture('chatwoot-ticket-with-conversations.json') as {
			ticket: Record<string, unknown>;
			conversations: Array<Record<string, unknown>>;
		};
		const file = writeFile(
			scratchDir(),
			'export.ndjson',
			[
				pair,
				{
					ticket: { ...pair.ticket, id: 2002 },
					conversations: [{ ...pair.conversations[0], created_at: '2024-13-01T00:00:00Z' }]
				},
				pair.conversations[1],
				{ ...pair.ticket, id: undefined },
				{ ticket: { ...pair.ticket, id: 2003 }, conversations: { id: 1 } }
			]
				.map((record) => JSON.stringify(record))
				.join('\n') + '\n'
		);
		const [report] = await importFiles(db, [file]);
		expect(report?.format).toBe('freshdesk');
		expect(report?.counts).toMatchObject({
			recordsRead: 5,
			recordsImported: 1,
			recordsRejected: 4
		});
		expect(rows(db, 'SELECT locator, reason FROM rejects ORDER BY id')).toEqual([
			{
				locator: 'line 2 (ticket 2002)',
				reason: "conversations[0].created_at: not a date: '2024-13-01T00:00:00Z'"
			},
			{
				locator: 'line 3',
				reason:
					'a conversation without its ticket: export tickets with include=conversations, or pair each ticket with its conversations'
			},
			{
				locator: 'line 4',
				reason: expect.stringMatching(/^id: .*missing/)
			},
			{ locator: 'line 5', reason: 'conversations: not a list' }
		]);
	});
});

function counts(
	read: number,
	imported: number,
	duplicate: number,
	created: number,
	updated: number,
	messages: number
) {
	return {
		recordsRead: read,
		recordsImported: imported,
		recordsDuplicate: duplicate,
		recordsRejected: 0,
		conversationsCreated: created,
		conversationsUpdated: updated,
		messagesImported: messages
	};
}

function row(
	external_id: string,
	channel: string,
	status: string,
	handler: string,
	message_count: number,
	tags: string,
	assignee: string,
	team: string | null,
	started_at: number,
	ended_at: number
) {
	return {
		external_id,
		channel,
		status,
		handler,
		message_count,
		tags,
		assignee,
		team,
		started_at,
		ended_at
	};
}
