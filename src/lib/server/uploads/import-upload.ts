import { z } from 'zod';
import { audit, type Actor } from '../audit';
import type { DbHandle } from '../db/client';
import { getSetting } from '../db/repos/settings';
import type { FileReport } from '../ingest/pipeline';
import { importFiles } from '../ingest/service';
import { ok, refuse, type Result } from '../result';
import { formatBytes, receiveUpload, UploadTooLargeError, type ReceivedFile } from './receive';

/**
 * The web upload: one file in the request body, streamed to a temporary file, imported
 * with `importFiles` like any file on the command line, removed afterwards. The body is
 * the file's bytes (not multipart), so that nothing needs buffering and any HTTP client
 * can send one: `curl --data-binary @export.ndjson`.
 */

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
	format: z.string().trim().min(1).max(40).optional(),
	source: z.string().trim().min(1).max(100).optional()
});
export type UploadQuery = z.output<typeof UploadQuery>;

export type UploadReport = Omit<FileReport, 'path'>;

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
): Promise<Result<{ files: UploadReport[] }>> {
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
			maxBytes,
			signal: upload.signal
		});
	} catch (error) {
		if (error instanceof UploadTooLargeError) return refuse(413, { file: `${error.message}.` });
		return refuse(400, { file: `The upload did not complete: ${(error as Error).message}` });
	}
	try {
		if (received.bytes === 0) return refuse(400, { file: 'The file is empty.' });
		const reports = await importFiles(handle, [received.path], {
			format: upload.query.format,
			source: upload.query.source,
			signal: upload.signal,
			fileNames: new Map([[received.path, upload.query.filename]])
		});
		const files = reports.map(({ path: _path, ...report }) => report);
		for (const file of files) {
			audit(handle, actor, 'import', file.importId === null ? file.fileName : `#${file.importId}`, {
				file: file.fileName,
				bytes: received.bytes,
				format: file.format,
				status: file.status,
				...file.counts
			});
		}
		return ok({ files });
	} finally {
		await received.discard();
	}
}
