import type { AuthorRole, Channel } from '../../../domain/conversation';
import type { DbHandle } from '../client';
import { createScoreWriter } from './score-writer';

/**
 * Queries of the derivation step (derive/): stored scores, the change queue, repeat links
 * and the derivation state. Prepared once per handle; all of them run inside the caller's
 * transactions.
 */

export interface StoredForScoring {
	id: number;
	sourceId: number;
	channel: Channel;
	startedAt: number;
	endedAt: number | null;
	status: string | null;
	tags: string[];
	csatOffered: boolean;
	csatValue: string | null;
	csatScale: string | null;
	revision: number;
	messages: Array<{
		id: number;
		role: AuthorRole;
		at: number;
		text: string;
		isPublic: boolean;
		sentiment: number | null;
	}>;
}

export interface RepeatContactRow {
	id: number;
	startedAt: number;
	contactEndAt: number;
	topic: string;
	repeatNextId: number | null;
	week: string;
}

/** A scored conversation of a customer as the repeat-contact queries read it. */
interface CustomerContactRow {
	customer_id: number;
	id: number;
	started_at: number;
	contact_end_at: number;
	topic: string;
	repeat_next_id: number | null;
	week: string;
}

/** Rows ordered by customer, as one list of contacts per customer. */
const CUSTOMERS_PER_READ = 20_000;
const CONVERSATIONS_PER_READ = 50_000;

function* groupByCustomer(rows: readonly CustomerContactRow[]): Generator<RepeatContactRow[]> {
	let current: number | null = null;
	let group: RepeatContactRow[] = [];
	for (const row of rows) {
		if (row.customer_id !== current) {
			if (group.length) yield group;
			group = [];
			current = row.customer_id;
		}
		group.push({
			id: row.id,
			startedAt: row.started_at,
			contactEndAt: row.contact_end_at,
			topic: row.topic,
			repeatNextId: row.repeat_next_id,
			week: row.week
		});
	}
	if (group.length) yield group;
}

