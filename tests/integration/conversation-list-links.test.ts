import { beforeAll, describe, expect, it } from 'vitest';
import {
	conversationQuery,
	conversationQueryFromForm,
	parseConversationQuery
} from '../../src/lib/domain/conversation-filters';
import { conversationsHref } from '../../src/lib/links';
import type { DbHandle } from '../../src/lib/server/db/client';
import { conversationsPage, listConversations } from '../../src/lib/server/dashboard/conversations';
import { transcript } from '../../src/lib/server/dashboard/transcript';
import { importFiles } from '../../src/lib/server/ingest/service';
import { testDb } from '../helpers/db';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

/**
 * The transcript list on six conversations written out by hand, so that every expectation
 * below can be checked by reading the table: the addresses the review pages build
 * (links.ts) open exactly the conversations they stand for.
 *
 *   id  week      started             handler  channel  customer   first customer words
 *   a   2026-W10  Mon 03-02 12:00     ai       chat     ann        Where is my refund? …
 *   b   2026-W10  Tue 03-03 12:00     human    chat     bob        My parcel has not arrived
 *   c   2026-W10  Wed 03-04 12:00     hybrid   email    cid        I want a refund …
 *   d   2026-W11  Mon 03-09 12:00     ai       chat     ann        refund please …
 *   e   2026-W11  Tue 03-10 12:00     none     chat     eve        Hello? Anyone?
 *   f   2026-W09  Wed 02-25 12:00     human    chat     fay        Thanks for the help
 *
 * ann's second contact (d) is five days after a ended: a repeat contact of a.
 */

type Line = [role: string, at: string, text: string];
const conversation = (id: string, who: string, lines: Line[], channel = 'chat') => ({
	id,
	channel,
	customer: { email: `${who}@example.com` },
	messages: lines.map(([role, created_at, text]) => ({ role, created_at, text }))
});

let db: DbHandle;

beforeAll(async () => {
	db = testDb();
	const file = writeFile(
		scratchDir(),
		'hand.ndjson',
		ndjson([
			conversation('a', 'ann', [
				['customer', '2026-03-02T12:00:00Z', 'Where is my refund? This is awful'],
				['ai', '2026-03-02T12:00:05Z', 'Refunds take 5 to 10 working days.']
			]),
			conversation('b', 'bob', [
				['customer', '2026-03-03T12:00:00Z', 'My parcel has not arrived'],
				['agent', '2026-03-03T12:03:00Z', 'Sorry, I have sent a new one.']
			]),
			conversation(
				'c',
				'cid',
				[
					['customer', '2026-03-04T12:00:00Z', 'I want a refund for my order'],
					['ai', '2026-03-04T12:00:05Z', 'I can help with orders.'],
					['customer', '2026-03-04T12:01:00Z', 'Let me talk to a person'],
					['agent', '2026-03-04T12:05:00Z', 'Hi, I am Sam. Let me look.']
				],
				'email'
			),
			conversation('d', 'ann', [
				['customer', '2026-03-09T12:00:00Z', 'refund please, still nothing'],
				['ai', '2026-03-09T12:00:05Z', 'Refunds take 5 to 10 working days.']
			]),
			conversation('e', 'eve', [['customer', '2026-03-10T12:00:00Z', 'Hello? Anyone?']]),
			conversation('f', 'fay', [
				['customer', '2026-02-25T12:00:00Z', 'Thanks for the help'],
				['agent', '2026-02-25T12:01:00Z', 'You are welcome.']
			])
		])
	);
	const [report] = await importFiles(db, [file]);
	expect(report?.status).toBe('done');
}, 60_000);

/** The external ids the list shows for a link, newest first, and its count. */
function open(href: string) {
	const { filters, position, ignored } = parseConversationQuery(
		new URL(href, 'http://x').searchParams
	);
	expect(ignored).toEqual([]);
	const list = listConversations(db, filters, position);
	return { ids: list.rows.map((row) => row.externalId), count: list.count, list };
}

