import type { TestProject } from 'vitest/node';
import { addAccounts, makeDemoDataDir } from './own-server';
import { buildApp, freshDataDir, startServer, type RunningServer } from './server';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		dataDir: string;
		/** A data dir with the accounts and the demo, for startOwnServer to copy. */
		demoDataDir: string;
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
	await addAccounts(dataDir);
	server = await startServer(dataDir);
	project.provide('baseUrl', server.baseUrl);
	project.provide('dataDir', dataDir);
	project.provide('demoDataDir', await makeDemoDataDir());
}

export async function teardown() {
	await server?.stop();
}