export function createDerivationRepo(
	handle: DbHandle,
	/** How many customers and conversations the whole-database walks read at a time. */
	readSizes = { customers: CUSTOMERS_PER_READ, conversations: CONVERSATIONS_PER_READ }
) {
	const { sqlite } = handle;
	const json = (ids: readonly number[]) => JSON.stringify(ids);

	const pending = sqlite.prepare<[number], { id: number }>(
		'SELECT conversation_id AS id FROM conversation_changes ORDER BY conversation_id LIMIT ?'
	);
	const pendingCount = sqlite.prepare<[], { n: number }>(
		'SELECT COUNT(*) AS n FROM conversation_changes'
	);
	const stale = sqlite.prepare<[string], { id: number; week: string | null }>(
		`SELECT c.id, s.week FROM json_each(?) j
		   JOIN conversations c ON c.id = j.value
		   LEFT JOIN conversation_scores s ON s.conversation_id = c.id
		  WHERE s.revision IS NOT c.revision`
	);
	const conversation = sqlite.prepare<
		[number],
		{
			id: number;
			source_id: number;
			channel: Channel;
			started_at: number;
			ended_at: number | null;
			status: string | null;
			tags: string;
			csat_offered: number;
			csat_value: string | null;
			csat_scale: string | null;
			revision: number;
		}
	>(
		`SELECT id, source_id, channel, started_at, ended_at, status, tags, csat_offered, csat_value, csat_scale, revision
		   FROM conversations WHERE id = ?`
	);
	const messages = sqlite.prepare<
		[number],
		{
			id: number;
			role: AuthorRole;
			created_at: number;
			body: string;
			is_public: number;
			sentiment: number | null;
		}
	>(
		`SELECT id, role, created_at, body, is_public, sentiment FROM messages
		  WHERE conversation_id = ? ORDER BY created_at, id`
	);
	const setSentiment = sqlite.prepare('UPDATE messages SET sentiment = ? WHERE id = ?');
	const clearSentiments = sqlite.prepare('UPDATE messages SET sentiment = NULL');
	const weeksOf = sqlite.prepare<[string], { week: string }>(
		`SELECT DISTINCT s.week FROM json_each(?) j JOIN conversation_scores s ON s.conversation_id = j.value`
	);
	const customersOf = sqlite.prepare<[string], { customer_id: number }>(
		`SELECT DISTINCT c.customer_id FROM json_each(?) j JOIN conversations c ON c.id = j.value
		  WHERE c.customer_id IS NOT NULL`
	);
	const contactsOfCustomersOf = sqlite.prepare<[string], CustomerContactRow>(
		`SELECT c.customer_id, c.id, c.started_at, s.contact_end_at, s.topic, s.repeat_next_id, s.week
		   FROM conversations c JOIN conversation_scores s ON s.conversation_id = c.id
		  WHERE c.customer_id IN (
		        SELECT DISTINCT k.customer_id FROM json_each(?) j JOIN conversations k ON k.id = j.value
		         WHERE k.customer_id IS NOT NULL)
		  ORDER BY c.customer_id`
	);
	const contacts = sqlite.prepare<[number], Omit<CustomerContactRow, 'customer_id'>>(
		`SELECT c.id, c.started_at, s.contact_end_at, s.topic, s.repeat_next_id, s.week
		   FROM conversations c JOIN conversation_scores s ON s.conversation_id = c.id
		  WHERE c.customer_id = ?`
	);
	// A range of customers at a time, along the customer index: a database's every contact
	// at once was ~450 MB of rows in memory on a million conversations.
	const contactsInCustomerRange = sqlite.prepare<[number, number], CustomerContactRow>(
		`SELECT c.customer_id, c.id, c.started_at, s.contact_end_at, s.topic, s.repeat_next_id, s.week
		   FROM conversations c JOIN conversation_scores s ON s.conversation_id = c.id
		  WHERE c.customer_id > ? AND c.customer_id <= ? ORDER BY c.customer_id`
	);
	const maxCustomerId = sqlite.prepare<[], { id: number | null }>(
		'SELECT MAX(id) AS id FROM customers'
	);
	const maxConversationId = sqlite.prepare<[], { id: number | null }>(
		'SELECT MAX(id) AS id FROM conversations'
	);
	const setRepeatNext = sqlite.prepare(
		'UPDATE conversation_scores SET repeat_next_id = ? WHERE conversation_id = ?'
	);
	const dirty = sqlite.prepare('INSERT OR IGNORE INTO rollup_dirty_weeks (week) VALUES (?)');
	const dirtyFromIds = sqlite.prepare(
		`INSERT OR IGNORE INTO rollup_dirty_weeks (week)
		 SELECT DISTINCT s.week FROM json_each(?) j JOIN conversation_scores s ON s.conversation_id = j.value`
	);
	const dequeue = sqlite.prepare(
		'DELETE FROM conversation_changes WHERE conversation_id IN (SELECT value FROM json_each(?))'
	);
	const horizon = sqlite.prepare<[], { horizon: number | null }>(
		'SELECT MAX(started_at) AS horizon FROM conversations'
	);
	const weeksDue = sqlite.prepare<[number, number], { week: string }>(
		'SELECT DISTINCT week FROM conversation_scores WHERE repeat_due_at > ? AND repeat_due_at <= ?'
	);
	const getState = sqlite.prepare<[string], { value: string }>(
		'SELECT value FROM derivation_state WHERE key = ?'
	);
	const putState = sqlite.prepare(
		'INSERT INTO derivation_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value'
	);
	const enqueueAll = sqlite.prepare(
		'INSERT OR IGNORE INTO conversation_changes (conversation_id) SELECT id FROM conversations'
	);
	const invalidateScores = sqlite.prepare('UPDATE conversation_scores SET revision = 0');
	const scoreTimes = sqlite.prepare<
		[number, number],
		{ conversation_id: number; started_at: number; contact_end_at: number; week: string }
	>(
		`SELECT s.conversation_id, c.started_at, s.contact_end_at, s.week
		   FROM conversation_scores s JOIN conversations c ON c.id = s.conversation_id
		  WHERE s.conversation_id > ? AND s.conversation_id <= ?`
	);
	const setWeek = sqlite.prepare(
		'UPDATE conversation_scores SET week = ? WHERE conversation_id = ?'
	);
	const setDue = sqlite.prepare(
		'UPDATE conversation_scores SET repeat_due_at = contact_end_at + ?'
	);

	return {
		writer: createScoreWriter(sqlite),
		pending: (limit: number) => pending.all(limit).map((row) => row.id),
		pendingCount: () => pendingCount.get()?.n ?? 0,
		/** Of these conversations, those whose scores are missing or older than their content. */
		stale: (ids: readonly number[]) => stale.all(json(ids)),
		load(id: number): StoredForScoring | null {
			const row = conversation.get(id);
			if (!row) return null;
			return {
				id: row.id,
				sourceId: row.source_id,
				channel: row.channel,
				startedAt: row.started_at,
				endedAt: row.ended_at,
				status: row.status,
				tags: JSON.parse(row.tags) as string[],
				csatOffered: row.csat_offered === 1,
				csatValue: row.csat_value,
				csatScale: row.csat_scale,
				revision: row.revision,
				messages: messages.all(id).map((m) => ({
					id: m.id,
					role: m.role,
					at: m.created_at,
					text: m.body,
					isPublic: m.is_public === 1,
					sentiment: m.sentiment
				}))
			};
		},
		setSentiment: (messageId: number, value: number) => setSentiment.run(value, messageId),
		clearSentiments: () => clearSentiments.run(),
		weeksOf: (ids: readonly number[]) => weeksOf.all(json(ids)).map((row) => row.week),
		customersOf: (ids: readonly number[]) => customersOf.all(json(ids)).map((r) => r.customer_id),
		contactsOf(customerId: number): RepeatContactRow[] {
			return contacts.all(customerId).map((row) => ({
				id: row.id,
				startedAt: row.started_at,
				contactEndAt: row.contact_end_at,
				topic: row.topic,
				repeatNextId: row.repeat_next_id,
				week: row.week
			}));
		},
		/** Every scored conversation with a customer, grouped by customer (in customer order). */
		/**
		 * Every customer's scored conversations, a customer at a time. Each range of customers
		 * is read whole before its groups are handed out, so the caller may write between them.
		 */
		*allContactsByCustomer(): Generator<RepeatContactRow[]> {
			const last = maxCustomerId.get()?.id ?? 0;
			for (let from = 0; from < last; from += readSizes.customers) {
				yield* groupByCustomer(contactsInCustomerRange.all(from, from + readSizes.customers));
			}
		},
		/** The scored conversations of the customers of these conversations, by customer. */
		contactsOfCustomersOf: (ids: readonly number[]) =>
			groupByCustomer(contactsOfCustomersOf.all(json(ids))),
		setRepeatNext: (id: number, nextId: number | null) => setRepeatNext.run(nextId, id),
		markDirty: (week: string) => dirty.run(week),
		markDirtyFromIds: (ids: readonly number[]) => dirtyFromIds.run(json(ids)),
		dequeue: (ids: readonly number[]) => dequeue.run(json(ids)),
		enqueueAll: () => enqueueAll.run().changes,
		invalidateScores: () => invalidateScores.run(),
		horizon: () => horizon.get()?.horizon ?? null,
		weeksDue: (after: number, upTo: number) => weeksDue.all(after, upTo).map((row) => row.week),
		/** Every scored conversation's times, a range at a time (the caller may write between). */
		*scoreTimes() {
			const last = maxConversationId.get()?.id ?? 0;
			for (let from = 0; from < last; from += readSizes.conversations) {
				yield* scoreTimes.all(from, from + readSizes.conversations);
			}
		},
		setWeek: (id: number, week: string) => setWeek.run(week, id),
		setRepeatDue: (windowMs: number) => setDue.run(windowMs),
		getState<T>(key: string): T | null {
			const row = getState.get(key);
			return row ? (JSON.parse(row.value) as T) : null;
		},
		setState: (key: string, value: unknown) => putState.run(key, JSON.stringify(value))
	};
}

export type DerivationRepo = ReturnType<typeof createDerivationRepo>;

/** One value of the derivation state, without preparing the whole derivation repo. */
export function readDerivationState<T>(handle: DbHandle, key: string): T | null {
	const row = handle.sqlite
		.prepare<[string], { value: string }>('SELECT value FROM derivation_state WHERE key = ?')
		.get(key);
	return row ? (JSON.parse(row.value) as T) : null;
}
