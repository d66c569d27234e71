import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { adminSettings, AdminSettingsForm } from '../../src/lib/server/admin-settings';
import { openAppDatabase } from '../../src/lib/server/app';
import { cliActor } from '../../src/lib/server/audit';
import type { DbHandle } from '../../src/lib/server/db/client';
import { getSetting, setSetting } from '../../src/lib/server/db/repos/settings';
import { importFiles } from '../../src/lib/server/ingest/service';
import {
	applyRetention,
	retentionCutoff,
	retentionPlan,
	startRetentionSchedule
} from '../../src/lib/server/privacy/retention';
import { testDb } from '../helpers/db';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (instant: number) => new Date(instant).toISOString();
// Wednesday 10 June 2026 − 3 months = Tuesday 10 March, in 2026-W11 (from Monday 9 March):
// conversations that started before 9 March 00:00 UTC go, the rest of W11 stays.
const NOW = Date.UTC(2026, 5, 10, 9);
const CUTOFF = Date.UTC(2026, 2, 9);

function contact(id: string, start: number, email: string, role: 'ai' | 'agent' = 'agent') {
	return {
		id,
		channel: 'email',
		customer: { email },
		csat: { score: 4, scale: '1-5' },
		messages: [
			{ role: 'customer', created_at: iso(start), text: `Where is my refund for order ${id}?` },
			{ role, created_at: iso(start + HOUR / 2), text: 'Let me check that for you.' }
		]
	};
}

// Jane in W10, back two days later (a repeat contact), and again just after the cutoff; Omar
// only in W10, his last one half an hour before the cutoff; Kim and Lee after it.
const OLD = [
	contact('a1', CUTOFF - 7 * DAY + 9 * HOUR, 'jane@example.com'),
	contact('a2', CUTOFF - 5 * DAY, 'jane@example.com', 'ai'),
	contact('a3', CUTOFF - HOUR, 'omar@example.com')
];
const KEPT = [
	contact('b1', CUTOFF + HOUR / 2, 'jane@example.com', 'ai'),
	contact('b2', CUTOFF + 3 * DAY, 'kim@example.com'),
	contact('b3', CUTOFF + 15 * DAY, 'lee@example.com', 'ai')
];

async function load(db: DbHandle, records: unknown[]) {
	const path = writeFile(scratchDir(), 'export.ndjson', ndjson(records));
	const [report] = await importFiles(db, [path], { source: 'desk', format: 'canonical' });
	expect(report?.status).toBe('done');
}

/** Everything stored and derived, keyed by external ids rather than row ids. */
function state(db: DbHandle) {
	const all = (sql: string) => db.sqlite.prepare(sql).all();
	return {
		conversations: all(
			'SELECT external_id, started_at, message_count FROM conversations ORDER BY 1'
		),
		messages: all(
			`SELECT c.external_id, m.key, m.body, m.sentiment FROM messages m
			   JOIN conversations c ON c.id = m.conversation_id ORDER BY 1, 2`
		),
		scores: all(
			`SELECT c.external_id, s.week, s.handler, n.external_id AS repeat_next
			   FROM conversations c JOIN conversation_scores s ON s.conversation_id = c.id
			   LEFT JOIN conversations n ON n.id = s.repeat_next_id ORDER BY 1`
		),
		rollups: all(
			`SELECT week, handler, channel, topic, source, conversations, messages, csat_answered,
			        repeat_contacts, repeat_eligible FROM rollup_weekly ORDER BY 1, 2, 3, 4, 5`
		),
		identities: all('SELECT kind, value FROM customer_identities ORDER BY 1, 2'),
		customers: all('SELECT COUNT(*) AS n FROM customers'),
		search: all('SELECT rowid FROM conversation_text').length
	};
}

