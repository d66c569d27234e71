import { describe, expect, it } from 'vitest';
import type { DbHandle } from '../../src/lib/server/db/client';
import { createDerivationRepo } from '../../src/lib/server/db/repos/scores';
import { updateSetting } from '../../src/lib/server/derive/service';
import { importFiles } from '../../src/lib/server/ingest/service';
import { testDb } from '../helpers/db';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 2, 9); // Monday 2 March 2026, 09:00 UTC (2026-W10)
const iso = (instant: number) => new Date(instant).toISOString();

/** A two-message conversation: the customer writes at `start`, an agent answers an hour later. */
function contact(
	id: string,
	start: number,
	customer: Record<string, string>,
	text = 'Where is my refund for order 1234?',
	channel = 'email'
) {
	return {
		id,
		channel,
		customer,
		messages: [
			{ role: 'customer', created_at: iso(start), text },
			{ role: 'agent', created_at: iso(start + 3_600_000), text: 'Let me check that for you.' }
		]
	};
}

let files = 0;
async function load(db: DbHandle, records: unknown[]) {
	const [report] = await importFiles(db, [
		writeFile(scratchDir(), `part-${++files}.ndjson`, ndjson(records))
	]);
	expect(report?.status).toBe('done');
}

function links(db: DbHandle): Record<string, string | null> {
	const rows = db.sqlite
		.prepare(
			`SELECT c.external_id AS id, n.external_id AS next
			   FROM conversations c JOIN conversation_scores s ON s.conversation_id = c.id
			   LEFT JOIN conversations n ON n.id = s.repeat_next_id ORDER BY c.external_id`
		)
		.all() as Array<{ id: string; next: string | null }>;
	return Object.fromEntries(rows.map((row) => [row.id, row.next]));
}

function repeatCounts(db: DbHandle) {
	return db.sqlite
		.prepare(
			`SELECT week, SUM(repeat_contacts) AS repeats, SUM(repeat_eligible) AS eligible
			   FROM rollup_weekly GROUP BY week ORDER BY week`
		)
		.all();
}

const jane = { email: 'jane@example.com' };
const janesPhone = { phone: '+44 7700 900123' };
const later = (id: string, days: number) =>
	contact(id, T0 + days * DAY, { email: `${id}@example.com` });

