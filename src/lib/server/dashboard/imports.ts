import { z } from 'zod';
import { audit, type Actor } from '../audit';
import type { DbHandle } from '../db/client';
import {
	getImport,
	importsOfJob,
	listImports,
	rejectCauses,
	rejectCount,
	rejectsAfter,
	sourceNameOf,
	sourceSummaries
} from '../db/repos/imports';
import {
	deleteColumnMapping,
	findColumnMapping,
	getJob,
	jobsAwaitingMapping,
	listColumnMappings,
	listJobs,
	saveColumnMapping,
	type JobRow
} from '../db/repos/jobs';
import { getSetting } from '../db/repos/settings';
import type { imports } from '../db/schema';
import { FIELD_LABELS, type RequiredField } from '../ingest/adapters/csv/headers';
import { checkMapping } from '../ingest/adapters/csv/plan';
import { ADAPTERS, toolLabel } from '../ingest/adapters';
import { ColumnMappingSchema } from '../ingest/mapping';
import { ok, refuse, type Result } from '../result';
import { headerSignature, inspectFile, needsMapping } from '../uploads/inspect';
import { receiveUpload, UploadTooLargeError } from '../uploads/receive';
import type { ImportProgress, JobProgress, UploadPreview } from '../../domain/imports';
import { FormatName } from '../ingest/format-name';

/**
 * The imports pages: uploads running in the background with their live progress, the
 * history, an import's report with its rejects, and the column-mapping step for CSV files
 * whose header Parity cannot place.
 */

type ImportRow = typeof imports.$inferSelect;

export type { ImportProgress, JobProgress, UploadPreview } from '../../domain/imports';

export function importProgress(
	row: ImportRow,
	source: string | null,
	now = Date.now()
): ImportProgress {
	const elapsed = ((row.finishedAt ?? now) - row.startedAt) / 1000;
	const fraction = row.sizeBytes > 0 ? Math.min(1, row.bytesRead / row.sizeBytes) : 0;
	const bytesPerSecond = elapsed > 0 ? row.bytesRead / elapsed : 0;
	const running = row.status === 'running';
	return {
		id: row.id,
		fileName: row.fileName,
		format: row.format,
		source,
		status: row.status,
		startedAt: row.startedAt,
		finishedAt: row.finishedAt,
		sizeBytes: row.sizeBytes,
		bytesRead: row.bytesRead,
		recordsRead: row.recordsRead,
		recordsImported: row.recordsImported,
		recordsDuplicate: row.recordsDuplicate,
		recordsRejected: row.recordsRejected,
		conversationsCreated: row.conversationsCreated,
		conversationsUpdated: row.conversationsUpdated,
		messagesImported: row.messagesImported,
		error: row.error,
		fraction: row.status === 'done' ? 1 : fraction,
		recordsPerSecond: elapsed >= 1 ? row.recordsRead / elapsed : null,
		etaSeconds:
			running && elapsed >= 2 && fraction > 0.01 && bytesPerSecond > 0
				? (row.sizeBytes - row.bytesRead) / bytesPerSecond
				: null
	};
}

function shapeJob(handle: DbHandle, job: JobRow): JobProgress {
	const rows = importsOfJob(handle, job.id).map((row) =>
		importProgress(row, sourceNameOf(handle, row))
	);
	let phase: JobProgress['phase'];
	if (job.status === 'running') {
		phase =
			rows.length === 0
				? 'starting'
				: rows.some((row) => row.status === 'running')
					? 'reading'
					: 'deriving';
	} else phase = job.status === 'done' ? 'done' : job.status;
	return {
		job: job.id,
		fileName: job.label,
		actor: job.actor,
		sizeBytes: job.sizeBytes,
		startedAt: job.startedAt,
		finishedAt: job.finishedAt,
		phase,
		error: job.error,
		imports: rows,
		awaiting:
			job.awaiting?.files.map((file) => ({
				key: file.file,
				fileName: file.name,
				source: job.awaiting?.source ?? 'csv',
				preview: file.csv
			})) ?? []
	};
}

export function jobProgress(handle: DbHandle, jobId: string): JobProgress | null {
	const job = getJob(handle, jobId);
	return job && job.kind === 'import' ? shapeJob(handle, job) : null;
}

const HISTORY_ROWS = 50;

/** A file an upload's job failed on before its import began: a history row without a number. */
const UNREAD_SUMMARY = 'Not imported';

/**
 * The history table: imports, and among them (by when they started) the uploaded files
 * that failed before an import began — of no format Parity recognises, or unreadable — so
 * that each upload has its row, its short reason, and the full account behind it.
 */
