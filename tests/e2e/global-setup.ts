import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { addUser } from '../../src/cli/user';
import type { Role } from '../../src/lib/domain/roles';
import { openAppDatabase } from '../../src/lib/server/app';
import { ACCOUNTS } from './accounts';
import { buildApp, freshDataDir, startServer, type RunningServer } from './server';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		dataDir: string;
	}
}

let server: RunningServer | null = null;

/**
 * Builds the production server once and runs it on a fresh database that already has an
 * admin, an analyst and a viewer (created with the CLI's own function), so that every
 * browser test can start signed in: `loginAs(page, 'analyst')` (tests/e2e/browser.ts).
 */
export async function setup(project: TestProject) {
	buildApp();
	const dataDir = freshDataDir();
	const db = openAppDatabase(join(dataDir, 'parity.db'));
	try {
		for (const [role, account] of Object.entries(ACCOUNTS)) {
			await addUser(db, { ...account, role: role as Role });
		}
	} finally {
		db.close();
	}
	server = await startServer(dataDir);
	project.provide('baseUrl', server.baseUrl);
	project.provide('dataDir', dataDir);
}

export async function teardown() {
	await server?.stop();
}
