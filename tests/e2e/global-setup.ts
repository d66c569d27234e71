import type { TestProject } from 'vitest/node';
import { addAccounts } from './own-server';
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
	await addAccounts(dataDir);
	server = await startServer(dataDir);
	project.provide('baseUrl', server.baseUrl);
	project.provide('dataDir', dataDir);
}

export async function teardown() {
	await server?.stop();
}
