import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname;

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

export function buildApp(): void {
	const build = spawnSync(
		process.execPath,
		[join(root, 'node_modules/vite/bin/vite.js'), 'build'],
		{
			cwd: root,
			// vitest sets NODE_ENV=test, which would compile Svelte's dev-mode checks into the
			// server: test what users run.
			env: { ...process.env, NODE_ENV: 'production' },
			stdio: 'pipe',
			encoding: 'utf8'
		}
	);
	if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
}

export function freshDataDir(): string {
	return mkdtempSync(join(tmpdir(), 'parity-e2e-'));
}

export interface RunningServer {
	baseUrl: string;
	dataDir: string;
	/** Everything the server printed so far (the setup code is in here on a fresh install). */
	log(): string;
	stop(): Promise<void>;
}

export interface ServerOptions {
	/**
	 * Start it as the README's quick start does (`npm start`: scripts/start.js, no ORIGIN), not
	 * as adapter-node's server told where it is reached.
	 */
	quickStart?: boolean;
}

/** The production build (run `buildApp` first) on its own port and data folder. */
export async function startServer(
	dataDir: string,
	options: ServerOptions = {}
): Promise<RunningServer> {
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const env: NodeJS.ProcessEnv = {
		...process.env,
		NODE_ENV: 'production',
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: baseUrl,
		// As scripts/start.js sets it: the upload endpoint applies its own limit.
		BODY_SIZE_LIMIT: 'Infinity',
		PARITY_DATA_DIR: dataDir,
		PARITY_DB: join(dataDir, 'parity.db'),
		PARITY_DEMO: 'off'
	};
	if (options.quickStart) {
		delete env.ORIGIN;
		delete env.PROTOCOL_HEADER;
		delete env.BODY_SIZE_LIMIT;
	}
	const entry = options.quickStart ? 'scripts/start.js' : 'build/index.js';
	const server: ChildProcess = spawn(process.execPath, [join(root, entry)], {
		cwd: root,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	server.stdout?.on('data', (chunk) => (log += chunk));
	server.stderr?.on('data', (chunk) => (log += chunk));
	// A server that dies mid-run makes every later test fail with "connection refused": say
	// why, once, where the run's output shows it.
	let stopping = false;
	server.once('exit', (code, signal) => {
		if (stopping) return;
		console.error(
			`e2e server on ${baseUrl} exited during the run (code ${code}, signal ${signal}); its last output:\n${log.slice(-4000)}`
		);
	});
	const deadline = Date.now() + 60_000;
	for (;;) {
		try {
			const response = await fetch(`${baseUrl}/health`);
			if (response.ok) break;
		} catch {
			/* not up yet */
		}
		if (Date.now() > deadline || server.exitCode !== null) {
			stopping = true;
			server.kill('SIGTERM');
			throw new Error(`server did not start:\n${log}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	return {
		baseUrl,
		dataDir,
		log: () => log,
		stop: () =>
			new Promise((resolve) => {
				stopping = true;
				if (server.exitCode !== null) return resolve();
				// A server that does not finish its graceful shutdown must not hang the run.
				const kill = setTimeout(() => server.kill('SIGKILL'), 10_000);
				server.once('exit', (code, signal) => {
					clearTimeout(kill);
					if (signal === 'SIGKILL') console.error('e2e server ignored SIGTERM and was killed');
					resolve();
				});
				server.kill('SIGTERM');
			})
	};
}
