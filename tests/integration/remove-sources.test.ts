import { describe, expect, it } from 'vitest';
import { cliActor } from '../../src/lib/server/audit';
import type { DbHandle } from '../../src/lib/server/db/client';
import { createImportStore } from '../../src/lib/server/db/repos/import-store';
import { listImports } from '../../src/lib/server/db/repos/imports';
import { importFiles } from '../../src/lib/server/ingest/service';
import { rejectsSummary } from '../../src/lib/domain/imports';
import {
	previewSourceRemoval,
	removeSources,
	storedSources
} from '../../src/lib/server/remove-sources';
import { testDb } from '../helpers/db';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 2, 2, 9); // Monday 2 March 2026 (2026-W10)
const iso = (instant: number) => new Date(instant).toISOString();

function contact(id: string, start: number, email: string, role: 'ai' | 'agent' = 'agent') {
	return {
		id,
		channel: 'email',
		customer: { email },
		csat: { score: 5, scale: '1-5' },
		messages: [
			{ role: 'customer', created_at: iso(start), text: `My refund ${id} has not arrived` },
			{ role, created_at: iso(start + 3_600_000), text: 'Let me check that for you.' }
		]
	};
}

// Jane writes to the help desk (source "desk"), then again two days later through a chat
// tool (source "chat"): the desk conversation has a repeat contact only while "chat" exists.
const DESK = [
	contact('d1', T0, 'jane@example.com'),
	contact('d2', T0 + 1 * DAY, 'omar@example.com'),
	contact('d3', T0 + 14 * DAY, 'lee@example.com')
];
const CHAT = [
	contact('c1', T0 + 2 * DAY, 'jane@example.com', 'ai'),
	contact('c2', T0 + 3 * DAY, 'kim@example.com', 'ai'),
	// A broken record: kept as a reject of the chat import.
	{ id: 'c3', channel: 'email', messages: [{ role: 'robot', created_at: iso(T0), text: 'x' }] }
];

async function load(db: DbHandle, source: string, records: unknown[]) {
	const path = writeFile(scratchDir(), `${source}.ndjson`, ndjson(records));
	const [report] = await importFiles(db, [path], { source, format: 'canonical' });
	expect(report?.status).toBe('done');
}

/** Everything derived from the conversations, keyed by external ids rather than row ids. */
function derived(db: DbHandle) {
	const all = (sql: string) => db.sqlite.prepare(sql).all();
	return {
		rollups: all(
			`SELECT week, handler, channel, topic, source, conversations, messages, csat_answered,
			        repeat_contacts, repeat_eligible FROM rollup_weekly ORDER BY 1, 2, 3, 4, 5`
		),
		scores: all(
			`SELECT c.external_id, s.week, s.handler, n.external_id AS repeat_next
			   FROM conversations c JOIN conversation_scores s ON s.conversation_id = c.id
			   LEFT JOIN conversations n ON n.id = s.repeat_next_id ORDER BY 1`
		),
		customers: all(
			`SELECT i.value FROM customers c JOIN customer_identities i ON i.customer_id = c.id ORDER BY 1`
		),
		search: all('SELECT rowid FROM conversation_text ORDER BY 1').length
	};
}

describe('removing a source', () => {
	it('leaves exactly what importing the other sources alone would have made', async () => {
		const db = testDb();
		await load(db, 'desk', DESK);
		await load(db, 'chat', CHAT);
		// Before: Jane's desk conversation counts a repeat contact (through the chat one).
		expect(derived(db).scores).toContainEqual(
			expect.objectContaining({ external_id: 'd1', repeat_next: 'c1' })
		);

		const preview = previewSourceRemoval(db, ['chat']);
		expect(preview).toEqual({
			ok: true,
			value: {
				sources: ['chat'],
				imports: 1,
				conversations: 2,
				messages: 4,
				rejects: 1,
				recordsRejected: 1
			}
		});
		// A preview changes nothing.
		expect(db.sqlite.prepare('SELECT COUNT(*) AS n FROM conversations').get()).toEqual({ n: 5 });

		const removed = removeSources(db, cliActor(), ['chat']);
		expect(removed.ok && removed.value.conversations).toBe(2);

		const alone = testDb();
		await load(alone, 'desk', DESK);
		expect(derived(db)).toEqual(derived(alone));
		expect(derived(db).scores).toContainEqual(
			expect.objectContaining({ external_id: 'd1', repeat_next: null })
		);
		const count = (table: string) =>
			(db.sqlite.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
		expect({
			sources: count('sources'),
			imports: count('imports'),
			rejects: count('rejects'),
			messages: count('messages'),
			changes: count('conversation_changes'),
			dirtyWeeks: count('rollup_dirty_weeks')
		}).toEqual({ sources: 1, imports: 1, rejects: 0, messages: 6, changes: 0, dirtyWeeks: 0 });
		const entry = db.sqlite
			.prepare(`SELECT action, target FROM audit_log WHERE action = 'source.remove'`)
			.get();
		expect(entry).toEqual({ action: 'source.remove', target: 'chat' });
	});

	// The walkthrough's bug: /admin/sources said "16 rejected records" (reject rows) where the
	// history said Rejected 32 (records) for the same import.
	it('counts the records rejected as the history does, and the rejects they are in', () => {
		const db = testDb();
		const store = createImportStore(db);
		const { importId, sourceId } = store.beginImport({
			source: { name: 'desk', tool: 'csv' },
			fileName: 'desk.csv',
			format: 'csv',
			sizeBytes: 100,
			startedAt: T0,
			options: {},
			job: null
		});
		// A conversation read from 3 rows, rejected whole, and a 1-row one: 4 records, 2 rejects.
		const reject = (locator: string, records: number) => ({
			locator,
			reason: 'Created At: not a date',
			raw: '',
			records
		});
		store.writeBatch(importId, sourceId, [], [reject('lines 2-4', 3), reject('line 5', 1)], 100);
		store.finishImport(importId, {
			status: 'done',
			error: null,
			sha256: null,
			encoding: 'utf-8',
			format: 'csv'
		});
		const history = listImports(db, 10)[0];
		const [stored] = storedSources(db);
		expect(history?.recordsRejected).toBe(4);
		expect([stored?.recordsRejected, stored?.rejects]).toEqual([4, 2]);
		expect(rejectsSummary(stored?.rejects ?? 0, stored?.recordsRejected ?? 0)).toBe(
			'4 records rejected, in 2 rejects'
		);
	});

	it('removing every source leaves no weekly figure behind', async () => {
		const db = testDb();
		await load(db, 'desk', DESK);
		await load(db, 'chat', CHAT);
		expect(derived(db).rollups.length).toBeGreaterThan(0);
		const removed = removeSources(db, cliActor(), ['desk', 'chat']);
		expect(removed.ok).toBe(true);
		expect(derived(db)).toEqual({ rollups: [], scores: [], customers: [], search: 0 });
		// The next import starts from nothing, as on a new database.
		await load(db, 'desk', DESK);
		const fresh = testDb();
		await load(fresh, 'desk', DESK);
		expect(derived(db)).toEqual(derived(fresh));
	});

	it('refuses a name that is not stored, naming the sources that are, and removes nothing', async () => {
		const db = testDb();
		await load(db, 'desk', DESK);
		const result = removeSources(db, cliActor(), ['desk', 'chat']);
		expect(result).toEqual({
			ok: false,
			status: 404,
			errors: { sources: "no source named 'chat' (stored: 'desk')" }
		});
		expect(db.sqlite.prepare('SELECT COUNT(*) AS n FROM conversations').get()).toEqual({ n: 3 });
	});
});
