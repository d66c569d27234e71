import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/lib/server/analytics/simulate';
import { openAppDatabase } from '../../src/lib/server/app';
import { loadCells, newestConversationStart } from '../../src/lib/server/db/repos/rollup-cells';
import { reviewPage } from '../../src/lib/server/dashboard/review';
import { reviewReport } from '../../src/lib/server/dashboard/review-report';
import { importFiles } from '../../src/lib/server/ingest/service';
import { projectRoot } from '../../src/lib/server/paths';
import { testDb } from '../helpers/db';
import { ndjson, scratchDir, writeFile } from '../helpers/files';
import { createRollupTable, insertCells } from '../helpers/rollups';

const run = promisify(execFile);

describe('loading rollup cells', () => {
	it('reads back exactly the cells written, for the weeks asked', () => {
		const db = testDb();
		createRollupTable(db);
		const { cells } = simulate({ seed: 4, weeks: 5 });
		insertCells(db, cells);
		const key = (c: { week: string; handler: string; channel: string; topic: string }) =>
			`${c.week}|${c.handler}|${c.channel}|${c.topic}`;
		const loaded = loadCells(db, '2026-W02', '2026-W04');
		const expected = cells.filter((c) => c.week >= '2026-W02' && c.week <= '2026-W04');
		expect(loaded).toHaveLength(expected.length);
		const byKey = new Map(loaded.map((cell) => [key(cell), cell]));
		for (const cell of expected) expect(byKey.get(key(cell))).toEqual(cell);
	});

	it('has no cells and no newest conversation on an empty database', () => {
		const db = testDb();
		expect(loadCells(db, '2026-W01', '2026-W02')).toEqual([]);
		expect(newestConversationStart(db)).toBeNull();
		// Nor a review over HTTP: 404 until a week has figures.
		expect(reviewReport(db, null)).toEqual({
			ok: false,
			status: 404,
			errors: { week: 'no week has figures yet: import an export first' }
		});
	});

	it('rejects a malformed row, naming the field', () => {
		const db = testDb();
		createRollupTable(db);
		const [cell] = simulate({ seed: 1, weeks: 1 }).cells;
		insertCells(db, [{ ...cell!, channel: 'fax' as never }]);
		expect(() => loadCells(db, '2026-W01', '2026-W01')).toThrow(/row 1 .*channel/);
	});
});

