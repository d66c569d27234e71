import { beforeAll, describe, expect, it } from 'vitest';
import {
	conversationQuery,
	parseConversationQuery,
	type ConversationFilters
} from '../../src/lib/domain/conversation-filters';
import { addWeeks, isoWeekStart } from '../../src/lib/domain/time';
import type { DbHandle } from '../../src/lib/server/db/client';
import { listConversations, PAGE_SIZE } from '../../src/lib/server/dashboard/conversations';
import { defaultDemoConfig, loadDemo } from '../../src/lib/server/demo/index';
import { testDb } from '../helpers/db';

/**
 * The transcript list against a brute-force reading of the same database: for each filter,
 * the count (from the rollups or from an index, whichever the list chose) and every page of
 * the keyset walk must equal what a plain scan of conversations and scores says.
 */

interface Truth {
	id: number;
	started_at: number;
	handler: string;
	channel: string;
	topic: string;
	source: string;
	csat_offered: number;
	csat_score: number | null;
	csat_top2: number;
	asked_for_human: number;
	repeated_question: number;
	profanity: number;
	shouting: number;
	useless_phrase: number;
	ai_loop: number;
	abandoned: number;
	escalated: number;
	text: string;
}

let db: DbHandle;
let truth: Truth[];
let latestWeek: string;

beforeAll(async () => {
	db = testDb();
	await loadDemo(db, defaultDemoConfig({ scale: 0.15, weeks: 5, endWeek: '2026-W20', seed: 3 }));
	truth = db.sqlite
		.prepare(
			`SELECT c.id, c.started_at, c.handler, c.channel, s.topic, src.name AS source,
			        s.csat_offered, s.csat_score, s.csat_top2, s.asked_for_human, s.repeated_question,
			        s.profanity, s.shouting, s.useless_phrase, s.ai_loop, s.abandoned, s.escalated,
			        (SELECT group_concat(body, char(10)) FROM messages m WHERE m.conversation_id = c.id) AS text
			   FROM conversations c JOIN conversation_scores s ON s.conversation_id = c.id
			   JOIN sources src ON src.id = c.source_id`
		)
		.all() as Truth[];
	latestWeek = (
		db.sqlite.prepare('SELECT MAX(week) AS w FROM rollup_weekly').get() as { w: string }
	).w;
}, 120_000);

const SIGNAL_COLUMNS = {
	'asked-for-human': 'asked_for_human',
	'repeated-question': 'repeated_question',
	profanity: 'profanity',
	shouting: 'shouting',
	'useless-phrase': 'useless_phrase',
	'ai-loop': 'ai_loop',
	abandoned: 'abandoned',
	escalated: 'escalated'
} as const;

function matches(row: Truth, filters: ConversationFilters): boolean {
	if (filters.week) {
		const from = isoWeekStart(addWeeks(filters.week, 1 - (filters.weeks ?? 1)), 'UTC');
		const to = isoWeekStart(addWeeks(filters.week, 1), 'UTC');
		if (row.started_at < from || row.started_at >= to) return false;
	}
	if (filters.handlers.length && !filters.handlers.some((h) => h === row.handler)) return false;
	if (filters.channel && row.channel !== filters.channel) return false;
	if (filters.topic && row.topic !== filters.topic) return false;
	if (filters.source && row.source !== filters.source) return false;
	for (const signal of filters.signals) if (row[SIGNAL_COLUMNS[signal]] !== 1) return false;
	const answered = row.csat_score !== null;
	switch (filters.csat) {
		case 'answered':
			if (!answered) return false;
			break;
		case 'top2':
			if (row.csat_top2 !== 1) return false;
			break;
		case 'low':
			if (!answered || row.csat_top2 === 1) return false;
			break;
		case 'unanswered':
			if (row.csat_offered !== 1 || answered) return false;
			break;
		case 'not-offered':
			if (row.csat_offered !== 0) return false;
	}
	if (filters.q) {
		for (const word of filters.q.toLowerCase().split(/\s+/)) {
			if (!new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'iu').test(row.text))
				return false;
		}
	}
	return true;
}

function expected(filters: ConversationFilters): number[] {
	return truth
		.filter((row) => matches(row, filters))
		.sort((a, b) => b.started_at - a.started_at || b.id - a.id)
		.map((row) => row.id);
}

/** Every page, newest first, following `older` cursors to the end. */
function walk(filters: ConversationFilters) {
	const ids: number[] = [];
	let list = listConversations(db, filters);
	const first = list;
	for (let pages = 0; pages < 1000; pages++) {
		ids.push(...list.rows.map((row) => row.id));
		if (!list.older) break;
		list = listConversations(db, filters, { after: list.older });
	}
	return { first, ids };
}

