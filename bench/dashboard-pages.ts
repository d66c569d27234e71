/**
 * Server response times of the dashboard's analytical pages under concurrent clients.
 *
 *   npx vite build
 *   PARITY_DB=/path/big.db npx parity demo --scale 80      # ≈ 5M messages
 *   echo 'bench password 123' | PARITY_DB=/path/big.db npx parity user add \
 *     --email bench@parity.test --role viewer --password-stdin
 *   PARITY_DB=/path/big.db npx tsx bench/dashboard-pages.ts [--clients 10] [--requests 300]
 *
 * Starts the production build on the database, signs in, and for each page prints the first
 * (cold: nothing computed yet for this data version) response time, then p50 / p95 / max of
 * `requests` requests made by `clients` clients at once. Figures, not a test.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const root = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({
	options: {
		clients: { type: 'string', default: '10' },
		requests: { type: 'string', default: '300' },
		email: { type: 'string', default: 'bench@parity.test' },
		password: { type: 'string', default: 'bench password 123' }
	}
});
const clients = Number(values.clients);
const requests = Number(values.requests);
const database = process.env.PARITY_DB;
if (!database) throw new Error('set PARITY_DB to the database to measure');

const PAGES = process.env.PAGES
	? process.env.PAGES.split(' ')
	: [
			'/',
			'/?week=2026-W45',
			'/trends',
			'/trends?channel=email&topic=disputes',
			'/trends?weeks=26&source=Intercom%20(demo)',
			'/gaps',
			'/gaps?weeks=1&colour=adjusted',
			'/gaps?channel=chat'
		];

function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [join(root, 'build/index.js')], {
	env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: base, PARITY_DEMO: 'off' },
	stdio: ['ignore', 'ignore', 'inherit']
});
try {
	for (let i = 0; ; i++) {
		try {
			if ((await fetch(`${base}/health`)).ok) break;
		} catch {
			/* starting */
		}
		if (i > 300) throw new Error('server did not start');
		await new Promise((r) => setTimeout(r, 100));
	}
	const login = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email: values.email, password: values.password })
	});
	const cookie = /parity_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
	if (!cookie) throw new Error(`could not sign in as ${values.email} (${login.status})`);

	const get = async (path: string) => {
		const started = performance.now();
		const response = await fetch(`${base}${path}`, { headers: { cookie, accept: 'text/html' } });
		const body = await response.arrayBuffer();
		if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
		return { ms: performance.now() - started, bytes: body.byteLength };
	};
	const quantile = (sorted: number[], q: number) =>
		sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;

	console.log(`${clients} clients, ${requests} requests per page, ${database}`);
	console.log('page'.padEnd(44) + 'cold ms  p50 ms  p95 ms  max ms   KB');
	for (const path of PAGES) {
		const cold = await get(path);
		const times: number[] = [];
		let next = 0;
		await Promise.all(
			Array.from({ length: clients }, async () => {
				while (next < requests) {
					next++;
					times.push((await get(path)).ms);
				}
			})
		);
		times.sort((a, b) => a - b);
		console.log(
			path.padEnd(44) +
				[cold.ms, quantile(times, 0.5), quantile(times, 0.95), times.at(-1)!]
					.map((ms) => ms.toFixed(1).padStart(7))
					.join(' ') +
				(cold.bytes / 1024).toFixed(0).padStart(6)
		);
	}
} finally {
	server.kill('SIGTERM');
}
