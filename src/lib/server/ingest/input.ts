import chardet from 'chardet';
import iconv from 'iconv-lite';
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { pipeline, Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

/**
 * Opening an export: gzip is recognised by its magic bytes (not its name), the raw bytes are
 * hashed and counted as they stream past, and the text is decoded from whatever encoding
 * the tool or spreadsheet wrote. Nothing here holds more than one chunk of the file.
 */

const SNIFF_BYTES = 64 * 1024;

export interface OpenedInput {
	fileName: string;
	path: string;
	sizeBytes: number;
	gzip: boolean;
	/** Decoded text at the start of the file, for format detection. */
	sample: string;
	/** The sample is the file's whole text (a small file). */
	sampleIsWhole: boolean;
	/** The encoding read at the start; 'utf-8+windows-1252' once a later part fell back. */
	readonly encoding: string;
	/** The decoded text, chunk by chunk, starting at the beginning (sample included). */
	text(): AsyncGenerator<string>;
	/** Bytes of the file (compressed size for .gz) read so far. */
	readonly bytesRead: number;
	/** SHA-256 of the file's bytes; complete once text() has been read to the end. */
	sha256(): string;
	/** Releases the file when it will not be read to the end (another thread reads it). */
	close(): void;
	/**
	 * Whether the gzip data ended before its end mark (a download or copy cut short): the
	 * text is what could be decoded up to the cut, and no error is raised for the rest.
	 */
	readonly truncated: boolean;
}

/** The gzip reader's error for compressed data that stops before its end. */
function isCutShort(error: unknown): boolean {
	return (error as NodeJS.ErrnoException | null)?.code === 'Z_BUF_ERROR';
}

type Decoder = (bytes: Buffer, final: boolean) => string;

function utf16Decoder(encoding: 'utf-16le' | 'utf-16be'): Decoder {
	const decoder = iconv.getDecoder(encoding);
	return (bytes, final) => decoder.write(bytes) + (final ? (decoder.end() ?? '') : '');
}

/** Length of the prefix of `bytes` that does not end inside a UTF-8 sequence. */
function completeUtf8Length(bytes: Buffer): number {
	const end = bytes.length;
	for (let back = 1; back <= Math.min(3, end); back++) {
		const byte = bytes[end - back] as number;
		if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead
		const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
		return needed > back ? end - back : end;
	}
	return end;
}

/**
 * UTF-8 where the bytes are UTF-8, Windows-1252 line by line where they are not: a file
 * assembled from several exports can mix the two, and decoding the whole file one way
 * would garble the other part.
 */
function utf8WithFallback(onFallback: () => void): Decoder {
	let pending: Buffer = Buffer.alloc(0);
	return (chunk, final) => {
		const bytes = pending.length ? Buffer.concat([pending, chunk]) : chunk;
		const usable = final ? bytes.length : completeUtf8Length(bytes);
		pending = bytes.subarray(usable);
		const complete = bytes.subarray(0, usable);
		if (isUtf8(complete)) return complete.toString('utf8');
		onFallback();
		let out = '';
		let start = 0;
		while (start < complete.length) {
			const newline = complete.indexOf(0x0a, start);
			const end = newline === -1 ? complete.length : newline + 1;
			const line = complete.subarray(start, end);
			out += isUtf8(line) ? line.toString('utf8') : iconv.decode(line, 'windows-1252');
			start = end;
		}
		return out;
	};
}

function chooseDecoder(
	head: Buffer,
	onFallback: () => void
): { name: string; skip: number; decoder: Decoder } {
	if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) {
		return { name: 'utf-8-bom', skip: 3, decoder: utf8WithFallback(onFallback) };
	}
	if (head[0] === 0xff && head[1] === 0xfe) {
		return { name: 'utf-16le', skip: 2, decoder: utf16Decoder('utf-16le') };
	}
	if (head[0] === 0xfe && head[1] === 0xff) {
		return { name: 'utf-16be', skip: 2, decoder: utf16Decoder('utf-16be') };
	}
	const probe = head.subarray(0, completeUtf8Length(head));
	if (isUtf8(probe)) {
		return { name: 'utf-8', skip: 0, decoder: utf8WithFallback(onFallback) };
	}
	const guess = chardet.detect(head);
	if (guess === 'UTF-16LE' || guess === 'UTF-16BE') {
		const name = guess.toLowerCase() as 'utf-16le' | 'utf-16be';
		return { name, skip: 0, decoder: utf16Decoder(name) };
	}
	// Not UTF-8 and no BOM: spreadsheets on Windows write 1252, a superset of Latin-1 for
	// printable text. Other single-byte guesses are too unreliable on short samples. Lines
	// that are UTF-8 stay UTF-8 here too: decoding a mixed file all as 1252 garbled them.
	return {
		name: hasUtf8Lines(probe) ? 'utf-8+windows-1252' : 'windows-1252',
		skip: 0,
		decoder: utf8WithFallback(onFallback)
	};
}

