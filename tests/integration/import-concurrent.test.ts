import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../src/lib/server/app';
import type { DbHandle } from '../../src/lib/server/db/client';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

const root = new URL('../..', import.meta.url).pathname;
const T0 = Date.UTC(2026, 2, 2, 9);

/**
 * `count` conversations of the help desk `prefix`; customers shared between the two desks.
 * The desks' times interleave without ever being equal: two contacts of one customer at the
 * same instant would be ordered by row id, which two imports at once assign differently.
 */
function exportOf(prefix: string, offset: number, count: number) {
	return Array.from({ length: count }, (_, i) => {
		const start = T0 + i * 600_000 + offset;
		return {
			id: `${prefix}${i}`,
			channel: i % 2 ? 'chat' : 'email',
			customer: { email: `customer${i % 700}@example.com` },
			csat: i % 3 ? { score: (i % 5) + 1, scale: '1-5' } : null,
			messages: [
				{
					role: 'customer',
					created_at: new Date(start).toISOString(),
					text: `My refund ${i} is late`
				},
				{
					role: i % 4 ? 'ai' : 'agent',
					created_at: new Date(start + 60_000).toISOString(),
					text: 'Sorry about that, let me check the refund.'
				}
			]
		};
	});
}

function importInChild(dir: string, db: string, file: string) {
	return parityInChild(dir, db, ['import', file, '--json']);
}

function parityInChild(dir: string, db: string, args: string[]) {
	return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
		const child = spawn(process.execPath, [join(root, 'bin/parity.js'), ...args], {
			cwd: root,
			env: { ...process.env, PARITY_DB: db, PARITY_DATA_DIR: dir, PARITY_DEMO: 'off' }
		});
		let out = '';
		let err = '';
		child.stdout.on('data', (chunk) => (out += chunk));
		child.stderr.on('data', (chunk) => (err += chunk));
		child.on('exit', (code) => resolve({ code, out, err }));
	});
}

/** What the data says, independent of the order rows were written in. */
function contents(handle: DbHandle) {
	const all = (sql: string) => handle.sqlite.prepare(sql).all();
	return {
		conversations: all(
			`SELECT c.external_id, c.handler, c.message_count, s.week, s.csat_score, n.external_id AS repeat_next
			   FROM conversations c JOIN conversation_scores s ON s.conversation_id = c.id
			   LEFT JOIN conversations n ON n.id = s.repeat_next_id ORDER BY 1`
		),
		customers: all(
			`SELECT COUNT(DISTINCT customer_id) AS customers, COUNT(*) AS identities FROM customer_identities`
		),
		rollups: all(
			`SELECT week, handler, channel, topic, source, conversations, messages, csat_answered, csat_top2,
			        repeat_contacts, repeat_eligible FROM rollup_weekly ORDER BY 1, 2, 3, 4, 5`
		),
		seededOnce: all(
			`SELECT (SELECT COUNT(*) FROM __drizzle_migrations) AS migrations,
			        (SELECT COUNT(*) FROM topics) AS topics, (SELECT COUNT(*) FROM bot_rules) AS botRules,
			        (SELECT COUNT(*) FROM alert_rules) AS alertRules, (SELECT COUNT(*) FROM sources) AS sources`
		),
		pending: all(
			`SELECT (SELECT COUNT(*) FROM conversation_changes) AS changes,
			        (SELECT COUNT(*) FROM rollup_dirty_weeks) AS weeks,
			        (SELECT COUNT(*) FROM search_pending) AS text`
		)
	};
}

describe('two imports at once', () => {
	it('both finish, and the database holds what importing one after the other gives', async () => {
		const dir = scratchDir();
		const a = writeFile(dir, 'desk-a.ndjson', ndjson(exportOf('a', 0, 6000)));
		const b = writeFile(dir, 'desk-b.ndjson', ndjson(exportOf('b', 300_000, 6000)));

		// Neither finds the database: both create, migrate and seed the same new file at once.
		const together = join(dir, 'together.db');
		const results = await Promise.all([
			importInChild(dir, together, a),
			importInChild(dir, together, b)
		]);
		for (const result of results) {
			expect(result.err).toBe('');
			expect(result.code).toBe(0);
		}

		const inTurn = join(dir, 'in-turn.db');
		for (const file of [a, b]) expect((await importInChild(dir, inTurn, file)).code).toBe(0);

		const [one, other] = [openAppDatabase(together), openAppDatabase(inTurn)];
		try {
			const expected = contents(other);
			expect(expected.conversations).toHaveLength(12_000);
			expect(contents(one)).toEqual(expected);
		} finally {
			one.close();
			other.close();
		}
	}, 300_000);

	it('processes that open one new database at once migrate and seed it once', async () => {
		const dir = scratchDir();
		const db = join(dir, 'new.db');
		const results = await Promise.all(
			Array.from({ length: 6 }, () => parityInChild(dir, db, ['source', 'list']))
		);
		for (const result of results) {
			expect(result.err).toBe('');
			expect(result.code).toBe(0);
		}
		const inTurn = join(dir, 'in-turn.db');
		expect((await parityInChild(dir, inTurn, ['source', 'list'])).code).toBe(0);
		const [one, other] = [openAppDatabase(db), openAppDatabase(inTurn)];
		try {
			expect(contents(one).seededOnce).toEqual(contents(other).seededOnce);
		} finally {
			one.close();
			other.close();
		}
	}, 120_000);
});
