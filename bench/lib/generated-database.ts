import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openAppDatabase } from '../../src/lib/server/app';
import { importFiles } from '../../src/lib/server/ingest/service';
import { writeCanonicalNdjson } from './generate';

/**
 * A database of `count` generated conversations (six weeks from 5 January 2026 at 100k),
 * imported once into `dir` and kept there for the benchmarks that read or copy one.
 */
export async function generatedDatabase(dir: string, count: number): Promise<string> {
	const path = join(dir, `backup-source-${count}.db`);
	if (!existsSync(path)) {
		const input = join(dir, `backup-source-${count}.ndjson`);
		await writeCanonicalNdjson(input, count);
		const building = openAppDatabase(path);
		await importFiles(building, [input], { parallel: true });
		building.close();
		rmSync(input);
	}
	return path;
}
