import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FileReport } from '../../src/lib/server/ingest/pipeline';
import { parity } from '../helpers/cli';
import { scratchDir, writeFile } from '../helpers/files';

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

describe('parity import --format', () => {
	it('refuses an unknown format before opening any file or the database', () => {
		const dir = scratchDir();
		expect(parity(dir, ['import', goodCsv, '--format', 'nonsense'])).toEqual({
			code: 2,
			out: '',
			err:
				"parity import: unknown format 'nonsense'; Parity knows: zendesk-warehouse, " +
				'intercom-warehouse, zendesk, intercom, freshdesk, helpscout, front, canonical, csv\n'
		});
		expect(existsSync(join(dir, 'parity.db'))).toBe(false);
	});

	it('takes a format name in any case', () => {
		const dir = scratchDir();
		const result = parity(dir, ['import', goodCsv, '--format', 'CSV', '--json']);
		expect(result.code).toBe(0);
		const [report] = (JSON.parse(result.out) as { files: FileReport[] }).files;
		expect(report).toMatchObject({ format: 'csv', status: 'done', detection: '--format csv' });
	});
});

describe('parity import of paths that give no file', () => {
	it('reports a missing path as that file’s failure, imports the others, and exits 1', () => {
		const dir = scratchDir();
		const result = parity(dir, ['import', '/nope.json', goodCsv]);
		expect(result.code).toBe(1);
		expect(result.err).toBe('/nope.json: no such file or directory\n');
		expect(result.out).toMatch(/^\nhelpdesk-messages\.csv {2}\[csv\] {2}done\n/);
		expect(sourceNames(dir)).toEqual(['csv']);

		const json = parity(scratchDir(), ['import', '/nope.json', goodCsv, '--json']);
		expect(json.code).toBe(1);
		expect(json.err).toBe('');
		expect((JSON.parse(json.out) as { files: FileReport[] }).files).toMatchObject([
			{ fileName: '/nope.json', status: 'failed', error: '/nope.json: no such file or directory' },
			{ fileName: 'helpdesk-messages.csv', status: 'done' }
		]);
	});

	it('says an empty folder has no files, naming it, in one line (exit 1)', () => {
		const dir = scratchDir();
		const empty = join(scratchDir(), 'emptydir');
		mkdirSync(empty);
		expect(parity(dir, ['import', empty])).toEqual({
			code: 1,
			out: '',
			err: `no files found in ${empty}\n`
		});
		const json = parity(dir, ['import', empty, '--json']);
		expect(json.code).toBe(1);
		expect((JSON.parse(json.out) as { files: FileReport[] }).files).toMatchObject([
			{ fileName: empty, status: 'failed', error: `no files found in ${empty}` }
		]);
	});
});

describe('parity import of an empty file', () => {
	it('says the file is empty, once, for 0 bytes, blank lines or a gzip of nothing', () => {
		const dir = scratchDir();
		const files = [
			writeFile(dir, 'empty.ndjson', ''),
			writeFile(dir, 'blank.csv', '\n  \r\n\t\n'),
			writeFile(dir, 'nothing.json.gz', '', { gzip: true })
		];
		expect(parity(dir, ['import', ...files])).toEqual({
			code: 1,
			out: '',
			err:
				'empty.ndjson: the file is empty\n' +
				'blank.csv: the file is empty\n' +
				'nothing.json.gz: the file is empty\n'
		});
		const json = parity(dir, ['import', files[0] as string, '--json', '--format', 'canonical']);
		expect(json.code).toBe(1);
		expect((JSON.parse(json.out) as { files: FileReport[] }).files).toMatchObject([
			{
				status: 'failed',
				error: 'empty.ndjson: the file is empty',
				summary: 'The file is empty',
				importId: null
			}
		]);
	});

	it('prints the reason a file is not recognised once', () => {
		const dir = scratchDir();
		const notes = writeFile(dir, 'notes.txt', 'just some notes\nnothing tabular here\n');
		const result = parity(dir, ['import', notes]);
		expect(result).toMatchObject({ code: 1, out: '' });
		expect(result.err.match(/not a format Parity recognises/g)).toHaveLength(1);
		expect(result.err.trimEnd().split('\n')).toHaveLength(1);
	});
});

describe('parity import --mapping', () => {
	it('says the columns came from the mapping, not what the header alone lacked', () => {
		const dir = scratchDir();
		const result = parity(dir, [
			'import',
			join(fixtures, 'odd-headers.csv'),
			'--mapping',
			join(fixtures, 'odd-headers.mapping.json')
		]);
		expect(result).toMatchObject({ code: 0, err: '' });
		expect(result.out).toContain(
			'  encoding utf-8; CSV with columns from the mapping: Case Ref → conversationId, ' +
				'Who → role, Name → authorName, When → timestamp, Said → text (confidence 0.90)\n'
		);
		expect(result.out).not.toContain('has no conversation id');
	});

	it('refuses a misspelt top-level key, naming the key and the file', () => {
		const dir = scratchDir();
		const mapping = writeFile(dir, 'map.json', '{"date_order": "dmy"}');
		expect(parity(dir, ['import', goodCsv, '--mapping', mapping])).toEqual({
			code: 2,
			out: '',
			err: `parity import: ${mapping}: unknown key 'date_order'; known keys: columns, dateOrder, timeZone, roleValues, csatScale\n`
		});
	});
});

describe('parity import --help', () => {
	it('says what every option does, and leaves out the job option the server passes', () => {
		const help = parity(scratchDir(), ['import', '--help']);
		expect(help.code).toBe(0);
		for (const option of ['--format', '--source', '--mapping', '--mappings', '--name', '--json']) {
			expect(help.out).toMatch(new RegExp(`\\n  ${option} [A-Z]*\\s+\\w`));
		}
		expect(help.out).toContain('  --name NAME      the name to report each file by');
		expect(help.out).toContain('  --mappings FILE  a mapping for each file instead');
		expect(help.out).toContain('Exit code: 0 when every file was imported; 1 when a file');
		expect(help.out).not.toContain('--job');
	});
});
