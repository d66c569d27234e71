import { beforeAll, describe, expect, it } from 'vitest';
import { parseConversationQuery } from '../../src/lib/domain/conversation-filters';
import type { RollupCounts } from '../../src/lib/domain/rollup';
import { isoWeekStart } from '../../src/lib/domain/time';
import { MEASURES, type MeasureId } from '../../src/lib/server/analytics/measures';
import type { DbHandle } from '../../src/lib/server/db/client';
import { createConversationListRepo } from '../../src/lib/server/db/repos/conversation-list';
import type { ListDriver, SubsetKey } from '../../src/lib/server/db/repos/conversation-list-sql';
import { listConversations } from '../../src/lib/server/dashboard/conversations';
import { measureHref } from '../../src/lib/server/dashboard/present';
import { importFiles } from '../../src/lib/server/ingest/service';
import { testDb } from '../helpers/db';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

/**
 * The measures without a signal or survey case of their own (ended negative, end sentiment
 * and its change, repeat contact, survey response rate, first response and resolution times)
 * drill down to exactly the conversations they count: on a hand-built week whose numbers are
 * worked out below, the list opened by each measure's link counts the measure's numerator
 * (or, for a mean, its n), equal to the rollup's, whether the count comes from the rollups
 * or from walking an index.
 */

const WEEK = '2026-W10';
const LATE_WEEK = '2026-W17';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 2, 2, 9); // Monday 2 March 2026, 09:00 UTC
const iso = (instant: number) => new Date(instant).toISOString();

const ANGRY = 'This is terrible and awful, I am furious and angry about this horrible service.';
const HAPPY = 'Thank you so much, that is great and very helpful, I love it!';
const NEUTRAL = 'Where is my refund for order 1234?';
const STILL_ANGRY = 'I am still so disappointed and upset, this is awful.';
const THANKED = 'Thanks, that is great!';
const NOTED = 'Ok, I will wait for the email.';

function contact(
	id: string,
	start: number,
	options: {
		customer?: Record<string, string>;
		text?: string;
		replier?: 'agent' | 'ai';
		status?: string;
		csat?: { offered: boolean; score?: number | null; scale?: string };
		agentFirst?: boolean;
		/** The customer's answer to the reply: a second turn, so how it ended is known. */
		answer?: string;
	}
) {
	const reply = {
		role: options.replier ?? 'agent',
		created_at: iso(start + HOUR),
		text: 'Let me check that for you.'
	};
	return {
		id,
		channel: 'email',
		status: options.status ?? 'closed',
		...(options.customer ? { customer: options.customer } : {}),
		...(options.csat ? { csat: { scale: '1-5', ...options.csat } } : {}),
		messages: options.agentFirst
			? [{ ...reply, created_at: iso(start), text: 'Your card has been renewed.' }]
			: [
					{ role: 'customer', created_at: iso(start), text: options.text ?? NEUTRAL },
					reply,
					...(options.answer
						? [{ role: 'customer', created_at: iso(start + 2 * HOUR), text: options.answer }]
						: [])
				]
	};
}

/**
 * Week 2026-W10, human side (a1–a5) and one AI conversation (a6); 2026-W17 (z1, z2) sets
 * the data horizon at z2's start, so every W10 repeat window has closed and z1's has not.
 *
 * | id | customer | ends (turns)           | survey            | status | next contact     |
 * |----|----------|------------------------|-------------------|--------|------------------|
 * | a1 | jane     | negative (2)           | offered, no reply | closed | a3 (2 days on)   |
 * | a2 | bob      | positive (2)           | answered 5        | closed | –                |
 * | a3 | jane     | unknown: 1 turn        | –                 | open   | –                |
 * | a4 | (none)   | neutral (2)            | answered 2        | closed | –                |
 * | a5 | carl     | (no text)              | –                 | open   | – (agent wrote)  |
 * | a6 | erin, AI | negative (2)           | offered, no reply | closed | –                |
 * | z1 | dave     | unknown: 1 turn        | –                 | closed | z2 (window open) |
 */
