import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnMapping } from '../ingest/types';
import { defaultDatabasePath, projectRoot } from '../paths';

/**
 * Web uploads are imported by a CLI child process, not in the server: the server's event
 * loop stays free for pages, the import reads on two cores, and a crash in one file cannot
 * take the dashboard down. The child records its progress on its `imports` rows (tagged with
 * the job id), which the pages read; the page can be left and come back.
 */

export interface ImportJobRequest {
	/** Files on disk (uploads already streamed to temporary files). */
	paths: string[];
	/** Original file names, for the report; never used as paths. */
	format?: string;
	source?: string;
	mapping?: ColumnMapping;
	/** Removed when the job ends, whatever happens. */
	temporaryPaths?: string[];
	databasePath?: string;
}

export interface StartedJob {
	job: string;
	finished: Promise<{ exitCode: number | null; output: string }>;
}

export function startImportJob(request: ImportJobRequest): StartedJob {
	const job = randomBytes(9).toString('base64url');
	const temporary = [...(request.temporaryPaths ?? [])];
	const args = [
		join(projectRoot, 'bin', 'parity.js'),
		'import',
		...request.paths,
		'--json',
		'--job',
		job
	];
	if (request.format) args.push('--format', request.format);
	if (request.source) args.push('--source', request.source);
	if (request.mapping) {
		const mappingPath = join(projectRoot, 'data', `.mapping-${job}.json`);
		writeFileSync(mappingPath, JSON.stringify(request.mapping));
		temporary.push(mappingPath);
		args.push('--mapping', mappingPath);
	}
	const child = spawn(process.execPath, args, {
		cwd: projectRoot,
		env: { ...process.env, PARITY_DB: request.databasePath ?? defaultDatabasePath },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const finished = new Promise<{ exitCode: number | null; output: string }>((resolve) => {
		child.once('close', (exitCode) => {
			for (const path of temporary) rmSync(path, { force: true });
			resolve({ exitCode, output });
		});
	});
	return { job, finished };
}