describe('repeat contact across channels', () => {
	it('links a chain of contacts once a conversation carrying both identities merges the customers', async () => {
		const db = testDb();
		// Jane emails on Monday, then phones on Wednesday: two customers as far as anyone knows.
		await load(db, [
			contact('A-email', T0, jane),
			contact('B-phone', T0 + 2 * DAY, janesPhone, 'Calling about my refund', 'voice')
		]);
		expect(links(db)).toEqual({ 'A-email': null, 'B-phone': null });
		// On Friday she uses the web form with both: one customer, and a chain A → B → C.
		await load(db, [
			contact('C-web', T0 + 4 * DAY, { ...jane, ...janesPhone }, 'Still no refund!', 'web')
		]);
		expect(db.sqlite.prepare('SELECT COUNT(*) AS n FROM customers').get()).toEqual({ n: 1 });
		expect(links(db)).toEqual({ 'A-email': 'B-phone', 'B-phone': 'C-web', 'C-web': null });
		// Nothing is eligible yet: the newest data is Friday's, no window has closed.
		expect(repeatCounts(db)).toEqual([{ week: '2026-W10', repeats: 0, eligible: 0 }]);
		// Data from three weeks later closes every window: 2 of the 3 contacts were repeated.
		await load(db, [later('Z', 21)]);
		expect(repeatCounts(db)).toEqual([
			{ week: '2026-W10', repeats: 2, eligible: 3 },
			{ week: '2026-W13', repeats: 0, eligible: 0 }
		]);
	});

	it('counts a contact exactly the window after the end, not a second later', async () => {
		const db = testDb();
		const ended = T0 + 3_600_000;
		await load(db, [
			contact('A', T0, { email: 'a@example.com' }),
			contact('A2', ended + 7 * DAY, { email: 'a@example.com' }),
			contact('B', T0, { email: 'b@example.com' }),
			contact('B2', ended + 7 * DAY + 1000, { email: 'b@example.com' }),
			later('Z', 30)
		]);
		expect(links(db)).toMatchObject({ A: 'A2', B: null });
	});

	it('a conversation that ended less than the window before the newest data is left out until it closes', async () => {
		const db = testDb();
		await load(db, [contact('A', T0, { email: 'a@example.com' }), later('Y', 7)]);
		// The newest data starts 7 days after A started, less than 7 days after A ended (an
		// hour later): A's window is still open, so A is in no denominator.
		expect(repeatCounts(db)).toEqual([
			{ week: '2026-W10', repeats: 0, eligible: 0 },
			{ week: '2026-W11', repeats: 0, eligible: 0 }
		]);
		await load(db, [later('X', 8)]);
		expect(repeatCounts(db)).toEqual([
			{ week: '2026-W10', repeats: 0, eligible: 1 },
			{ week: '2026-W11', repeats: 0, eligible: 0 }
		]);
	});

	it('same-topic-only and the window follow the settings, with the rollups rebuilt', async () => {
		const db = testDb();
		await load(db, [
			contact('A', T0, jane, 'Where is my refund for order 1234?'),
			contact('B', T0 + 2 * DAY, jane, 'My parcel has not arrived'),
			contact('C', T0 + 9 * DAY, jane, 'Still no refund for order 1234'),
			later('Z', 40)
		]);
		expect(links(db)).toMatchObject({ A: 'B', B: 'C', C: null });
		updateSetting(db, 'repeat.sameTopicOnly', true);
		// A's next refunds contact (C) is 9 days later, outside the 7-day window.
		expect(links(db)).toMatchObject({ A: null, B: null, C: null });
		updateSetting(db, 'repeat.windowDays', 10);
		expect(links(db)).toMatchObject({ A: 'C', B: null, C: null });
		const cells = db.sqlite
			.prepare(
				"SELECT topic, SUM(repeat_contacts) AS repeats FROM rollup_weekly WHERE week = '2026-W10' GROUP BY topic ORDER BY topic"
			)
			.all();
		expect(cells).toEqual([
			{ topic: 'delivery', repeats: 0 },
			{ topic: 'refunds', repeats: 1 }
		]);
	});

	it('a conversation without any identity can be neither repeated nor in the denominator', async () => {
		const db = testDb();
		await load(db, [contact('anonymous', T0, {}), later('Z', 30)]);
		const cells = db.sqlite
			.prepare("SELECT SUM(repeat_eligible) AS eligible FROM rollup_weekly WHERE week = '2026-W10'")
			.get();
		expect(cells).toEqual({ eligible: 0 });
	});
});

describe('walking the whole database a range at a time', () => {
	it('yields every customer once, whole, with every contact, whatever the range size', async () => {
		const db = testDb();
		// Seven customers with one to three contacts each, imported out of customer order.
		const records = [3, 1, 2, 3, 1, 2, 3].flatMap((count, customer) =>
			Array.from({ length: count }, (_, i) =>
				contact(`c${customer}-${i}`, T0 + (i * 2 + customer) * DAY, {
					email: `customer${customer}@example.com`
				})
			)
		);
		await load(db, records.reverse());
		const walk = (customers: number, conversations: number) => {
			const repo = createDerivationRepo(db, { customers, conversations });
			return {
				groups: [...repo.allContactsByCustomer()].map((group) =>
					group.map((row) => row.id).sort((a, b) => a - b)
				),
				times: [...repo.scoreTimes()].map((row) => row.conversation_id).sort((a, b) => a - b)
			};
		};
		const whole = walk(1000, 1000);
		expect(whole.groups).toHaveLength(7);
		expect(whole.groups.flat()).toHaveLength(15);
		expect(whole.times).toHaveLength(15);
		for (const [customers, conversations] of [
			[1, 1],
			[2, 4],
			[3, 7]
		] as const) {
			expect(walk(customers, conversations)).toEqual(whole);
		}
	});
});
