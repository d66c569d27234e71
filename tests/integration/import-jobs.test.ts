import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../src/lib/server/app';
import { importsOfJob } from '../../src/lib/server/db/repos/imports';
import { startImportJob } from '../../src/lib/server/jobs/import-jobs';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

describe('background import jobs', () => {
	it('imports in a child process, records the job on its imports, and removes the uploaded file', async () => {
		const dir = scratchDir();
		const databasePath = join(dir, 'jobs.db');
		openAppDatabase(databasePath).close();
		const upload = writeFile(
			dir,
			'upload-1',
			ndjson([
				{
					id: 'j1',
					messages: [{ role: 'customer', created_at: '2026-03-02T09:00:00Z', text: 'hello' }]
				},
				{ id: 'j2', messages: [{ role: 'customer', created_at: 'not a time', text: 'hello' }] }
			])
		);
		const started = startImportJob({ paths: [upload], temporaryPaths: [upload], databasePath });
		const { exitCode, output } = await started.finished;
		expect(exitCode, output).toBe(0);
		expect(existsSync(upload)).toBe(false);

		const handle = openAppDatabase(databasePath);
		const rows = importsOfJob(handle, started.job);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			status: 'done',
			recordsRead: 2,
			recordsImported: 1,
			recordsRejected: 1,
			format: 'canonical'
		});
		expect(rows[0]?.bytesRead).toBe(rows[0]?.sizeBytes);
		handle.close();
	}, 60_000);

	it('takes a job id and a file name that begin with a dash as values, not options', async () => {
		const dir = scratchDir();
		const databasePath = join(dir, 'jobs.db');
		openAppDatabase(databasePath).close();
		const upload = writeFile(
			dir,
			'upload-2',
			ndjson([
				{
					id: 'd1',
					messages: [{ role: 'customer', created_at: '2026-03-02T09:00:00Z', text: 'hello' }]
				}
			])
		);
		const started = startImportJob({
			paths: [upload],
			fileNames: ['-export.ndjson'],
			job: '-Abc_123',
			databasePath
		});
		const { exitCode, output } = await started.finished;
		expect(exitCode, output).toBe(0);
		const handle = openAppDatabase(databasePath);
		const rows = importsOfJob(handle, '-Abc_123');
		expect(rows.map((row) => [row.fileName, row.recordsImported])).toEqual([['-export.ndjson', 1]]);
		handle.close();
	}, 60_000);
});
