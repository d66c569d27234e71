import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { addUser } from '../../src/cli/user';
import type { Role } from '../../src/lib/domain/roles';
import { openAppDatabase } from '../../src/lib/server/app';
import { ACCOUNTS } from './accounts';
import { freshDataDir, root, startServer, type RunningServer } from './server';

export interface OwnServerOptions {
	/** Load the demo data set first, with `parity demo` in a second process as a user would. */
	demo?: boolean;
}

/**
 * A server of a test file's own, on a fresh database with the admin, analyst and viewer
 * accounts: for tests whose data would change what other files see on the shared server
 * (the demo's findings raise alerts, for one). Sign in with `newPage(browser, role, baseUrl)`.
 */
export async function startOwnServer(options: OwnServerOptions = {}): Promise<RunningServer> {
	const dataDir = freshDataDir();
	await addAccounts(dataDir);
	if (options.demo) seedDemo(dataDir);
	return startServer(dataDir);
}

export async function addAccounts(dataDir: string): Promise<void> {
	const db = openAppDatabase(join(dataDir, 'parity.db'));
	try {
		for (const [role, account] of Object.entries(ACCOUNTS)) {
			await addUser(db, { ...account, role: role as Role });
		}
	} finally {
		db.close();
	}
}

function seedDemo(dataDir: string): void {
	const seeded = spawnSync(process.execPath, [join(root, 'bin/parity.js'), 'demo'], {
		cwd: root,
		env: {
			...process.env,
			PARITY_DATA_DIR: dataDir,
			PARITY_DB: join(dataDir, 'parity.db'),
			PARITY_DEMO: 'off'
		},
		encoding: 'utf8'
	});
	if (seeded.status !== 0) throw new Error(`parity demo failed:\n${seeded.stderr}`);
}