function historyRows(handle: DbHandle, imported: ReturnType<typeof listImports>) {
	const rows = imported.map((row) => ({
		...row,
		kind: 'import' as const,
		key: `import-${row.id}`,
		seconds: row.finishedAt === null ? null : (row.finishedAt - row.startedAt) / 1000
	}));
	const unread = listJobs(handle, { kind: 'import', limit: 20 })
		.filter((job) => job.status !== 'running' && job.status !== 'done')
		.flatMap((job) => {
			const files = unreadFiles(job);
			if (files.length === 0 && importsOfJob(handle, job.id).length > 0) return [];
			// A job with no report (its process died) stands for its files.
			const shown = files.length
				? files
				: [{ fileName: job.label, error: job.error, summary: 'The import stopped' }];
			return shown.map((file, i) => ({
				kind: 'unread' as const,
				key: `job-${job.id}-${i}`,
				job: job.id,
				fileName: file.fileName,
				status: 'failed' as const,
				startedAt: job.startedAt,
				seconds: job.finishedAt === null ? null : (job.finishedAt - job.startedAt) / 1000,
				summary: file.summary ?? UNREAD_SUMMARY,
				error: file.error
			}));
		});
	return [...rows, ...unread].sort((a, b) => b.startedAt - a.startedAt).slice(0, HISTORY_ROWS);
}

/** The imports page, for `viewer` (a user's label: the uploads waiting for their mapping). */
export function importsPage(handle: DbHandle, viewer: string | null = null) {
	// Running jobs, and the viewer's ended ones whose files wait for a column mapping: their
	// cards ask for it (only the uploader may import them, as only they may add to a batch).
	const running = [
		...listJobs(handle, { kind: 'import', status: 'running', limit: 20 }),
		...(viewer === null ? [] : jobsAwaitingMapping(handle, viewer))
	].map((job) => shapeJob(handle, job));
	const history = listImports(handle, HISTORY_ROWS);
	// Command-line imports run without a job: shown running from their own rows. An upload's
	// import is its job's (its card follows it), even when `running` was read before the row
	// existed, or the job ended (its process died) with the row still 'running'.
	const cliRunning = history
		.filter((row) => row.status === 'running' && row.job === null)
		.map((row) => getImport(handle, row.id))
		.filter((row) => row !== null)
		.map((row) => importProgress(row, sourceNameOf(handle, row)));
	return {
		running,
		cliRunning,
		history: historyRows(handle, history),
		sources: sourceSummaries(handle).map((source) => ({ ...source, tool: toolLabel(source.tool) })),
		mappings: listColumnMappings(handle).map((mapping) => ({
			id: mapping.id,
			source: mapping.source,
			headers: mapping.headers,
			columns: mapping.mapping.columns,
			updatedAt: mapping.updatedAt,
			updatedBy: mapping.updatedBy
		})),
		uploadLimit: getSetting(handle, 'upload.maxBytes'),
		// The Format list: every importer the CLI's --format knows, in detection's order.
		formats: ADAPTERS.map(({ name, label, description }) => ({ name, label, description })),
		zone: getSetting(handle, 'org.timeZone')
	};
}

export const REJECTS_PAGE = 50;

/** What an upload's child printed about each file (its `--json` summary), as far as shown. */
const JobFiles = z.object({
	files: z.array(
		z.looseObject({
			importId: z.number().nullable(),
			detection: z.string().nullish(),
			warnings: z.array(z.string()).default([])
		})
	)
});

const UnreadFiles = z.object({
	files: z.array(
		z.looseObject({
			fileName: z.string(),
			importId: z.number().nullable(),
			error: z.string().nullish(),
			summary: z.string().nullish()
		})
	)
});

/** The files of a finished job that no import was begun for, with the reason. */
function unreadFiles(
	job: JobRow
): Array<{ fileName: string; error: string | null; summary: string | null }> {
	const parsed = UnreadFiles.safeParse(job.result);
	if (!parsed.success) return [];
	return parsed.data.files
		.filter((file) => file.importId === null)
		.map((file) => ({
			fileName: file.fileName,
			error: file.error ?? null,
			summary: file.summary ?? null
		}));
}

/** How the file was read (the format detection's account) and what the reader warned about. */
function readingOf(job: JobRow | null, id: number, mapped: boolean) {
	const parsed = JobFiles.safeParse(job?.result);
	const file = parsed.success
		? parsed.data.files.find((entry) => entry.importId === id)
		: undefined;
	return { detection: mapped ? null : (file?.detection ?? null), warnings: file?.warnings ?? [] };
}

export function importReport(handle: DbHandle, id: number, after: number) {
	const row = getImport(handle, id);
	if (!row) return null;
	const page = rejectsAfter(handle, id, after, REJECTS_PAGE + 1);
	const more = page.length > REJECTS_PAGE;
	const rejects = page.slice(0, REJECTS_PAGE);
	const job = row.job ? getJob(handle, row.job) : null;
	return {
		import: importProgress(row, sourceNameOf(handle, row)),
		source: row.sourceId,
		options: row.options,
		encoding: row.encoding,
		sha256: row.sha256,
		job: job ? { id: job.id, actor: job.actor, status: job.status } : null,
		// With a column mapping, the detection's account of the bare header would mislead.
		reading: readingOf(job, id, Boolean(row.options?.mapping)),
		mapped: Boolean(row.options?.mapping),
		rejects: rejects.map((reject) => ({
			id: reject.id,
			locator: reject.locator,
			reason: reject.reason,
			raw: reject.raw
		})),
		rejectRows: rejectCount(handle, id),
		causes: rejectCauses(handle, id),
		after,
		next: more ? (rejects.at(-1)?.id ?? null) : null,
		zone: getSetting(handle, 'org.timeZone')
	};
}