const HUMAN_W10 = {
	sentimentN: 4, // a1–a4: a5 has no customer text
	endingKnown: 3, // a1, a2, a4: a3's customer never answered the reply
	negativeEnd: 1, // a1
	csatOffered: 3, // a1, a2, a4
	csatUnanswered: 1, // a1
	repeatEligible: 4, // a1, a2, a3, a5: a4 has no customer to come back
	repeatContacts: 1, // a1
	firstResponseN: 4, // a1–a4: nobody waited in a5
	resolutionN: 3 // a1, a2, a4: a3 and a5 are open
};

let db: DbHandle;

beforeAll(async () => {
	db = testDb();
	const records = [
		contact('a1', T0, {
			customer: { email: 'jane@example.com' },
			text: ANGRY,
			answer: STILL_ANGRY,
			csat: { offered: true, score: null }
		}),
		contact('a2', T0 + DAY, {
			customer: { email: 'bob@example.com' },
			text: HAPPY,
			answer: THANKED,
			csat: { offered: true, score: 5 }
		}),
		contact('a3', T0 + 2 * DAY, { customer: { email: 'jane@example.com' }, status: 'open' }),
		contact('a4', T0 + 3 * DAY, { answer: NOTED, csat: { offered: true, score: 2 } }),
		contact('a5', T0 + 4 * DAY, {
			customer: { email: 'carl@example.com' },
			agentFirst: true,
			status: 'open'
		}),
		contact('a6', T0 + 3 * DAY, {
			customer: { email: 'erin@example.com' },
			text: ANGRY,
			answer: STILL_ANGRY,
			replier: 'ai',
			csat: { offered: true, score: null }
		}),
		// 2026-W12: one frustrated customer (two signals), one calm one.
		contact('f1', T0 + 14 * DAY, {
			customer: { email: 'fay@example.com' },
			text: 'This is useless. I want to speak to a human now.'
		}),
		contact('f2', T0 + 15 * DAY, { customer: { email: 'gus@example.com' } }),
		contact('z1', T0 + 49 * DAY, { customer: { email: 'dave@example.com' } }),
		contact('z2', T0 + 50 * DAY, { customer: { email: 'dave@example.com' } })
	];
	const [report] = await importFiles(db, [writeFile(scratchDir(), 'week.ndjson', ndjson(records))]);
	expect(report?.status).toBe('done');
}, 60_000);

/** The rollup sums of a week and side, as the dashboards read them. */
function rollup(week: string, handlers: string[]): RollupCounts {
	const row = db.sqlite
		.prepare(
			`SELECT SUM(conversations) AS conversations, SUM(messages) AS messages,
			        SUM(csat_offered) AS csatOffered, SUM(csat_answered) AS csatAnswered,
			        SUM(csat_top2) AS csatTop2, TOTAL(csat_sum) AS csatSum, TOTAL(csat_sum_sq) AS csatSumSq,
			        SUM(sentiment_n) AS sentimentN, TOTAL(sentiment_start_sum) AS sentimentStartSum,
			        TOTAL(sentiment_end_sum) AS sentimentEndSum, TOTAL(sentiment_end_sum_sq) AS sentimentEndSumSq,
			        TOTAL(sentiment_delta_sum) AS sentimentDeltaSum, TOTAL(sentiment_min_sum) AS sentimentMinSum,
			        SUM(ending_known) AS endingKnown, SUM(negative_end) AS negativeEnd,
			        SUM(repeat_contacts) AS repeatContacts,
			        SUM(repeat_eligible) AS repeatEligible, SUM(escalation_eligible) AS escalationEligible,
			        SUM(escalations) AS escalations, SUM(repeated_after_handoff) AS repeatedAfterHandoff,
			        SUM(abandonments) AS abandonments, SUM(frustrated) AS frustrated,
			        SUM(first_response_n) AS firstResponseN, TOTAL(first_response_sum) AS firstResponseSum,
			        SUM(resolution_n) AS resolutionN, TOTAL(resolution_sum) AS resolutionSum
			   FROM rollup_weekly WHERE week = ? AND handler IN (${handlers.map(() => '?').join(', ')})`
		)
		.get(week, ...handlers) as Record<string, number | null>;
	return Object.fromEntries(
		Object.entries(row).map(([key, value]) => [key, value ?? 0])
	) as unknown as RollupCounts;
}

