import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { formatBytes } from '../../domain/imports';

/**
 * An uploaded file streamed to a private temporary folder (never held in memory), under a
 * random name: what the user called the file is never part of a path. The caller removes
 * it with `discard()` when done, whatever happened. A file of a batch (batch.ts) goes into
 * the batch's folder instead of one of its own; `discard()` then removes just the file.
 */

export class UploadTooLargeError extends Error {
	constructor(readonly limit: number) {
		super(`the file is larger than the upload limit of ${formatBytes(limit)}`);
	}
}

export interface ReceivedFile {
	path: string;
	bytes: number;
	discard(): Promise<void>;
}

export async function receiveUpload(
	body: ReadableStream<Uint8Array>,
	options: { dir: string; maxBytes: number; signal?: AbortSignal; into?: string }
): Promise<ReceivedFile> {
	await mkdir(options.dir, { recursive: true, mode: 0o700 });
	const folder = options.into ?? (await mkdtemp(join(options.dir, 'upload-')));
	const path = join(folder, randomBytes(8).toString('hex'));
	const discard = () => rm(options.into ? path : folder, { recursive: true, force: true });
	let bytes = 0;
	const limit = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			bytes += chunk.length;
			if (bytes > options.maxBytes) done(new UploadTooLargeError(options.maxBytes));
			else done(null, chunk);
		}
	});
	try {
		await pipeline(
			Readable.fromWeb(body as WebReadableStream<Uint8Array>),
			limit,
			createWriteStream(path, { flags: 'wx', mode: 0o600 }),
			{ signal: options.signal }
		);
	} catch (error) {
		await discard();
		throw error;
	}
	return { path, bytes, discard };
}

/** Removes uploads left behind by a process that died mid-import (older than `olderThanMs`). */
export async function sweepUploads(dir: string, olderThanMs: number, now = Date.now()) {
	let entries: string[];
	try {
		entries = await readdir(dir);
	} catch {
		return;
	}
	for (const entry of entries) {
		if (!entry.startsWith('upload-')) continue;
		const path = join(dir, entry);
		try {
			if (now - (await stat(path)).mtimeMs > olderThanMs)
				await rm(path, { recursive: true, force: true });
		} catch {
			/* gone already */
		}
	}
}
