import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parity } from '../helpers/cli';
import { scratchDir } from '../helpers/files';

/** `parity import` as a user runs it: what it prints, its exit code and what it stored. */

const fixtures = new URL('../fixtures/csv/', import.meta.url).pathname;
const goodCsv = join(fixtures, 'helpdesk-messages.csv');

function sourceNames(dir: string): string[] {
	const db = new Database(join(dir, 'parity.db'), { readonly: true });
	try {
		return db
			.prepare('SELECT name FROM sources ORDER BY name')
			.all()
			.map((row) => (row as { name: string }).name);
	} finally {
		db.close();
	}
}

describe('parity import', () => {
	it("refuses --source '' (a source no one could name) as a usage error", () => {
		const dir = scratchDir();
		for (const blank of ['', '   ']) {
			expect(parity(dir, ['import', goodCsv, '--source', blank])).toEqual({
				code: 2,
				out: '',
				err: `parity import: --source must name a source, not '${blank}'\n`
			});
		}
		expect(parity(dir, ['import', goodCsv, '--source', ' desk ']).code).toBe(0);
		expect(sourceNames(dir)).toEqual(['desk']);
	});
});