/** The list a link opens: its count and the ids on its (only) page. */
function opened(href: string) {
	const url = new URL(href, 'http://parity.test');
	const { filters, position, ignored } = parseConversationQuery(url.searchParams);
	expect(ignored).toEqual([]);
	const list = listConversations(db, filters, position);
	return { count: list.count, ids: list.rows.map((row) => row.externalId).sort(), list };
}

const human = (week = WEEK) => ({ week, group: 'human' as const, scope: ALL });
const ALL = { channel: null, topic: null };

/** What a measure's link should open: a rate's numerator (or misses), a mean's n. */
const NEW_DRILLS: Array<[MeasureId, number, string[]]> = [
	['negativeEndRate', HUMAN_W10.negativeEnd, ['a1']],
	['endSentimentMean', HUMAN_W10.sentimentN, ['a1', 'a2', 'a3', 'a4']],
	['sentimentDeltaMean', HUMAN_W10.sentimentN, ['a1', 'a2', 'a3', 'a4']],
	['repeatRate', HUMAN_W10.repeatContacts, ['a1']],
	['csatResponseRate', HUMAN_W10.csatUnanswered, ['a1']],
	['firstResponseTime', HUMAN_W10.firstResponseN, ['a1', 'a2', 'a3', 'a4']],
	['resolutionTime', HUMAN_W10.resolutionN, ['a1', 'a2', 'a4']]
];