/** Whether some line has non-ASCII bytes that are valid UTF-8. */
function hasUtf8Lines(bytes: Buffer): boolean {
	let start = 0;
	while (start < bytes.length) {
		const newline = bytes.indexOf(0x0a, start);
		const end = newline === -1 ? bytes.length : newline;
		const line = bytes.subarray(start, end);
		if (line.some((byte) => byte >= 0x80) && isUtf8(line)) return true;
		start = end + 1;
	}
	return false;
}

const FILE_PROBLEMS: Record<string, string> = {
	ENOENT: 'no such file or directory',
	EACCES: 'permission denied',
	EPERM: 'permission denied',
	ENOTDIR: 'a part of the path is not a folder',
	ELOOP: 'too many symbolic links',
	EISDIR: 'a folder, not a file'
};

/**
 * Why a file cannot be opened, in words a person reads after its name ("no such file or
 * directory"), not Node's "ENOENT: no such file or directory, stat '/x'", which repeats it.
 */
export function fileProblem(error: unknown): string {
	const code = (error as NodeJS.ErrnoException).code;
	return (code && FILE_PROBLEMS[code]) ?? (error as Error).message;
}

/** `fileName` is what the file is called in reports and detection (its base name if absent). */
export async function openInput(path: string, fileName = basename(path)): Promise<OpenedInput> {
	const sizeBytes = statSync(path).size;
	const hash = createHash('sha256');
	let bytesRead = 0;

	const magic = Buffer.alloc(2);
	const fd = openSync(path, 'r');
	try {
		readSync(fd, magic, 0, 2, 0);
	} finally {
		closeSync(fd);
	}
	const gzip = magic[0] === 0x1f && magic[1] === 0x8b;

	const counter = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			bytesRead += chunk.length;
			hash.update(chunk);
			done(null, chunk);
		}
	});
	const stages: NodeJS.ReadWriteStream[] = gzip ? [counter, createGunzip()] : [counter];
	const raw = createReadStream(path, { highWaterMark: 1024 * 1024 });
	const bytes = (pipeline as unknown as (...streams: unknown[]) => Readable)(raw, ...stages, () => {
		/* errors surface through the iterator below */
	});
	const chunks = bytes[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
	let truncated = false;
	// A truncated .gz reads as the text up to the cut: its records are read as a plain file
	// cut at the same place would be, and the report says the file was cut short.
	const iterator = {
		async next(): Promise<IteratorResult<Buffer>> {
			try {
				return await chunks.next();
			} catch (error) {
				if (!gzip || !isCutShort(error)) throw error;
				truncated = true;
				return { done: true, value: undefined };
			}
		}
	};

	const headChunks: Buffer[] = [];
	let headLength = 0;
	let exhausted = false;
	while (headLength < SNIFF_BYTES) {
		const next = await iterator.next();
		if (next.done) {
			exhausted = true;
			break;
		}
		headChunks.push(next.value);
		headLength += next.value.length;
	}
	const head = Buffer.concat(headChunks);

	let encoding = '';
	const chosen = chooseDecoder(head, () => {
		if (!encoding.includes('windows-1252')) encoding = `${encoding}+windows-1252`;
	});
	encoding = chosen.name;
	const firstText = chosen.decoder(head.subarray(chosen.skip), exhausted);
	const decode = chosen.decoder;
	let started = false;

	return {
		fileName,
		path,
		sizeBytes,
		gzip,
		sample: firstText.slice(0, SNIFF_BYTES),
		sampleIsWhole: exhausted && firstText.length <= SNIFF_BYTES,
		get encoding() {
			return encoding;
		},
		get bytesRead() {
			return bytesRead;
		},
		get truncated() {
			return truncated;
		},
		sha256: () => hash.copy().digest('hex'),
		close: () => {
			raw.destroy();
			bytes.destroy();
		},
		async *text() {
			if (started) throw new Error(`${path}: the input can be read only once`);
			started = true;
			if (firstText) yield firstText;
			if (exhausted) return;
			for (;;) {
				const next = await iterator.next();
				if (next.done) break;
				const chunk = decode(next.value, false);
				if (chunk) yield chunk;
			}
			const tail = decode(Buffer.alloc(0), true);
			if (tail) yield tail;
		}
	};
}
