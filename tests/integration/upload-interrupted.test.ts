import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import JobCard from '../../src/lib/components/explore/JobCard.svelte';
import { openAppDatabase } from '../../src/lib/server/app';
import { jobProgress } from '../../src/lib/server/dashboard/imports';
import { insertJob, markInterruptedJobs, setJobPid } from '../../src/lib/server/db/repos/jobs';
import { importFiles } from '../../src/lib/server/ingest/service';
import { writeCanonicalNdjson } from '../../bench/lib/generate';
import { scratchDir } from '../helpers/files';

const root = new URL('../..', import.meta.url).pathname;

/** The records the job's import had recorded, read beside it; 0 while there is none yet. */
function recordsSoFar(dbPath: string): number {
	const handle = openAppDatabase(dbPath, { recoverImports: false });
	try {
		const row = handle.sqlite
			.prepare('SELECT COALESCE(MAX(records_read), 0) AS n FROM imports')
			.get() as { n: number };
		return row.n;
	} finally {
		handle.close();
	}
}

/** The card's text, as the browser shows it (tags dropped, blanks collapsed). */
const cardText = (html: string) =>
	html
		.replace(/<!--[^]*?-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();

describe('an upload whose server stopped mid-import', () => {
	it('ends interrupted on the next start, and its card says what happened and that uploading the file again finishes it', async () => {
		const dir = scratchDir();
		const file = join(dir, 'export.ndjson');
		await writeCanonicalNdjson(file, 20_000);
		const dbPath = join(dir, 'parity.db');
		const server = openAppDatabase(dbPath);
		insertJob(server, { id: 'upload-job-1', kind: 'import', label: 'export.ndjson', actor: 'a' });

		// The server's import child, as jobs/import-jobs.ts starts it; it dies with the server.
		const child = spawn(
			process.execPath,
			[
				join(root, 'bin/parity.js'),
				'import',
				file,
				'--json',
				'--job=upload-job-1',
				'--source=desk'
			],
			{ env: { ...process.env, PARITY_DB: dbPath, PARITY_DEMO: 'off' }, stdio: 'ignore' }
		);
		setJobPid(server, 'upload-job-1', child.pid ?? null);
		server.close();
		let recorded = 0;
		const deadline = Date.now() + 60_000;
		while (recorded === 0 && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 50));
			recorded = recordsSoFar(dbPath);
		}
		child.kill('SIGKILL');
		await new Promise((resolve) => child.once('exit', resolve));
		expect(recorded).toBeGreaterThan(0);

		// The next start (services.ts): imports and jobs whose process is gone, interrupted.
		const restarted = openAppDatabase(dbPath);
		expect(markInterruptedJobs(restarted)).toBe(1);
		const job = jobProgress(restarted, 'upload-job-1');
		const stored = job?.imports[0]?.recordsRead ?? 0;
		expect(stored).toBeGreaterThanOrEqual(recorded);
		expect(stored).toBeLessThan(20_000);
		expect(job).toMatchObject({
			phase: 'interrupted',
			error: 'the server stopped during this import',
			imports: [
				{
					fileName: 'export.ndjson',
					source: 'desk',
					status: 'interrupted',
					error: 'the server stopped during this import'
				}
			]
		});

		// What its card shows (the same component the imports page renders).
		const { body } = render(JobCard, { props: { initial: job!, zones: [] } });
		const text = cardText(body);
		expect(text).toContain('export.ndjson Interrupted');
		expect(text).toContain(
			`Interrupted: the server stopped during this import, after ${stored.toLocaleString('en')} records had been read and stored. ` +
				'Nothing half-written is kept (records are stored in whole batches). ' +
				'To finish it, upload the file again to the source “desk”: the records already imported are recognised as duplicates, not imported twice.'
		);
		expect(text).not.toContain('Failed');

		// And the advice holds: the file again, to that source, imports exactly the rest.
		const conversations = () =>
			(restarted.sqlite.prepare('SELECT COUNT(*) AS n FROM conversations').get() as { n: number })
				.n;
		const before = conversations();
		const [again] = await importFiles(restarted, [file], { source: 'desk' });
		expect(again?.counts).toMatchObject({
			recordsRead: 20_000,
			recordsDuplicate: before,
			recordsImported: 20_000 - before,
			recordsRejected: 0
		});
		expect(conversations()).toBe(20_000);
		restarted.close();
	}, 120_000);
});
