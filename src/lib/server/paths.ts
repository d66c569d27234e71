import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

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
export const defaultDatabasePath = resolve(process.env.PARITY_DB ?? join(dataDir, 'parity.db'));
/** Where web uploads are streamed while they are imported (same disk as the data, usually). */
export const uploadDir = resolve(process.env.PARITY_UPLOAD_DIR ?? join(dataDir, 'uploads'));

/**
 * V8 options the CLI runs with; bin/parity.js's first line carries the same, and the server
 * passes them when it starts a CLI child (jobs/import-jobs.ts). An import allocates short-lived
 * objects at a high rate, and by default V8 lets the writer's heap grow by some 60 MB of
 * garbage between full collections: collecting sooner keeps an import's peak memory near
 * 200 MB instead of 270–360 MB, for about a fifth more time (measured with bench/import.ts).
 */
export const CLI_NODE_FLAGS = ['--optimize-for-size'] as const;
