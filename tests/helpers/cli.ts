import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

/** Runs `parity` as a user would, on the database (and data folder) in `dir`. */
export function parity(dir: string, args: string[], input?: string) {
	const result = spawnSync(process.execPath, [join(root, 'bin/parity.js'), ...args], {
		cwd: root,
		input,
		encoding: 'utf8',
		env: { ...process.env, PARITY_DB: join(dir, 'parity.db'), PARITY_DATA_DIR: dir }
	});
	return { code: result.status, out: result.stdout, err: result.stderr };
}
