import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** A scratch folder for files a test writes; the OS cleans tmp. */
export function scratchDir(prefix = 'parity-test-'): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

export function writeFile(
	dir: string,
	name: string,
	content: string | Buffer,
	options: { gzip?: boolean } = {}
): string {
	const path = join(dir, name);
	const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
	writeFileSync(path, options.gzip ? gzipSync(bytes) : bytes);
	return path;
}

export function ndjson(records: unknown[]): string {
	return records.map((record) => JSON.stringify(record)).join('\n') + '\n';
}