describe('the list behind a review link', () => {
	it.each([
		// [what the review shows, the link it builds, what the list must hold]
		[
			'the AI (it started them) in W10',
			{ week: '2026-W10', handler: ['ai', 'hybrid'] as const },
			['c', 'a']
		],
		[
			'the AI over two weeks',
			{ week: '2026-W11', weeks: 2, handler: ['ai', 'hybrid'] as const },
			['d', 'c', 'a']
		],
		['humans over two weeks', { week: '2026-W11', weeks: 2, handler: ['human'] as const }, ['b']],
		[
			'a gaps cell: both sides, three weeks',
			{ week: '2026-W11', weeks: 3, handler: ['ai', 'hybrid', 'human'] as const },
			['d', 'c', 'b', 'a', 'f']
		],
		['a week, everyone', { week: '2026-W11' }, ['e', 'd']],
		[
			'the AI on email',
			{ week: '2026-W10', handler: ['ai', 'hybrid'] as const, channel: 'email' },
			['c']
		],
		[
			'the AI on chat',
			{ week: '2026-W10', handler: ['ai', 'hybrid'] as const, channel: 'chat' },
			['a']
		]
	])('%s', (_label, filter, want) => {
		const { ids, count } = open(conversationsHref(filter));
		expect(ids).toEqual(want);
		expect(count).toBe(want.length);
	});

	it('counts a review segment from the rollups, the unanswered from their index', () => {
		const segment = open(
			conversationsHref({ week: '2026-W11', weeks: 2, handler: ['ai', 'hybrid'] })
		);
		expect(segment.list.countedFrom).toBe('rollups');
		// e, nobody answered it, is not in the rollups; the count still has it.
		const everyone = open('/conversations?week=2026-W11');
		expect(everyone.list.countedFrom).toBe('rollups');
		expect(everyone.count).toBe(2);
		expect(open('/conversations?handler=none').ids).toEqual(['e']);
		expect(open('/conversations?handler=human,none').ids).toEqual(['e', 'b', 'f']);
	});
});

describe('the list’s own filters', () => {
	it.each([
		['a word, in any message', 'q=refund', ['d', 'c', 'a']],
		['a word with the review’s filters', 'q=refund&week=2026-W10&handler=ai,hybrid', ['c', 'a']],
		['a phrase', 'q=%22talk+to+a+person%22', ['c']],
		['a word nobody wrote', 'q=invoice', []],
		['escalated to a human', 'signal=escalated', ['c']],
		['every handler is no filter', 'handler=ai,human,hybrid,none&week=2026-W09', ['f']]
	])('%s', (_label, query, want) => {
		const { ids, count } = open(`/conversations?${query}`);
		expect(ids).toEqual(want);
		expect(count).toBe(want.length);
	});

	it('names what it did not understand, and lists the rest', () => {
		const { filters, ignored } = parseConversationQuery(
			new URLSearchParams('handler=ai,robot&weeks=0&week=2026-W10&signal=grumpy')
		);
		expect(ignored).toEqual(['handler=robot', 'signal=grumpy', 'weeks=0']);
		expect(filters.handlers).toEqual(['ai']);
		expect(filters.weeks).toBeUndefined();
	});

	it('writes a link in the same words as the review pages', () => {
		const href = conversationsHref({
			week: '2026-W11',
			weeks: 2,
			handler: ['ai', 'hybrid'],
			channel: 'chat',
			topic: 'refunds'
		});
		const { filters } = parseConversationQuery(new URL(href, 'http://x').searchParams);
		expect(`/conversations${conversationQuery(filters)}`).toBe(href);
	});

	it('turns a submitted form into the same link, leaving out empty fields', () => {
		expect(
			conversationQueryFromForm([
				['q', ' refund '],
				['week', '2026-W11'],
				['weeks', '2'],
				['handler', 'ai,hybrid'],
				['channel', ''],
				['signal', 'escalated'],
				['signal', 'abandoned']
			])
		).toBe('?week=2026-W11&weeks=2&handler=ai,hybrid&signal=abandoned&signal=escalated&q=refund');
	});

	it('answers a repeated request from its cache until the data change', () => {
		const filters = parseConversationQuery(new URLSearchParams('week=2026-W10')).filters;
		const first = conversationsPage(db, filters, {});
		expect(conversationsPage(db, filters, {}).list).toBe(first.list);
		db.sqlite
			.prepare("UPDATE conversations SET customer_name = 'Ann' WHERE external_id = 'a'")
			.run();
		const after = conversationsPage(db, filters, {});
		expect(after.list).not.toBe(first.list);
		expect(after.list.rows.find((row) => row.externalId === 'a')?.customerName).toBe('Ann');
	});
});

