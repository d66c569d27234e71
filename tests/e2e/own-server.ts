import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { join } from 'node:path';
import { addUser } from '../../src/cli/user';
import type { Role } from '../../src/lib/domain/roles';
import { openAppDatabase } from '../../src/lib/server/app';
import { ACCOUNTS } from './accounts';
import { launchBrowser } from './browser';
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
	// The demo data dir is made once per run (global-setup.ts): loading the demo takes
	// 5–10 s, and the files that want it each get a copy of their own to change.
	if (options.demo) cpSync(inject('demoDataDir'), dataDir, { recursive: true });
	else await addAccounts(dataDir);
	return startServer(dataDir);
}

/** A data dir with the three accounts and the demo data set, loaded as a user would. */
export async function makeDemoDataDir(): Promise<string> {
	const dataDir = freshDataDir();
	await addAccounts(dataDir);
	seedDemo(dataDir);
	return dataDir;
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

/**
 * A browser and a demo server of the test file's own (see startOwnServer), started before
 * the file's tests and stopped after them: `const own = ownDemoServer()`, then `own.browser`
 * and `own.server.baseUrl` inside the tests.
 */
export function ownDemoServer(): { readonly server: RunningServer; readonly browser: Browser } {
	let server: RunningServer | undefined;
	let browser: Browser | undefined;
	beforeAll(async () => {
		server = await startOwnServer({ demo: true });
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});
	const started = <T>(value: T | undefined): T => {
		if (value === undefined) throw new Error('the demo server and browser start before the tests');
		return value;
	};
	return {
		get server() {
			return started(server);
		},
		get browser() {
			return started(browser);
		}
	};
}