const cases = (): Array<[string, string]> => [
	['everything', ''],
	['one week', `week=${latestWeek}`],
	['AI only', 'handler=ai'],
	['escalated to a human', 'handler=hybrid'],
	['dashboard drill-down', `week=${latestWeek}&handler=ai&channel=chat&topic=billing`],
	['a source', 'source=Zendesk%20(demo)'],
	['a signal', 'signal=abandoned'],
	['a signal in a week', `week=${latestWeek}&signal=asked-for-human`],
	['two signals', 'signal=useless-phrase&signal=ai-loop'],
	['signal and CSAT', 'csat=low&signal=abandoned'],
	['CSAT answered', 'csat=answered'],
	['CSAT top-2 for humans', 'csat=top2&handler=human'],
	['CSAT offered, unanswered', 'csat=unanswered'],
	['CSAT not offered', 'csat=not-offered&channel=email'],
	['a word', 'q=refund'],
	['a word and a filter', 'q=parcel&handler=ai'],
	['nothing matches', 'handler=hybrid&channel=voice&signal=profanity&signal=shouting'],
	// The addresses the weekly review, trends and gaps pages build (src/lib/links.ts).
	['the review’s AI (started by the AI)', `week=${latestWeek}&handler=ai,hybrid`],
	['a review finding over weeks', `week=${latestWeek}&weeks=3&handler=ai,hybrid&channel=chat`],
	['a gaps cell', `week=${latestWeek}&weeks=4&handler=ai,hybrid,human&topic=billing`],
	['both sides, one signal', `week=${latestWeek}&handler=ai,human&signal=abandoned`],
	['nobody answered', 'handler=none'],
	['unanswered or human, a week', `week=${latestWeek}&handler=human,none`]
];

describe('the transcript list', () => {
	it('has a demo data set to list', () => {
		expect(truth.length).toBeGreaterThan(500);
		expect(truth.some((row) => row.abandoned === 1)).toBe(true);
	});

	it.each(cases())('counts and pages through %s exactly like a full scan', (_label, query) => {
		const { filters } = parseConversationQuery(new URLSearchParams(query));
		const want = expected(filters);
		const { first, ids } = walk(filters);
		expect(first.count).toBe(want.length);
		expect(ids).toEqual(want);
		expect(first.rows.length).toBe(Math.min(PAGE_SIZE, want.length));
	});

	it('counts a rollup-shaped filter from the rollups, and the rest along an index', () => {
		const rollup = listConversations(db, {
			handlers: ['ai'],
			week: latestWeek,
			signals: ['abandoned']
		});
		expect(rollup.countedFrom).toBe('rollups');
		const combined = listConversations(db, { handlers: [], signals: ['abandoned', 'ai-loop'] });
		expect(combined.countedFrom).toBe('index');
		expect(combined.driver).toMatch(/^signal:/);
	});

	it('pages back with `before` to exactly the page it came from', () => {
		const filters: ConversationFilters = { handlers: ['human'], signals: [] };
		const first = listConversations(db, filters);
		const second = listConversations(db, filters, { after: first.older ?? undefined });
		expect(second.newer).not.toBeNull();
		const back = listConversations(db, filters, { before: second.newer ?? undefined });
		expect(back.rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
		expect(back.newer).toBeNull();
	});

	it('marks where a search matched, as text pieces', () => {
		const list = listConversations(db, { handlers: [], signals: [], q: 'refund' });
		expect(list.rows.length).toBeGreaterThan(0);
		for (const row of list.rows) {
			expect(row.text.some((piece) => piece.hit && /refund/i.test(piece.text))).toBe(true);
		}
	});

	it('finds nothing for a source that does not exist, and says why', () => {
		const list = listConversations(db, { handlers: [], signals: [], source: 'Nowhere' });
		expect(list.count).toBe(0);
		expect(list.impossible).toMatch(/no source named “Nowhere”/);
	});

	it('builds the link of a filter in one order, however the filters were given', () => {
		const query = 'week=2026-W20&handler=ai&topic=billing&signal=ai-loop&signal=abandoned&q=refund';
		const shuffled =
			'q=refund&signal=abandoned&topic=billing&signal=ai-loop&handler=ai&week=2026-W20';
		const { filters } = parseConversationQuery(new URLSearchParams(shuffled));
		expect(conversationQuery(filters)).toBe(`?${query}`);
	});
});
