import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import type { Actor } from '../audit';
import type { DbHandle } from '../db/client';
import { ok, refuse, type Result } from '../result';
import {
	receiveWithinLimit,
	startUploadJob,
	UploadQuery,
	type JobQuery,
	type UploadedFile,
	type UploadReport
} from './import-upload';
import { filesLabel } from '../../domain/imports';
import { filesNeedingMapping } from './held';

/**
 * Files uploaded together (chosen or dropped at once): an export of several tables is one
 * import, as `parity import <folder>` reads it. Each file is sent on its own request (the
 * browser reports its progress, the user may cancel it) into the batch's folder, under a
 * random name with its own name beside it in the batch's list; the last request starts one
 * job with every file, which removes the folder when it ends. A file whose columns need
 * mapping is held back in the folder until they are (held.ts). A batch nobody starts is
 * removed by the sweep of old uploads (receive.ts), its folder being named `upload-…` too.
 */

export const BatchId = z.string().regex(/^[\w-]{16}$/);

/** Files in one batch at most: a warehouse export has a few dozen tables. */
export const BATCH_FILES = 500;

const LIST = 'files.ndjson';
const OWNER = 'owner';
const STARTED = 'started';

const Listed = z.object({
	file: z.string().regex(/^[0-9a-f]{16}$/),
	name: z.string(),
	bytes: z.number()
});

const folderOf = (dir: string, batch: string) => join(dir, `upload-batch-${batch}`);

/** The batch's folder when it exists and is this actor's; null otherwise. */
async function ownFolder(dir: string, batch: string, actor: Actor): Promise<string | null> {
	if (!BatchId.safeParse(batch).success) return null;
	const folder = folderOf(dir, batch);
	try {
		return (await readFile(join(folder, OWNER), 'utf8')) === actor.label ? folder : null;
	} catch {
		return null;
	}
}

async function listed(folder: string): Promise<UploadedFile[]> {
	let text: string;
	try {
		text = await readFile(join(folder, LIST), 'utf8');
	} catch {
		return [];
	}
	return text
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => Listed.parse(JSON.parse(line)))
		.map(({ file, name, bytes }) => ({ path: join(folder, file), name, bytes }));
}

export async function createBatch(dir: string, actor: Actor): Promise<{ batch: string }> {
	const batch = randomBytes(12).toString('base64url');
	await mkdir(dir, { recursive: true, mode: 0o700 });
	const folder = folderOf(dir, batch);
	await mkdir(folder, { mode: 0o700 });
	await writeFile(join(folder, OWNER), actor.label, { mode: 0o600 });
	return { batch };
}

const noBatch = () =>
	refuse(404, { batch: 'No such upload batch: it was imported, cancelled or has expired.' });

export const BatchFileQuery = UploadQuery.pick({ filename: true });

/** Receives one file of a batch. */
export async function addBatchFile(
	handle: DbHandle,
	actor: Actor,
	upload: {
		batch: string;
		body: ReadableStream<Uint8Array> | null;
		declaredBytes: number | null;
		fileName: string;
		dir: string;
		signal?: AbortSignal;
	}
): Promise<Result<{ batch: string; files: number }>> {
	const folder = await ownFolder(upload.dir, upload.batch, actor);
	if (!folder) return noBatch();
	if ((await listed(folder)).length >= BATCH_FILES) {
		return refuse(400, { file: `A batch holds at most ${BATCH_FILES} files.` });
	}
	const receipt = await receiveWithinLimit(
		handle,
		{ ...upload, into: folder },
		`${upload.fileName} is empty.`
	);
	if (!receipt.ok) return receipt;
	const received = receipt.value;
	const file = received.path.slice(folder.length + 1);
	await appendFile(
		join(folder, LIST),
		JSON.stringify({ file, name: upload.fileName, bytes: received.bytes }) + '\n'
	);
	return ok({ batch: upload.batch, files: (await listed(folder)).length });
}

/** Starts the batch's import: one job for all its files, in the order of their names. */
export async function startBatch(
	handle: DbHandle,
	actor: Actor,
	request: { batch: string; dir: string; query: JobQuery }
): Promise<Result<{ job: string; files?: UploadReport[]; awaitingMapping?: string[] }>> {
	const folder = await ownFolder(request.dir, request.batch, actor);
	if (!folder) return noBatch();
	try {
		// Once only: a second request (a retry) must not import the files twice.
		await writeFile(join(folder, STARTED), '', { flag: 'wx' });
	} catch {
		return refuse(409, { batch: 'This batch has already been imported.' });
	}
	const files = (await listed(folder)).sort((a, b) =>
		a.name < b.name ? -1 : a.name > b.name ? 1 : 0
	);
	if (files.length === 0) {
		await rm(folder, { recursive: true, force: true });
		return refuse(400, { batch: 'The batch has no files.' });
	}
	const held = await filesNeedingMapping(handle, files, request.query);
	if (held.length === 0) {
		return ok(await startUploadJob(handle, actor, files, request.query, [folder]));
	}
	// The held files stay in the folder until mapped (held.ts); the others go with the job.
	const heldPaths = new Set(held.map((file) => file.path));
	const imported = files.filter((file) => !heldPaths.has(file.path));
	const started = await startUploadJob(
		handle,
		actor,
		imported,
		request.query,
		imported.map((file) => file.path),
		{
			label: filesLabel(files.map((file) => file.name)),
			sizeBytes: files.reduce((sum, file) => sum + file.bytes, 0),
			awaiting: {
				batch: request.batch,
				source: request.query.source ?? null,
				format: request.query.format ?? null,
				files: held.map((file) => ({
					file: basename(file.path),
					name: file.name,
					bytes: file.bytes,
					csv: file.csv
				}))
			}
		}
	);
	return ok({ ...started, awaitingMapping: held.map((file) => file.name) });
}

/** Drops a batch that will not be imported (the user cancelled it). */
export async function discardBatch(
	dir: string,
	batch: string,
	actor: Actor
): Promise<Result<{ discarded: string }>> {
	const folder = await ownFolder(dir, batch, actor);
	if (!folder) return noBatch();
	try {
		await writeFile(join(folder, STARTED), '', { flag: 'wx' });
	} catch {
		return refuse(409, { batch: 'This batch is being imported: it cannot be cancelled.' });
	}
	await rm(folder, { recursive: true, force: true });
	return ok({ discarded: batch });
}