describe('parity report', () => {
	it('prints the review of the last complete week before the newest conversation', async () => {
		const dir = scratchDir();
		const path = join(dir, 'parity.db');
		const db = openAppDatabase(path);
		// the newest conversation starts on Wednesday of 2026-W27, so W26 is the last complete week
		const file = writeFile(
			dir,
			'one.ndjson',
			ndjson([
				{
					id: 'c1',
					channel: 'chat',
					customer: { email: 'a@example.com' },
					messages: [
						{ role: 'customer', created_at: '2026-07-01T09:00:00Z', text: 'Hello' },
						{ role: 'ai', created_at: '2026-07-01T09:00:03Z', text: 'Hi' }
					]
				}
			])
		);
		await importFiles(db, [file]);
		// Simulated cells for the 26 weeks before, written after the import's own rollup
		// refresh (which recomputes the weeks it touches from conversations).
		insertCells(db, simulate({ seed: 8, weeks: 26 }).cells);
		db.close();
		const env = { ...process.env, PARITY_DB: path };
		const bin = join(projectRoot, 'bin', 'parity.js');

		const text = await run(process.execPath, [bin, 'report'], { env });
		expect(text.stdout).toContain(
			'Parity weekly review — 2026-W26, compared with the baseline 2026-W18–W25'
		);
		expect(text.stdout).toContain('Routing verdicts per topic (2026-W23–W26)');

		const json = await run(process.execPath, [bin, 'report', '--week', '2026-W20', '--json'], {
			env
		});
		const review = JSON.parse(json.stdout) as { week: string; tests: number; verdicts: unknown[] };
		expect(review.week).toBe('2026-W20');
		expect(review.tests).toBeGreaterThan(100);
		expect(review.verdicts).toHaveLength(8);

		// GET /api/report answers the same document, for the same weeks.
		const reopened = openAppDatabase(path);
		try {
			const api = reviewReport(reopened, '2026-W20');
			expect(api.ok).toBe(true);
			if (api.ok) expect(JSON.parse(JSON.stringify(api.value))).toEqual(review);
			const latest = reviewReport(reopened, null);
			expect(latest.ok && latest.value.week).toBe('2026-W26');
			// `?week=` left empty asks for no week in particular
			const empty = reviewReport(reopened, '');
			expect(empty.ok && empty.value.week).toBe('2026-W26');
			expect(reviewReport(reopened, 'W20')).toEqual({
				ok: false,
				status: 400,
				errors: { week: '“W20” is not a week (they look like 2026-W47)' }
			});
		} finally {
			reopened.close();
		}

		await expect(
			run(process.execPath, [bin, 'report', '--week', 'W20'], { env })
		).rejects.toMatchObject({
			code: 2,
			stderr: expect.stringContaining('not an ISO week')
		});
	});

	it('on a database whose only week is still filling, reviews that week and says so', async () => {
		const dir = scratchDir();
		const path = join(dir, 'parity.db');
		const db = openAppDatabase(path);
		// One conversation on Wednesday 1 July 2026 (W27): the last complete week, W26, is empty.
		const file = writeFile(
			dir,
			'one.ndjson',
			ndjson([
				{
					id: 'c1',
					channel: 'chat',
					customer: { email: 'a@example.com' },
					messages: [
						{ role: 'customer', created_at: '2026-07-01T09:00:00Z', text: 'Hello' },
						{ role: 'ai', created_at: '2026-07-01T09:00:03Z', text: 'Hi' }
					]
				}
			])
		);
		await importFiles(db, [file]);
		db.close();
		const env = { ...process.env, PARITY_DB: path };
		const bin = join(projectRoot, 'bin', 'parity.js');

		const text = await run(process.execPath, [bin, 'report'], { env });
		expect(text.stdout).toContain('Parity weekly review — 2026-W27');
		expect(text.stdout).not.toContain('nothing to review');
		expect(text.stderr).toContain(
			'parity report: no complete week has data; reviewing 2026-W27, which is still filling'
		);

		// A week asked for that has no data: it says which weeks have, and how to ask for one.
		const empty = await run(process.execPath, [bin, 'report', '--week', '2026-W20'], { env });
		expect(empty.stdout).toContain(
			'No conversations in the rollups for 2026-W20: nothing to review.'
		);
		expect(empty.stdout).toContain(
			'parity report: weeks with data, newest first: 2026-W27. ' +
				'Ask for one with --week, e.g. parity report --week 2026-W27.'
		);
		const json = await run(process.execPath, [bin, 'report', '--week', '2026-W20', '--json'], {
			env
		});
		expect((JSON.parse(json.stdout) as { hasData: boolean }).hasData).toBe(false);
		expect(json.stderr).toContain('weeks with data, newest first: 2026-W27.');
	});

	it('on a database whose conversations nobody answered, says so rather than "run parity rollup"', async () => {
		const dir = scratchDir();
		const path = join(dir, 'parity.db');
		const db = openAppDatabase(path);
		// What the walkthrough had after removing the demo: 12 conversations, none answered.
		const unanswered = Array.from({ length: 12 }, (_, i) => ({
			id: `u${i + 1}`,
			channel: 'email',
			customer: { email: `c${i}@example.com` },
			messages: [{ role: 'customer', created_at: '2020-12-16T09:00:00Z', text: 'Is anyone there?' }]
		}));
		await importFiles(db, [writeFile(dir, 'unanswered.ndjson', ndjson(unanswered))]);
		expect(reviewPage(db, {})).toMatchObject({
			state: 'empty',
			stored: { conversations: 12, answered: 0 }
		});
		db.close();
		const env = { ...process.env, PARITY_DB: path };
		const bin = join(projectRoot, 'bin', 'parity.js');

		const text = await run(process.execPath, [bin, 'report'], { env });
		// One pair of parentheses: the baseline's own note is not nested in another.
		expect(text.stdout).toContain(
			'Parity weekly review — 2020-W50, compared with the baseline 2020-W42–W49 (no data in any of those 8 weeks)'
		);
		expect(text.stdout).toContain(
			'parity report: 12 conversations are stored, but none was answered by an AI or a human agent, so no week has figures.'
		);
		expect(text.stdout).not.toContain('parity rollup');
	});
});