describe('retention', () => {
	it('deletes whole weeks before the cutoff and leaves what importing the rest alone makes', async () => {
		const db = testDb();
		await load(db, [...OLD, ...KEPT]);
		const weeksBefore = state(db).rollups.map((row) => (row as { week: string }).week);
		expect(weeksBefore).toContain('2026-W10');
		// Jane's first conversation has her second as its repeat contact.
		expect(state(db).scores).toContainEqual(
			expect.objectContaining({ external_id: 'a1', repeat_next: 'a2' })
		);

		// Off by default: nothing planned, nothing deleted.
		expect(retentionPlan(db, NOW)).toBeNull();
		await expect(applyRetention(db, cliActor(), NOW)).resolves.toBeNull();
		expect(state(db).conversations).toHaveLength(6);

		setSetting(db, 'privacy.retentionMonths', 3);
		expect(retentionPlan(db, NOW)).toEqual({
			months: 3,
			beforeWeek: '2026-W11',
			before: CUTOFF,
			conversations: 3,
			messages: 6,
			rejects: 0
		});
		const outcome = await applyRetention(db, cliActor(), NOW);
		expect(outcome).toEqual({
			at: NOW,
			beforeWeek: '2026-W11',
			conversations: 3,
			messages: 6,
			rejects: 0,
			error: null
		});

		const clean = testDb();
		await load(clean, KEPT);
		const after = state(db);
		expect(after).toEqual(state(clean));
		// Omar had nothing after the cutoff: gone with his identity; Jane stays for b1.
		expect(after.identities).toEqual([
			{ kind: 'email', value: 'jane@example.com' },
			{ kind: 'email', value: 'kim@example.com' },
			{ kind: 'email', value: 'lee@example.com' }
		]);
		expect(after.rollups.map((row) => (row as { week: string }).week)).not.toContain('2026-W10');

		// Recorded for the admin's page and in the audit log; a second sweep has nothing to do.
		expect(getSetting(db, 'privacy.retentionLast')).toEqual(outcome);
		const audited = () =>
			db.sqlite.prepare(`SELECT target, detail FROM audit_log WHERE action = 'retention'`).all();
		expect(audited()).toEqual([
			{
				target: 'before 2026-W11',
				detail: JSON.stringify({ conversations: 3, messages: 6, rejects: 0 })
			}
		]);
		const again = await applyRetention(db, cliActor(), NOW + DAY);
		expect(again).toMatchObject({ conversations: 0, messages: 0, rejects: 0, error: null });
		expect(audited()).toHaveLength(1);
		expect(state(db)).toEqual(state(clean));
	});

	it('deletes the rejected records of imports from before the cutoff, keeping their history', async () => {
		const db = testDb();
		const broken = { id: 'x1', channel: 'email', messages: [{ role: 'robot', text: 'x' }] };
		await load(db, [...KEPT, broken]);
		await load(db, [broken]);
		const imports = db.sqlite.prepare('SELECT id FROM imports ORDER BY id').all() as Array<{
			id: number;
		}>;
		const first = imports[0]?.id;
		db.sqlite.prepare('UPDATE imports SET started_at = ? WHERE id = ?').run(CUTOFF - DAY, first);
		setSetting(db, 'privacy.retentionMonths', 3);
		expect(retentionPlan(db, NOW)).toMatchObject({ conversations: 0, rejects: 1 });

		const outcome = await applyRetention(db, cliActor(), NOW);
		expect(outcome).toMatchObject({ conversations: 0, rejects: 1 });
		const rejects = db.sqlite.prepare('SELECT import_id FROM rejects').all();
		expect(rejects).toEqual([{ import_id: imports[1]?.id }]);
		expect(
			db.sqlite.prepare('SELECT records_rejected FROM imports WHERE id = ?').get(first)
		).toEqual({ records_rejected: 1 });
		expect(state(db).conversations).toHaveLength(3);
	});

	it('a sweep that cannot get the write lock is logged, not fatal, and the next one does the work', async () => {
		const path = join(scratchDir(), 'parity.db');
		const db = openAppDatabase(path);
		setSetting(db, 'privacy.minimizeAtImport', false);
		await load(db, [...OLD, ...KEPT]);
		setSetting(db, 'privacy.retentionMonths', 3);
		// Another process holds the write lock for longer than the server waits.
		const other = openAppDatabase(path);
		other.sqlite.exec('BEGIN IMMEDIATE');
		db.sqlite.pragma('busy_timeout = 50');
		const lines: string[] = [];
		const schedule = startRetentionSchedule(db, (line) => lines.push(line));
		try {
			await expect(schedule.started).resolves.toBeNull();
		} finally {
			schedule.stop();
			other.sqlite.exec('ROLLBACK');
			other.close();
		}
		expect(lines).toEqual(['retention: failed: database is locked']);
		expect(state(db).conversations).toHaveLength(6);
		await expect(applyRetention(db, cliActor(), NOW)).resolves.toMatchObject({
			conversations: 3,
			error: null
		});
		db.close();
	});

	it('sweeps when the server starts', async () => {
		const db = testDb();
		await load(db, [...OLD, ...KEPT]);
		setSetting(db, 'privacy.retentionMonths', 1);
		const lines: string[] = [];
		const schedule = startRetentionSchedule(db, (line) => lines.push(line));
		try {
			// Every conversation here started in March 2026, long before a month ago.
			await expect(schedule.started).resolves.toMatchObject({ conversations: 6, error: null });
		} finally {
			schedule.stop();
		}
		expect(state(db).conversations).toEqual([]);
		expect(state(db).rollups).toEqual([]);
		expect(lines).toEqual([
			expect.stringMatching(/^retention: deleted 6 conversations that started before \d{4}-W\d\d$/)
		]);
	});

	it('an import rejects conversations that started before the retention period, without their record', async () => {
		const db = testDb();
		setSetting(db, 'privacy.retentionMonths', 3);
		const recent = contact('r1', Date.now() - 2 * DAY, 'kim@example.com');
		const path = writeFile(scratchDir(), 'export.ndjson', ndjson([OLD[0], recent]));
		const [report] = await importFiles(db, [path], { source: 'desk', format: 'canonical' });
		expect(report?.counts).toMatchObject({ recordsImported: 1, recordsRejected: 1 });
		const week = retentionCutoff(3, 'UTC', Date.now()).week;
		expect(db.sqlite.prepare('SELECT locator, reason, raw FROM rejects').all()).toEqual([
			{
				locator: 'line 1 (id a1)',
				reason: `started before the retention period: conversations are kept from ${week} on (Admin → System settings), and the record is not kept`,
				raw: ''
			}
		]);
		expect(state(db).conversations).toEqual([
			expect.objectContaining({ external_id: 'r1', message_count: 2 })
		]);
	});

	it("the settings page tells what the next sweep deletes as of that sweep's own day", async () => {
		const db = testDb();
		// A conversation on Tuesday 20 October 2026 (W43).
		await load(db, [contact('o1', Date.UTC(2026, 9, 20, 9), 'omar@example.com')]);
		setSetting(db, 'privacy.retentionMonths', 1);
		vi.useFakeTimers({ toFake: ['Date'] });
		try {
			// Wednesday 25 Nov, 23:00: a month ago is Sunday 25 Oct (W43), so a sweep now would
			// keep W43; the sweep at 04:00 on the 26th goes back to Monday 26 Oct (W44).
			vi.setSystemTime(Date.UTC(2026, 10, 25, 23));
			expect(retentionPlan(db)).toMatchObject({ beforeWeek: '2026-W43', conversations: 0 });
			const { retention } = adminSettings(db);
			expect(retention.next).toBe(Date.UTC(2026, 10, 26, 4));
			expect(retention.plan).toMatchObject({ beforeWeek: '2026-W44', conversations: 1 });
		} finally {
			vi.useRealTimers();
		}
	});

	it('is set in whole months from 1 to 120 on the settings form, empty for keeping everything', () => {
		const parse = (retentionMonths: string) =>
			AdminSettingsForm.shape.retentionMonths.safeParse(retentionMonths);
		expect(parse('')).toMatchObject({ success: true, data: null });
		expect(parse(' 12 ')).toMatchObject({ success: true, data: 12 });
		for (const bad of ['0', '121', '1.5', 'twelve'])
			expect(parse(bad).error?.issues[0]?.message).toBe(
				'a whole number of months from 1 to 120, or empty'
			);
	});
});
