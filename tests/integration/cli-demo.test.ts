import { describe, expect, it } from 'vitest';
import { parity } from '../helpers/cli';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

/** A small demo data set, fixed in time, so that runs compare. */
const SMALL = ['--weeks', '2', '--scale', '0.05', '--end-week', '2026-W10'];

describe('parity demo, run again', () => {
	it('says the data set is already loaded when every record was a duplicate', () => {
		const dir = scratchDir();
		const first = parity(dir, ['demo', ...SMALL]);
		expect(first.code).toBe(0);
		expect(first.out).toMatch(/\nImported \d+ new conversations, \d+ messages in [\d.]+ s\n/);
		const stored = Number(/Imported (\d+) new/.exec(first.out)?.[1]);

		const again = parity(dir, ['demo', ...SMALL]);
		expect(again.code).toBe(0);
		expect(again.out).toContain(
			`\nThe demo data set is already loaded: nothing new (${stored} conversations recognised as stored, in `
		);
		expect(again.out).not.toMatch(/\nImported/);
	}, 60_000);

	it('refuses the demo of another seed beside a stored one, in one line, until it is removed', () => {
		const dir = scratchDir();
		expect(parity(dir, ['demo', ...SMALL]).code).toBe(0);
		expect(parity(dir, ['demo', ...SMALL, '--seed', '3'])).toEqual({
			code: 2,
			out: '',
			err:
				'parity demo: the database holds the demo data set of seed 7, and seed 3 would mix ' +
				"with it. Run 'npx parity demo --remove --yes' first\n"
		});
		expect(parity(dir, ['demo', ...SMALL, '--seed', '7']).code).toBe(0);
		expect(parity(dir, ['demo', '--remove', '--yes']).code).toBe(0);
		const reloaded = parity(dir, ['demo', ...SMALL, '--seed', '3']);
		expect(reloaded.code).toBe(0);
		expect(reloaded.out).toMatch(/\(seed 3, .*\nImported \d+ new conversations/s);
	}, 60_000);

	it('refuses to load beside demo sources whose seed was never recorded', () => {
		const dir = scratchDir();
		const record = {
			id: 'x1',
			messages: [{ role: 'customer', created_at: '2026-03-02T09:00:00Z', text: 'hello?' }]
		};
		const file = writeFile(dir, 'old.ndjson', ndjson([record]));
		expect(parity(dir, ['import', file, '--source', 'Zendesk (demo)']).code).toBe(0);
		expect(parity(dir, ['demo', ...SMALL])).toMatchObject({
			code: 2,
			err: expect.stringMatching(
				/^parity demo: the database holds the demo data set of a seed that was not recorded .*--remove --yes' first\n$/
			)
		});
	});
});
