import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testDb } from '../../../../../../tests/helpers/db';
import { scratchDir, writeFile } from '../../../../../../tests/helpers/files';
import {
	FRONT_FIXTURE,
	frontConversation,
	frontObjects
} from '../../../../../../tests/helpers/front';
import { detectFormat } from '../../detect';
import { importFiles } from '../../service';
import { ADAPTERS } from '../index';
import { detectFront } from './index';

function rows(db: ReturnType<typeof testDb>, sql: string) {
	return db.sqlite.prepare(sql).all();
}

describe('detection', () => {
	it('recognises a conversation with its messages, above the other importers', () => {
		const sample = JSON.stringify(frontConversation(), null, 2);
		const detected = detectFormat(ADAPTERS, { fileName: 'conversation.json', sample });
		expect([detected.adapter.name, detected.confidence]).toEqual(['front', 0.95]);
	});

	it('recognises NDJSON of conversations, and a list page of conversations without messages', () => {
		const line = JSON.stringify(frontConversation());
		const ndjson = detectFormat(ADAPTERS, { fileName: 'c.ndjson', sample: `${line}\n${line}\n` });
		expect([ndjson.adapter.name, ndjson.confidence]).toEqual(['front', 0.95]);
		const page = JSON.stringify({
			_pagination: { next: null },
			_links: { self: 'https://yourCompany.api.frontapp.com/conversations' },
			_results: [frontObjects().ConversationResponse]
		});
		const listed = detectFormat(ADAPTERS, { fileName: 'page.json', sample: page });
		expect([listed.adapter.name, listed.confidence]).toEqual(['front', 0.9]);
	});

	it('leaves other tools’ files alone', () => {
		const fixtures = new URL('../../../../../../tests/fixtures/', import.meta.url).pathname;
		for (const file of [
			'freshdesk/chatwoot-ticket-with-conversations.json',
			'helpscout/v1-beaconchat-conversation.json',
			'zendesk/go-zendesk/tickets.json'
		]) {
			expect([file, detectFront(readFileSync(fixtures + file, 'utf8')).confidence]).toEqual([
				file,
				0
			]);
		}
	});
});

describe('Front API JSON through the import pipeline', () => {
	it('imports the conversation, its messages and note; importing it again changes nothing', async () => {
		const db = testDb();
		const file = writeFile(scratchDir(), 'conversation.json', JSON.stringify(frontConversation()));
		const [first] = await importFiles(db, [file]);
		expect(first?.format).toBe('front');
		expect(first?.counts).toMatchObject({
			recordsRead: 1,
			recordsImported: 1,
			recordsRejected: 0,
			conversationsCreated: 1,
			// Three sent messages and the comment; the draft is not one.
			messagesImported: 4
		});
		expect(first?.warnings).toEqual([]);
		expect(
			rows(
				db,
				`SELECT external_id, channel, status, handler, message_count, tags, assignee,
				        started_at, ended_at FROM conversations`
			)
		).toEqual([
			{
				external_id: 'cnv_yo1kg5q',
				channel: 'email',
				status: 'resolved',
				// The bot answered first, then Michael Scott: handed to a human.
				handler: 'hybrid',
				message_count: 4,
				tags: '["Warehouse task"]',
				assignee: 'Michael Scott',
				started_at: Date.UTC(2023, 10, 29, 21, 17, 29, 333),
				ended_at: Date.UTC(2023, 10, 29, 21, 21, 40, 250)
			}
		]);
		expect(
			rows(db, 'SELECT key, role, role_origin, is_public FROM messages ORDER BY created_at')
		).toEqual([
			{ key: 'id:msg_inbound', role: 'customer', role_origin: 'tool', is_public: 1 },
			{ key: 'id:msg_bot', role: 'ai', role_origin: 'tool', is_public: 1 },
			{ key: 'id:comment:com_1ywg3f2', role: 'agent', role_origin: 'rules', is_public: 0 },
			{ key: 'id:msg_agent', role: 'agent', role_origin: 'rules', is_public: 1 }
		]);
		expect(rows(db, 'SELECT kind, value FROM customer_identities ORDER BY kind')).toEqual([
			{ kind: 'email', value: 'purpleboss@limitlesspaper.com' },
			{ kind: 'external', value: 'front:crd_2njtoem' }
		]);

		const [again] = await importFiles(db, [file]);
		expect(again?.counts).toMatchObject({
			recordsRead: 1,
			recordsDuplicate: 1,
			messagesImported: 0
		});
	});

	it('reads a list page and NDJSON pairs, warns of conversations without messages, rejects bad records by field', async () => {
		const db = testDb();
		const o = frontObjects();
		const conversation = frontConversation();
		const { messages, comments, ...bare } = conversation;
		const dir = scratchDir();
		const page = writeFile(
			dir,
			'page.json',
			JSON.stringify({
				_pagination: { next: null },
				_results: [
					{ ...bare, id: 'cnv_bare' },
					{ ...bare, id: '' }
				]
			})
		);
		const pairs = writeFile(
			dir,
			'pairs.ndjson',
			[
				{ conversation: { ...bare, id: 'cnv_pair' }, messages: { _results: messages }, comments },
				{
					conversation: { ...bare, id: 'cnv_late' },
					messages: [{ ...o.MessageResponse, draft_mode: null, created_at: 'soon' }]
				},
				{ ...o.MessageResponse, draft_mode: null },
				'not an object'
			]
				.map((record) => JSON.stringify(record))
				.join('\n') + '\n'
		);
		const [listed, paired] = await importFiles(db, [page, pairs]);
		expect([listed?.format, paired?.format]).toEqual(['front', 'front']);
		expect(listed?.counts).toMatchObject({
			recordsRead: 2,
			recordsImported: 1,
			recordsRejected: 1
		});
		expect(listed?.warnings).toEqual([
			"1 conversation carries no messages (GET /conversations leaves them out): embed each conversation's messages to bring them"
		]);
		expect(paired?.counts).toMatchObject({
			recordsRead: 4,
			recordsImported: 1,
			recordsRejected: 3,
			messagesImported: 4
		});
		expect(rows(db, 'SELECT locator, reason FROM rejects ORDER BY id')).toEqual([
			{
				locator: '_results[1]',
				reason: expect.stringMatching(/^id: .*got ''$/)
			},
			{
				locator: 'line 2 (conversation cnv_late)',
				reason: "messages[0].created_at: not a date: 'soon'"
			},
			{
				locator: 'line 3',
				reason:
					'a message without its conversation: export each conversation with its messages embedded, or pair them as {"conversation", "messages"}'
			},
			{ locator: 'line 4', reason: 'not a JSON object' }
		]);
		// Both imported conversations are the same customer's.
		expect(rows(db, 'SELECT COUNT(*) AS n FROM customers')).toEqual([{ n: 1 }]);
	});

	it('treats the spec-examples file itself as Front, and rejects it with a reason rather than dropping it', async () => {
		const db = testDb();
		const [report] = await importFiles(db, [FRONT_FIXTURE]);
		expect(report?.format).toBe('front');
		expect(report?.counts).toMatchObject({ recordsRead: 1, recordsRejected: 1 });
		expect(rows(db, 'SELECT reason FROM rejects')).toEqual([
			{
				reason:
					'id: Invalid input: expected string, received undefined; missing (fields present: source, note, objects)'
			}
		]);
	});
});
