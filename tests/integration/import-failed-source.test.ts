import { describe, expect, it } from 'vitest';
import { importReport, importsPage } from '../../src/lib/server/dashboard/imports';
import { listImports } from '../../src/lib/server/db/repos/imports';
import { ensureSource, listSources } from '../../src/lib/server/db/repos/sources';
import { importFiles } from '../../src/lib/server/ingest/service';
import { testDb } from '../helpers/db';
import { scratchDir, writeFile } from '../helpers/files';

// A CSV whose columns no mapping names: reading fails after the import has begun.
const UNMAPPABLE = 'foo,bar\n1,2\n3,4\n';
const GOOD = 'ticket_id,created_at,role,body\nT1,2026-03-02 10:00,customer,My card was declined\n';

describe('a failed import leaves an empty source behind (bug)', () => {
	it('does not keep a source it created and stored nothing in, and still shows the failure under its name', async () => {
		const db = testDb();
		const file = writeFile(scratchDir(), 'broken.csv', UNMAPPABLE);
		const [report] = await importFiles(db, [file], { source: 'Foo' });
		expect(report?.status).toBe('failed');
		expect(report?.importId).not.toBeNull();
		expect(listSources(db).map((source) => source.name)).toEqual([]);
		expect(importsPage(db).sources).toEqual([]);
		// Nothing is lost: the import's own record, its error and the source it was meant for.
		const [row] = listImports(db);
		expect(row).toMatchObject({ id: report?.importId, status: 'failed', source: 'Foo' });
		expect(row?.error).toContain('cannot tell which columns hold the conversations');
		expect(importReport(db, report!.importId!, 0)?.import.source).toBe('Foo');
	});

	it('keeps a source that already held conversations, or that existed before', async () => {
		const db = testDb();
		const dir = scratchDir();
		await importFiles(db, [writeFile(dir, 'good.csv', GOOD)], { source: 'Foo' });
		const [failed] = await importFiles(db, [writeFile(dir, 'broken.csv', UNMAPPABLE)], {
			source: 'Foo'
		});
		expect(failed?.status).toBe('failed');
		expect(listSources(db).map((source) => source.name)).toEqual(['Foo']);
		expect(listImports(db).map((row) => [row.status, row.source])).toEqual([
			['failed', 'Foo'],
			['done', 'Foo']
		]);
		// A source someone had made before (empty, with no import) is theirs: it stays.
		ensureSource(db, 'Empty desk', 'csv');
		await importFiles(db, [writeFile(dir, 'broken2.csv', UNMAPPABLE)], { source: 'Empty desk' });
		expect(listSources(db).map((source) => source.name)).toEqual(['Empty desk', 'Foo']);
	});
});
