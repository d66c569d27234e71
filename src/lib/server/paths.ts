import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { databasePathFrom } from './database-url';

/**
 * The project folder, found by walking up from this module: the same code runs from `src/`
 * (CLI, tests) and from the bundled server under `build/`, so a fixed relative path would
 * be right in only one of them.
 */
function findProjectRoot(): string {
	let dir = dirname(fileURLToPath(import.meta.url));
	for (;;) {
		if (existsSync(join(dir, 'drizzle', 'meta', '_journal.json'))) return dir;
		const parent = dirname(dir);
		if (parent === dir) return process.cwd();
		dir = parent;
	}
}

export const projectRoot = findProjectRoot();
export const migrationsFolder = join(projectRoot, 'drizzle');
export const dataDir = resolve(process.env.PARITY_DATA_DIR ?? join(projectRoot, 'data'));
/**
 * The database file of this process (database-url.ts): a function, not a constant, so that a
 * DATABASE_URL Parity cannot use is reported where the database is opened, as one clear line.
 */
export function defaultDatabasePath(): string {
	return databasePathFrom(process.env, dataDir);
}
/** Where web uploads are streamed while they are imported (same disk as the data, usually). */
export const uploadDir = resolve(process.env.PARITY_UPLOAD_DIR ?? join(dataDir, 'uploads'));

/**
 * V8 options the CLI runs with; bin/parity.js's first line carries the same, and the server
 * passes them when it starts a CLI child (jobs/import-jobs.ts). An import allocates short-lived
 * objects at a high rate. V8's defaults let the writer's heap grow by some 60 MB of garbage
 * between full collections (peak 315–355 MB on bench/import.ts); --optimize-for-size kept it
 * near 210 MB but also gives up much of the optimising compiler's work, and imported 29k
 * messages/s against 41k. Small young generations (4 MB semi-spaces) and a ceiling on the
 * old one keep the peak near 250 MB at the faster rate; the ceiling still leaves room for a
 * batch of very long conversations.
 */
export const CLI_NODE_FLAGS = ['--max-semi-space-size=4', '--max-old-space-size=256'] as const;
