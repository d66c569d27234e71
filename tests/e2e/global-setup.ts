import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string;
		dataDir: string;
	}
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() =>
				typeof address === 'object' && address
					? resolve(address.port)
					: reject(new Error('no port'))
			);
		});
	});
}

let server: ChildProcess | null = null;

/** Builds the production server once and runs it on a fresh database for the browser tests. */
export async function setup(project: TestProject) {
	const root = new URL('../..', import.meta.url).pathname;
	const build = spawnSync(
		process.execPath,
		[join(root, 'node_modules/vite/bin/vite.js'), 'build'],
		{
			cwd: root,
			stdio: 'pipe',
			encoding: 'utf8'
		}
	);
	if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);

	const dataDir = mkdtempSync(join(tmpdir(), 'parity-e2e-'));
	const port = await freePort();
	server = spawn(process.execPath, [join(root, 'build/index.js')], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`,
			PARITY_DATA_DIR: dataDir,
			PARITY_DB: join(dataDir, 'parity.db'),
			PARITY_DEMO: 'off'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	server.stdout?.on('data', (chunk) => (log += chunk));
	server.stderr?.on('data', (chunk) => (log += chunk));
	const baseUrl = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 60_000;
	for (;;) {
		try {
			const response = await fetch(`${baseUrl}/health`);
			if (response.ok) break;
		} catch {
			/* not up yet */
		}
		if (Date.now() > deadline || server.exitCode !== null)
			throw new Error(`server did not start:\n${log}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	project.provide('baseUrl', baseUrl);
	project.provide('dataDir', dataDir);
}

export async function teardown() {
	server?.kill('SIGTERM');
}