export function deleteMapping(
	handle: DbHandle,
	actor: Actor,
	id: number
): Result<{ deleted: number }> {
	if (!deleteColumnMapping(handle, id))
		return refuse(404, { form: 'That mapping no longer exists.' });
	audit(handle, actor, 'mapping.save', `#${id}`, { deleted: true });
	return ok({ deleted: id });
}

export const PreviewQuery = z.object({
	filename: z.string().trim().min(1).max(200),
	source: z.string().trim().min(1).max(100).optional(),
	format: FormatName.optional()
});
export type PreviewQuery = z.output<typeof PreviewQuery>;

/** The first bytes of a file the analyst is about to upload: what Parity would make of it. */
export async function previewUpload(
	handle: DbHandle,
	upload: { body: ReadableStream<Uint8Array> | null; query: PreviewQuery; dir: string }
): Promise<Result<UploadPreview>> {
	if (!upload.body) return refuse(400, { file: 'Send the first bytes of the file as the body.' });
	let received;
	try {
		received = await receiveUpload(upload.body, { dir: upload.dir, maxBytes: 64 * 1024 });
	} catch (error) {
		if (error instanceof UploadTooLargeError)
			return refuse(413, { file: 'Send at most the first 64 KB of the file.' });
		return refuse(400, { file: `The sample did not arrive: ${(error as Error).message}` });
	}
	try {
		const inspection = await inspectFile(received.path, upload.query.filename, upload.query.format);
		const source = upload.query.source ?? 'csv';
		const saved = inspection.csv
			? findColumnMapping(handle, source, inspection.csv.signature)
			: null;
		return ok({
			format: inspection.format,
			error: inspection.format === null ? inspection.error : null,
			csv: inspection.csv,
			saved: saved
				? { id: saved.id, updatedAt: saved.updatedAt, updatedBy: saved.updatedBy }
				: null,
			needsMapping: inspection.csv !== null && needsMapping(inspection.csv, saved?.mapping ?? null),
			source
		});
	} finally {
		await received.discard();
	}
}

export const MappingInput = z.object({
	source: z.string().trim().min(1).max(100),
	headers: z.array(z.string().max(500)).min(1).max(500),
	/** The first rows (the preview's): whether the text cells name their speakers. */
	rows: z
		.array(z.array(z.string().max(2000)).max(500))
		.max(50)
		.default([]),
	mapping: ColumnMappingSchema
});

/** What the mapping step says for a field the importer would find missing. */
function neededMessage(field: RequiredField, problems: readonly string[], textColumn?: string) {
	if (field !== 'role') return `choose the column with the ${FIELD_LABELS[field].split(' (')[0]}`;
	// The importer's problem names the text column; the form's words say what to do.
	const cells = textColumn ? `the cells of “${textColumn}” do not` : 'the text cells do not';
	return problems.length
		? `Choose the column that says who wrote each message (customer, agent, bot — or inbound/outbound). Without one, each message must start with its speaker (“Customer: …”), and ${cells}.`
		: 'choose the column that says who wrote each message';
}

/**
 * Saves the analyst's mapping for a header from a source, after the importer's own check
 * (csv/plan.ts, checkMapping) of the header and first rows read with it: a mapping the
 * import would fail on is refused, naming what is missing, and nothing is saved. The next
 * upload of such a file (this one included) is read with it.
 */
export function saveMapping(
	handle: DbHandle,
	actor: Actor,
	input: Omit<z.output<typeof MappingInput>, 'rows'> & { rows?: string[][] }
): Result<{ id: number }> {
	const errors: Record<string, string> = {};
	for (const [field, column] of Object.entries(input.mapping.columns)) {
		if (!input.headers.includes(column)) errors[field] = `the file has no column “${column}”`;
	}
	const used = Object.values(input.mapping.columns);
	const twice = used.find((column, i) => used.indexOf(column) !== i);
	if (twice) errors.form = `column “${twice}” is mapped to two fields`;
	const gaps = checkMapping(input.headers, input.rows ?? [], input.mapping);
	const textColumn = input.mapping.columns.text;
	for (const field of gaps.missing)
		errors[field] ??= neededMessage(field, gaps.problems, textColumn);
	if (Object.keys(errors).length) return refuse(400, errors);
	const id = saveColumnMapping(handle, {
		source: input.source,
		signature: headerSignature(input.headers),
		headers: input.headers,
		mapping: input.mapping,
		updatedBy: actor.label
	});
	audit(handle, actor, 'mapping.save', input.source, {
		columns: input.mapping.columns,
		dateOrder: input.mapping.dateOrder ?? null,
		timeZone: input.mapping.timeZone ?? null
	});
	return ok({ id });
}
