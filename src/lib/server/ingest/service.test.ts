import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandPaths } from './service';

function folder(files: Record<string, string>): string {
	const dir = mkdtempSync(join(tmpdir(), 'parity-expand-'));
	for (const [name, text] of Object.entries(files)) {
		mkdirSync(join(dir, name, '..'), { recursive: true });
		writeFileSync(join(dir, name), text);
	}
	return dir;
}

describe('expandPaths', () => {
	it('expands folders to their data files, sorted, leaving notes and hidden files out', () => {
		const dir = folder({ 'b.csv': 'x', 'a/c.ndjson': 'x', 'README.md': 'x', '.DS_Store': 'x' });
		expect(expandPaths([dir])).toEqual({
			files: [join(dir, 'a/c.ndjson'), join(dir, 'b.csv')],
			problems: []
		});
	});

	it('makes a missing path its own failure, in words, and keeps the other paths', () => {
		const dir = folder({ 'good.csv': 'x' });
		expect(expandPaths(['/nope.json', join(dir, 'good.csv')])).toEqual({
			files: [join(dir, 'good.csv')],
			problems: [
				{
					path: '/nope.json',
					error: '/nope.json: no such file or directory',
					summary: 'The file could not be read'
				}
			]
		});
	});

	it('says a folder with nothing to import has no files, naming it, and why when it held notes', () => {
		const empty = folder({});
		const notes = folder({ 'README.md': 'x', 'nested/.keep': '' });
		expect(expandPaths([empty, notes]).problems).toEqual([
			{
				path: empty,
				error: `no files found in ${empty}`,
				summary: 'No files found in the folder'
			},
			{
				path: notes,
				error: `no files found in ${notes} (notes, READMEs and hidden files are not imported)`,
				summary: 'No files found in the folder'
			}
		]);
	});

	it('reports a broken link inside a folder as that file, not the folder as empty', () => {
		const dir = folder({});
		symlinkSync(join(dir, 'gone.csv'), join(dir, 'link.csv'));
		expect(expandPaths([dir])).toEqual({
			files: [],
			problems: [
				{
					path: join(dir, 'link.csv'),
					error: `${join(dir, 'link.csv')}: no such file or directory`,
					summary: 'The file could not be read'
				}
			]
		});
	});
});
