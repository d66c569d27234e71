import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { filesLabel, formatBytes, processStopped } from '../../domain/imports';
import { audit, type Actor } from '../audit';
import type { DbHandle } from '../db/client';
import { interruptImportsOfJob } from '../db/repos/imports';
import { finishJob, findColumnMapping, getJob, insertJob, setJobPid } from '../db/repos/jobs';
import type { HeldFiles } from '../db/schema';
import { getSetting } from '../db/repos/settings';
import type { FileReport } from '../ingest/pipeline';
import type { ColumnMapping } from '../ingest/types';
import { newJobId, startImportJob, type ChildOutcome } from '../jobs/import-jobs';
import { ok, refuse, type Result } from '../result';
import { inspectFile } from './inspect';
import { receiveUpload, UploadTooLargeError, type ReceivedFile } from './receive';
import { FormatName } from '../ingest/format-name';

/**
 * The web upload: one file in the request body, streamed to a temporary file and imported
 * by a background job (jobs/import-jobs.ts), which removes the file when it ends. The body
 * is the file's bytes (not multipart), so that nothing needs buffering and any HTTP client
 * can send one: `curl --data-binary @export.ndjson`. By default the answer is the import
 * report once the job has finished (what scripts expect); `wait=0` answers with the job at
 * once (the dashboard), whose progress is on its `imports` rows (GET /api/imports/jobs/<job>).
 */

/** A yes/no query parameter; absent means yes. */
const booleanFlag = z
	.enum(['1', 'true', 'yes', '0', 'false', 'no'])
	.optional()
	.transform(
		(value) => value === undefined || value === '1' || value === 'true' || value === 'yes'
	);

/** The query string of an upload; the name is only ever shown, never used as a path. */
export const UploadQuery = z.object({
	filename: z
		.string()
		.transform((name) =>
			(name.split(/[\\/]/).pop() ?? '')
				.replace(/\p{Cc}/gu, '')
				.trim()
				.replace(/^\.+$/, '')
				.slice(0, 200)
		)
		.pipe(z.string().min(1, 'name the file (?filename=export.ndjson)')),
	format: FormatName.optional(),
	source: z.string().trim().min(1).max(100).optional(),
	wait: booleanFlag
});
export type UploadQuery = z.output<typeof UploadQuery>;

export type UploadReport = Omit<FileReport, 'path'>;

const ChildSummary = z.object({ files: z.array(z.looseObject({ fileName: z.string() })) });

/** The file reports a finished import child printed, or null when it printed none. */
function readReports(outcome: ChildOutcome): UploadReport[] | null {
	const start = outcome.stdout.indexOf('{');
	if (start === -1) return null;
	try {
		const parsed = ChildSummary.safeParse(JSON.parse(outcome.stdout.slice(start)));
		if (!parsed.success) return null;
		return parsed.data.files.map((file) => {
			const { path: _path, ...report } = file as unknown as FileReport;
			return report;
		});
	} catch {
		return null;
	}
}

/** Records how an import job ended, and who imported what, once its child has exited. */
function recordOutcome(
	handle: DbHandle,
	actor: Actor,
	job: string,
	bytes: number,
	outcome: ChildOutcome
): UploadReport[] {
	const files = readReports(outcome) ?? [];
	// A job resumed for files that waited for their mapping (held.ts) adds to its report.
	const before = ChildSummary.safeParse(getJob(handle, job)?.result);
	const all = [
		...(before.success ? (before.data.files as unknown as UploadReport[]) : []),
		...files
	];
	const failed = all.find((file) => file.status === 'failed' || file.importId === null);
	const crashed = files.length === 0;
	// What the child left 'running' (it was killed) will never finish. Marked before the job
	// ends: a page that re-reads its data on the job's end must not find it still running.
	const cause = processStopped(outcome);
	const interrupted = interruptImportsOfJob(handle, job, cause);
	finishJob(handle, job, {
		status: crashed ? (interrupted ? 'interrupted' : 'failed') : failed ? 'failed' : 'done',
		error: crashed
			? interrupted
				? cause
				: `the import stopped (exit code ${outcome.exitCode}): ${outcome.output.trim().slice(-500)}`
			: (failed?.error ?? null),
		result: { files: all }
	});
	for (const file of files) {
		audit(handle, actor, 'import', file.importId === null ? file.fileName : `#${file.importId}`, {
			file: file.fileName,
			bytes,
			format: file.format,
			status: file.status,
			job,
			...file.counts
		});
	}
	return files;
}

/** The column mapping saved for this file's kind of CSV header from this source, if any. */
async function savedMappingFor(handle: DbHandle, file: UploadedFile, query: JobQuery) {
	const inspection = await inspectFile(file.path, file.name, query.format);
	if (!inspection.csv) return undefined;
	return (
		findColumnMapping(handle, query.source ?? 'csv', inspection.csv.signature)?.mapping ?? undefined
	);
}

/** A file received and waiting for its import: where it is, what the user called it. */
export interface UploadedFile {
	path: string;
	name: string;
	bytes: number;
}