describe('the transcript', () => {
	const idOf = (external: string) =>
		(
			db.sqlite.prepare('SELECT id FROM conversations WHERE external_id = ?').get(external) as {
				id: number;
			}
		).id;

	it('shows each message’s author role, the customer’s sentiment and the escalation point', () => {
		const view = transcript(db, idOf('c'));
		expect(view?.messages.map((m) => m.role)).toEqual(['customer', 'ai', 'customer', 'agent']);
		// Sentiment is read on customer messages only.
		expect(view?.messages.map((m) => m.sentiment !== null)).toEqual([true, false, true, false]);
		// The hand-over follows the AI's last message before the human's first.
		expect(view?.messages.map((m) => m.handoverAfter)).toEqual([false, true, false, false]);
		expect(view?.messages[2]?.signals).toContain('asked-for-human');
		expect(view?.signals).toContain('escalated');
	});

	it('links the customer’s previous and next contacts, the repeat marked', () => {
		const a = transcript(db, idOf('a'));
		const d = transcript(db, idOf('d'));
		expect(a?.contacts.map((c) => [c.id, c.current, c.repeatOfPrevious])).toEqual([
			[idOf('a'), true, false],
			[idOf('d'), false, true]
		]);
		expect(a?.repeatNext).toBe(idOf('d'));
		expect(d?.repeatOf).toBe(idOf('a'));
		expect(d?.repeatNext).toBeNull();
		// Nobody else's conversations are in the chain.
		expect(transcript(db, idOf('b'))?.contacts.map((c) => c.id)).toEqual([idOf('b')]);
	});

	it('names staff and bots by name or tool id, and never shows a customer’s id', async () => {
		const file = writeFile(
			scratchDir(),
			'authors.ndjson',
			ndjson([
				{
					id: 'n',
					customer: { email: 'nia@example.com' },
					messages: [
						{
							role: 'customer',
							author_id: 'nia@example.com',
							created_at: '2026-03-12T12:00:00Z',
							text: 'Card blocked'
						},
						{
							role: 'ai',
							author_id: 'fin',
							author_name: 'Fin',
							created_at: '2026-03-12T12:00:05Z',
							text: 'Let me check'
						},
						{
							role: 'agent',
							author_id: '501',
							created_at: '2026-03-12T12:03:00Z',
							text: 'Unblocked now'
						}
					]
				}
			])
		);
		await importFiles(db, [file]);
		// The customer's id is stored as a keyed hash (personal data minimised): not a name.
		expect(transcript(db, idOf('n'))?.messages.map((m) => m.author)).toEqual([null, 'Fin', '501']);
	});

	it('keeps markup in a message as text (the page renders it as a text node)', async () => {
		const markup = '<script>alert(1)</script><b>hi</b>';
		const email = 'Hello,\n\nI WANT THIS FIXED NOW\n\nBest regards,\nMal';
		const file = writeFile(
			scratchDir(),
			'markup.ndjson',
			ndjson([
				conversation('m', 'mal', [
					['customer', '2026-03-11T12:00:00Z', markup],
					['customer', '2026-03-11T12:01:00Z', email]
				])
			])
		);
		await importFiles(db, [file]);
		const view = transcript(db, idOf('m'));
		expect(view?.messages.map((m) => m.text)).toEqual([markup, email]);
		// Signals of a message are read as scoring reads them: without greeting and sign-off.
		expect(view?.messages[1]?.signals).toEqual(['shouting']);
		expect(view?.signals).toContain('shouting');
	});
});
