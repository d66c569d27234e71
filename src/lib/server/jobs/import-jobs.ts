import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ColumnMapping } from '../ingest/types';
import { CLI_NODE_FLAGS, dataDir, defaultDatabasePath, projectRoot } from '../paths';

/**
 * Web uploads are imported by a CLI child process, not in the server: the server's event
 * loop stays free for pages, the import reads on two cores, and a crash in one file cannot
 * take the dashboard down. The child records its progress on its `imports` rows (tagged with
 * the job id), which the pages read; the page can be left and come back. Re-derivation after
 * a settings change runs the same way (`parity rollup`): on a large database it takes
 * minutes, during which the pages must keep answering.
 */

export interface ImportJobRequest {
	/** Files on disk (uploads already streamed to temporary files). */
	paths: string[];
	/** The names to report for `paths` (what the user called the files), in their order. */
	fileNames?: string[];
	format?: string;
	source?: string;
	mapping?: ColumnMapping;
	/** Mappings of single files, by path (a batch's files, each with its saved mapping). */
	mappings?: ReadonlyMap<string, ColumnMapping>;
	/** Removed (files or folders) when the job ends, whatever happens. */
	temporaryPaths?: string[];
	databasePath?: string;
	/** The job id to use; a new random one when absent. */
	job?: string;
}

export interface ChildOutcome {
	exitCode: number | null;
	/** The signal that ended the child (killed, or out of memory), if one did. */
	signal: NodeJS.Signals | null;
	/** What the child printed on stdout (its `--json` summary). */
	stdout: string;
	/** stdout and stderr together, for diagnosing a failed child. */
	output: string;
}

export interface StartedJob {
	job: string;
	pid: number | null;
	finished: Promise<ChildOutcome>;
}

export function newJobId(): string {
	return randomBytes(9).toString('base64url');
}

function spawnParity(
	job: string,
	args: string[],
	databasePath: string | undefined,
	temporary: string[]
): StartedJob {
	const child = spawn(
		process.execPath,
		[...CLI_NODE_FLAGS, join(projectRoot, 'bin', 'parity.js'), ...args],
		{
			cwd: projectRoot,
			env: { ...process.env, PARITY_DB: databasePath ?? defaultDatabasePath() },
			stdio: ['ignore', 'pipe', 'pipe']
		}
	);
	let stdout = '';
	let output = '';
	child.stdout.on('data', (chunk: Buffer) => {
		stdout += chunk.toString();
		output += chunk.toString();
	});
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const finished = new Promise<ChildOutcome>((resolve) => {
		const done = (exitCode: number | null, signal: NodeJS.Signals | null) => {
			for (const path of temporary) rmSync(path, { force: true, recursive: true });
			resolve({ exitCode, signal, stdout, output });
		};
		child.once('error', (error) => {
			output += error.message;
			done(null, null);
		});
		child.once('close', done);
	});
	return { job, pid: child.pid ?? null, finished };
}

export function startImportJob(request: ImportJobRequest): StartedJob {
	const job = request.job ?? newJobId();
	const temporary = [...(request.temporaryPaths ?? [])];
	// Option and value in one argument: a job id (base64url) or a user's file or source name
	// may begin with '-', which would otherwise be read as an option of its own.
	const args = ['import', ...request.paths, '--json', `--job=${job}`];
	for (const name of request.fileNames ?? []) args.push(`--name=${name}`);
	if (request.format) args.push(`--format=${request.format}`);
	if (request.source) args.push(`--source=${request.source}`);
	if (request.mapping) {
		mkdirSync(dataDir, { recursive: true });
		const mappingPath = join(dataDir, `.mapping-${job}.json`);
		writeFileSync(mappingPath, JSON.stringify(request.mapping));
		temporary.push(mappingPath);
		args.push(`--mapping=${mappingPath}`);
	}
	if (request.mappings?.size) {
		mkdirSync(dataDir, { recursive: true });
		const mappingsPath = join(dataDir, `.mappings-${job}.json`);
		writeFileSync(mappingsPath, JSON.stringify(Object.fromEntries(request.mappings)));
		temporary.push(mappingsPath);
		args.push(`--mappings=${mappingsPath}`);
	}
	return spawnParity(job, args, request.databasePath, temporary);
}

/** Derives what is pending or stale (scores, roles, repeat contacts, rollups) in a child. */
export function startDeriveJob(request: { databasePath?: string; job?: string } = {}): StartedJob {
	return spawnParity(request.job ?? newJobId(), ['rollup', '--json'], request.databasePath, []);
}