describe('each measure opens the conversations it counts (hand-computed week)', () => {
	it('the rollups hold the hand-computed numbers', () => {
		const counts = rollup(WEEK, ['human']);
		expect(counts.conversations).toBe(5);
		expect(counts.sentimentN).toBe(HUMAN_W10.sentimentN);
		expect(counts.endingKnown).toBe(HUMAN_W10.endingKnown);
		expect(counts.negativeEnd).toBe(HUMAN_W10.negativeEnd);
		expect(counts.csatOffered).toBe(HUMAN_W10.csatOffered);
		expect(counts.csatOffered - counts.csatAnswered).toBe(HUMAN_W10.csatUnanswered);
		expect(counts.repeatEligible).toBe(HUMAN_W10.repeatEligible);
		expect(counts.repeatContacts).toBe(HUMAN_W10.repeatContacts);
		expect(counts.firstResponseN).toBe(HUMAN_W10.firstResponseN);
		expect(counts.resolutionN).toBe(HUMAN_W10.resolutionN);
	});

	it.each(NEW_DRILLS)('%s: its link lists %i conversations, %j', (id, expected, ids) => {
		const { count, ids: listed } = opened(measureHref(id, human()));
		expect(count).toBe(expected);
		expect(listed).toEqual(ids);
		// …which is the measure's own numerator (rate) or n (mean), from the same rows.
		const sample = MEASURES[id].sample(rollup(WEEK, ['human']));
		if (id === 'csatResponseRate' && sample.kind === 'proportion')
			expect(count).toBe(sample.n - sample.successes);
		else if (sample.kind === 'proportion') expect(count).toBe(sample.successes);
		else expect(count).toBe(sample.n);
	});

	it.each([
		['negativeEndRate', HUMAN_W10.endingKnown],
		['repeatRate', HUMAN_W10.repeatEligible],
		['csatResponseRate', HUMAN_W10.csatOffered]
	] as Array<[MeasureId, number]>)('%s: its n link lists its %i conversations', (id, n) => {
		const { count, ids } = opened(measureHref(id, human(), 'base'));
		expect(count).toBe(n);
		expect(ids).toHaveLength(n);
		expect(count).toBe(MEASURES[id].sample(rollup(WEEK, ['human'])).n);
	});

	it('keeps to the side: the AI-started link lists the AI conversation only', () => {
		const ai = { week: WEEK, group: 'aiStarted' as const, scope: ALL };
		expect(opened(measureHref('negativeEndRate', ai)).ids).toEqual(['a6']);
		expect(opened(measureHref('csatResponseRate', ai)).ids).toEqual(['a6']);
		expect(opened(measureHref('repeatRate', ai)).ids).toEqual([]);
		expect(opened(measureHref('repeatRate', ai, 'base')).ids).toEqual(['a6']);
	});

	it('repeat contact: a conversation still open to a repeat is in neither count', () => {
		// z1 already has its next contact (z2), but its window has not closed by the horizon.
		const late = rollup(LATE_WEEK, ['human']);
		expect(late.repeatEligible).toBe(0);
		expect(opened(measureHref('repeatRate', human(LATE_WEEK))).count).toBe(0);
		expect(opened(measureHref('repeatRate', human(LATE_WEEK), 'base')).count).toBe(0);
		// The row says who came back, so the eligible list shows which had a repeat.
		const eligible = opened(measureHref('repeatRate', human(), 'base')).list.rows;
		expect(eligible.filter((row) => row.repeated).map((row) => row.externalId)).toEqual(['a1']);
	});

	it('a time measure’s list shows each conversation’s time', () => {
		// Every reply in this week came an hour after the customer wrote.
		const rows = opened(measureHref('firstResponseTime', human())).list.rows;
		expect(rows.map((row) => row.times.firstResponse)).toEqual(Array(4).fill('60 min'));
		const resolved = opened(measureHref('resolutionTime', human())).list.rows;
		expect(resolved.every((row) => row.times.resolution !== null)).toBe(true);
		const all = opened(`/conversations?week=${WEEK}&handler=human`).list.rows;
		expect(
			all
				.filter((row) => row.times.resolution === null)
				.map((r) => r.externalId)
				.sort()
		).toEqual(['a3', 'a5']);
	});

	it('counts the same walking the indexes as the rollups say', () => {
		const repo = createConversationListRepo(db);
		const range = { from: isoWeekStart(WEEK, 'UTC'), to: isoWeekStart('2026-W11', 'UTC') };
		const horizon = repo.repeatHorizon();
		const count = (key: SubsetKey, driver: ListDriver) =>
			repo.count(
				{
					range,
					handlers: ['human'],
					signals: [],
					flagsAll: 0,
					flagsAny: 0,
					subset: { key, horizon }
				},
				driver
			);
		expect(count('negative-end', 'time')).toBe(HUMAN_W10.negativeEnd);
		expect(count('negative-end', 'subset:negative-end')).toBe(HUMAN_W10.negativeEnd);
		expect(count('repeat', 'time')).toBe(HUMAN_W10.repeatContacts);
		expect(count('repeat', 'subset:repeat')).toBe(HUMAN_W10.repeatContacts);
		expect(count('repeat-eligible', 'time')).toBe(HUMAN_W10.repeatEligible);
		expect(count('sentiment', 'handler')).toBe(HUMAN_W10.sentimentN);
		expect(count('first-response', 'time')).toBe(HUMAN_W10.firstResponseN);
		expect(count('resolution', 'time')).toBe(HUMAN_W10.resolutionN);
	});

	it('frustration opens the conversations with any signal, as many as the rollup counts', () => {
		const week = '2026-W12';
		expect(rollup(week, ['human'])).toMatchObject({ conversations: 2, frustrated: 1 });
		const { count, ids } = opened(measureHref('frustrationRate', human(week)));
		expect(ids).toEqual(['f1']);
		expect(count).toBe(1);
		expect(opened(measureHref('frustrationRate', human(week), 'base')).ids).toEqual(['f1', 'f2']);
	});

	it('combined with another filter, the list counts along the index and agrees', () => {
		// Two measure filters: the rollups cannot answer, the index walk must.
		const { list, ids } = opened(
			`/conversations?week=${WEEK}&handler=human&csat=unanswered&subset=negative-end`
		);
		expect(list.countedFrom).toBe('index');
		expect(list.driver).toBe('subset:negative-end');
		expect(ids).toEqual(['a1']);
		expect(list.count).toBe(1);
	});
});