/** How the files of a job are imported: the query of the upload that starts it. */
export type JobQuery = Pick<UploadQuery, 'format' | 'source' | 'wait'>;

/** How a job is set up: a new one (named after its files), or one resumed (held.ts). */
export interface JobSetup {
	/** The job to resume, instead of a new one. */
	resume?: string;
	/** What the job is called, and its bytes, when they are not just those of `files`. */
	label?: string;
	sizeBytes?: number;
	/** Files of the upload held back until their columns are mapped. */
	awaiting?: HeldFiles | null;
}

/**
 * Imports received files as one background job: one CLI child given every path together,
 * so that the tables of one export are read as one (pipeline.ts, planUnits), each file
 * with the mapping saved for its header. `temporary` is removed when the job ends.
 */
export async function startUploadJob(
	handle: DbHandle,
	actor: Actor,
	files: readonly UploadedFile[],
	query: JobQuery,
	temporary: string[],
	setup: JobSetup = {}
): Promise<{ job: string; files?: UploadReport[] }> {
	const job = setup.resume ?? newJobId();
	const bytes = setup.sizeBytes ?? files.reduce((sum, file) => sum + file.bytes, 0);
	if (!setup.resume) {
		insertJob(handle, {
			id: job,
			kind: 'import',
			label: setup.label ?? filesLabel(files.map((file) => file.name)),
			actor: actor.label,
			sizeBytes: bytes,
			awaiting: setup.awaiting
		});
	}
	if (files.length === 0) {
		// Every file waits for its mapping: nothing to import yet.
		finishJob(handle, job, { status: 'done', error: null, result: { files: [] } });
		return { job, ...(query.wait ? { files: [] } : {}) };
	}
	let started;
	try {
		const mappings = new Map<string, ColumnMapping>();
		for (const file of files) {
			const mapping = await savedMappingFor(handle, file, query);
			if (mapping) mappings.set(file.path, mapping);
		}
		started = startImportJob({
			job,
			paths: files.map((file) => file.path),
			fileNames: files.map((file) => file.name),
			format: query.format,
			source: query.source,
			mappings,
			temporaryPaths: temporary,
			databasePath: handle.path
		});
	} catch (error) {
		await Promise.all(temporary.map((path) => rm(path, { recursive: true, force: true })));
		finishJob(handle, job, {
			status: 'failed',
			error: (error as Error).message,
			result: getJob(handle, job)?.result ?? null
		});
		throw error;
	}
	setJobPid(handle, job, started.pid);
	const reports = started.finished.then((outcome) =>
		recordOutcome(handle, actor, job, bytes, outcome)
	);
	if (!query.wait) {
		reports.catch((error: unknown) => console.error(`import job ${job}: ${String(error)}`));
		return { job };
	}
	return { job, files: await reports };
}

/**
 * Receives the file in an upload's body, or the refusal the API answers with: 413 when it
 * is (or says it is) larger than the upload limit, 400 without a body, when the transfer
 * broke off, or when the file is empty (`empty` says so in the caller's words). A single
 * upload and a file of a batch (batch.ts) are received alike.
 */
export async function receiveWithinLimit(
	handle: DbHandle,
	upload: {
		body: ReadableStream<Uint8Array> | null;
		declaredBytes: number | null;
		dir: string;
		/** A batch's folder, to receive the file into rather than a folder of its own. */
		into?: string;
		signal?: AbortSignal;
	},
	empty: string
): Promise<Result<ReceivedFile>> {
	const maxBytes = getSetting(handle, 'upload.maxBytes');
	if (upload.declaredBytes !== null && upload.declaredBytes > maxBytes) {
		return refuse(413, {
			file: `The file is larger than the upload limit of ${formatBytes(maxBytes)}.`
		});
	}
	if (!upload.body) return refuse(400, { file: 'The request has no file in its body.' });
	let received: ReceivedFile;
	try {
		received = await receiveUpload(upload.body, {
			dir: upload.dir,
			into: upload.into,
			maxBytes,
			signal: upload.signal
		});
	} catch (error) {
		if (error instanceof UploadTooLargeError) return refuse(413, { file: `${error.message}.` });
		return refuse(400, { file: `The upload did not complete: ${(error as Error).message}` });
	}
	if (received.bytes === 0) {
		await received.discard();
		return refuse(400, { file: empty });
	}
	return ok(received);
}

export async function importUpload(
	handle: DbHandle,
	actor: Actor,
	upload: {
		body: ReadableStream<Uint8Array> | null;
		declaredBytes: number | null;
		query: UploadQuery;
		dir: string;
		signal?: AbortSignal;
	}
): Promise<Result<{ job: string; files?: UploadReport[] }>> {
	const receipt = await receiveWithinLimit(handle, upload, 'The file is empty.');
	if (!receipt.ok) return receipt;
	const received = receipt.value;
	const file = { path: received.path, name: upload.query.filename, bytes: received.bytes };
	// The upload's own folder: removed with the file when the job ends.
	return ok(await startUploadJob(handle, actor, [file], upload.query, [dirname(received.path)]));
}
