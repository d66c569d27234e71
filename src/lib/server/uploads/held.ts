import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Actor } from '../audit';
import type { DbHandle } from '../db/client';
import { dropHeldFiles, findColumnMapping, getJob, takeHeldFiles } from '../db/repos/jobs';
import type { HeldFiles } from '../db/schema';
import { ADAPTERS } from '../ingest/adapters';
import { planUnits } from '../ingest/pipeline';
import { ok, refuse, type Result } from '../result';
import {
	startUploadJob,
	type JobQuery,
	type UploadedFile,
	type UploadReport
} from './import-upload';
import { inspectFile, needsMapping } from './inspect';

/**
 * A file of an uploaded batch whose columns Parity cannot place is held back from the
 * batch's import, not failed: it stays in the batch's folder, listed on the job with its
 * header and first rows, and the job's card shows the mapping step for it, as a single
 * file's upload does before it is sent. Once mapped, it is imported by the same job, into
 * the same source (`importHeldFiles`). Which files need a mapping is decided as for a
 * single file (dashboard/imports.ts, previewUpload): a CSV file read on its own (no export
 * of several tables claims it) whose header lacks a required field, with no mapping saved
 * for that header and source.
 */

/** The batch's files that need a mapping before they can be imported, with their preview. */
export async function filesNeedingMapping(
	handle: DbHandle,
	files: readonly UploadedFile[],
	query: JobQuery
): Promise<Array<UploadedFile & { csv: HeldFiles['files'][number]['csv'] }>> {
	const names = new Map(files.map((file) => [file.path, file.name]));
	const alone = new Set(
		planUnits([...names.keys()], ADAPTERS, query.format, names)
			.filter((unit) => !unit.adapter && unit.companions.length === 0)
			.map((unit) => unit.main)
	);
	const held = [];
	for (const file of files) {
		if (!alone.has(file.path)) continue;
		const { csv } = await inspectFile(file.path, file.name, query.format);
		if (!csv) continue;
		const saved = findColumnMapping(handle, query.source ?? 'csv', csv.signature);
		if (!needsMapping(csv, saved?.mapping ?? null)) continue;
		held.push({ ...file, csv });
	}
	return held;
}

export const HeldKeys = z.object({ files: z.array(z.string().regex(/^[0-9a-f]{16}$/)).min(1) });

/** Starts the import of held files whose mapping has been saved, in their job. */
export async function importHeldFiles(
	handle: DbHandle,
	actor: Actor,
	request: {
		job: string;
		files: readonly string[];
		dir: string;
		wait: boolean;
	}
): Promise<Result<{ job: string; files?: UploadReport[] }>> {
	const job = getJob(handle, request.job);
	const held = job?.kind === 'import' && job.actor === actor.label ? job.awaiting : null;
	if (!job || !held) {
		return refuse(404, { job: 'No such upload job with files waiting for a column mapping.' });
	}
	const folder = join(request.dir, `upload-batch-${held.batch}`);
	const wanted = held.files.filter((file) => request.files.includes(file.file));
	const gone = wanted.filter((file) => !existsSync(join(folder, file.file)));
	if (gone.length) {
		dropHeldFiles(
			handle,
			job.id,
			gone.map((file) => file.file)
		);
		return refuse(410, {
			files: `${gone.map((file) => file.name).join(', ')}: no longer kept on the server (an upload waiting for its mapping is removed after 6 hours, at a restart). Upload it again.`
		});
	}
	const source = held.source ?? 'csv';
	const unmapped = wanted.filter((file) => !findColumnMapping(handle, source, file.csv.signature));
	if (unmapped.length) {
		return refuse(400, {
			files: `Map the columns of ${unmapped.map((file) => file.name).join(', ')} first.`
		});
	}
	const taken = takeHeldFiles(
		handle,
		job.id,
		wanted.map((file) => file.file)
	);
	if (taken === 'running') {
		return refuse(409, {
			job: 'The job is still importing the other files; send these when it has ended.'
		});
	}
	if (taken === 'none') {
		return refuse(409, { files: 'These files are not waiting for a mapping: already imported?' });
	}
	const files = taken.taken.files.map((file) => ({
		path: join(folder, file.file),
		name: file.name,
		bytes: file.bytes
	}));
	// The batch's folder goes with its last held file.
	const temporary = taken.left === 0 ? [folder] : files.map((file) => file.path);
	const query: JobQuery = {
		source: held.source ?? undefined,
		format: held.format ?? undefined,
		wait: request.wait
	};
	return ok(await startUploadJob(handle, actor, files, query, temporary, { resume: job.id }));
}
