// npm run bench:pages [-- --scale 88] [--requests 300] [--concurrency 10] [--no-build] [--build-only]
// Page latency under load: a demo database of 5M messages (scale 88: about 1.05M conversations;
// cached under bench/out/, keyed by the schema so a schema change builds a new one), the production server
// (`node build`) on it, and a loader on loopback: `concurrency` clients with keep-alive,
// signed in, each requesting a page as soon as the last answer arrived. Prints p50 / p95 /
// p99 and requests/s per page, the first (cold: nothing cached for this data version) answer,
// the server's CPU time per request, and its peak resident memory (VmHWM, Linux). The
// machine may be shared: run it twice, trust the lower; cpu/req does not depend on sharing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync
} from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { addUser } from '../src/cli/user';
import { openAppDatabase } from '../src/lib/server/app';
import { importDemo } from './lib/demo-database';

const { values } = parseArgs({
	options: {
		scale: { type: 'string', default: '88' },
		requests: { type: 'string', default: '300' },
		concurrency: { type: 'string', default: '10' },
		'no-build': { type: 'boolean', default: false },
		'build-only': { type: 'boolean', default: false }
	}
});
const scale = Number(values.scale);
const requestsPerPage = Number(values.requests);
const concurrency = Number(values.concurrency);
const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'bench', 'out');
mkdirSync(out, { recursive: true });

const USER = { email: 'bench@parity.test', password: 'bench password for pages', role: 'analyst' };
/** Client i signs in as its own user, so that each client's first request of a page renders it. */
const userFor = (i: number) => (i === 0 ? USER : { ...USER, email: `bench${i}@parity.test` });

/** The cache key: a database built under another schema or generator is not reused. */
function schemaKey(): string {
	const hash = createHash('sha1');
	for (const file of [
		'drizzle/0000_init.sql',
		'src/lib/server/db/search-index.ts',
		'src/lib/server/demo/generate.ts',
		'src/lib/server/demo/config.ts'
	]) {
		hash.update(readFileSync(join(root, file)));
	}
	return hash.digest('hex').slice(0, 10);
}

async function buildDatabase(path: string): Promise<void> {
	const building = `${path}.building`;
	for (const suffix of ['', '-wal', '-shm']) rmSync(building + suffix, { force: true });
	const dir = mkdtempSync(join(tmpdir(), 'parity-bench-pages-'));
	const started = performance.now();
	try {
		const handle = openAppDatabase(building);
		const demo = await importDemo(handle, scale, dir);
		console.log(
			`generated and imported ${demo.conversations.toLocaleString('en')} conversations, ${demo.messages.toLocaleString('en')} messages`
		);
		await addUser(handle, USER);
		handle.sqlite.pragma('wal_checkpoint(TRUNCATE)');
		handle.close();
		renameSync(building, path);
		for (const suffix of ['-wal', '-shm']) rmSync(building + suffix, { force: true });
		console.log(`database built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
	} finally {
		rmSync(dir, { recursive: true, force: true });
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

async function startServer(dbPath: string): Promise<{ base: string; child: ChildProcess }> {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const dataDir = join(out, 'pages-data');
	mkdirSync(dataDir, { recursive: true });
	const child = spawn(process.execPath, [join(root, 'build/index.js')], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: base,
			PARITY_DB: dbPath,
			PARITY_DATA_DIR: dataDir,
			PARITY_DEMO: 'off',
			NODE_ENV: 'production'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stdout?.on('data', (chunk) => (log += chunk));
	child.stderr?.on('data', (chunk) => (log += chunk));
	const deadline = Date.now() + 180_000;
	for (;;) {
		try {
			if ((await fetch(`${base}/health`)).ok) break;
		} catch {
			/* not up yet */
		}
		if (Date.now() > deadline || child.exitCode !== null) {
			child.kill('SIGTERM');
			throw new Error(`server did not start:\n${log}`);
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	return { base, child };
}

async function signIn(base: string, user: typeof USER): Promise<string> {
	const response = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: {
			accept: 'text/html',
			origin: base,
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({ email: user.email, password: user.password })
	});
	const cookie = /parity_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0];
	if (!cookie) throw new Error(`sign-in failed: ${response.status}`);
	return cookie;
}

const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function get(base: string, path: string, cookie: string): Promise<{ status: number; ms: number }> {
	const started = performance.now();
	return new Promise((resolve, reject) => {
		const req = request(
			`${base}${path}`,
			{ agent, headers: { cookie, accept: 'text/html' } },
			(response) => {
				response.on('data', () => {});
				response.on('end', () =>
					resolve({ status: response.statusCode ?? 0, ms: performance.now() - started })
				);
				response.on('error', reject);
			}
		);
		req.on('error', reject);
		req.end();
	});
}

/** The server's peak resident set so far, in MB (Linux /proc; null elsewhere). */
function peakRssMb(pid: number | undefined): number | null {
	if (pid === undefined) return null;
	try {
		const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
		return kb ? Number(kb) / 1024 : null;
	} catch {
		return null;
	}
}

/**
 * The server's CPU time so far (user + system), in ms, from /proc (null elsewhere). Per
 * request it shows the cost of a page even when other processes share the machine and the
 * wall-clock figures are mostly waiting.
 */
function cpuMs(pid: number | undefined): number | null {
	if (pid === undefined) return null;
	try {
		// Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const ticks = Number(fields[11]) + Number(fields[12]);
		return (ticks * 1000) / CLOCK_TICKS;
	} catch {
		return null;
	}
}
/**
 * Waits until the server has finished its start-up work (the alerts' catch-up run reads the
 * weekly review), so that the figures are those of serving pages: under 10% of a core used
 * for two half-seconds in a row, or two minutes at most.
 */
async function untilIdle(pid: number | undefined): Promise<{ cpu: number; wall: number } | null> {
	const first = cpuMs(pid);
	if (first === null) return null;
	const started = performance.now();
	let last = first;
	let quiet = 0;
	while (quiet < 2 && performance.now() - started < 120_000) {
		await new Promise((resolve) => setTimeout(resolve, 500));
		const now = cpuMs(pid) ?? last;
		quiet = now - last < 50 ? quiet + 1 : 0;
		last = now;
	}
	return { cpu: last - first, wall: performance.now() - started };
}

/** USER_HZ: 100 on every Linux build that matters. */
const CLOCK_TICKS = 100;

function percentile(sorted: readonly number[], p: number): number {
	const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[index] ?? NaN;
}

async function load(base: string, path: string, cookies: string[], pid: number | undefined) {
	const [cookie = ''] = cookies;
	const cold = (await get(base, path, cookie)).ms;
	for (let i = 1; i < Math.min(20, requestsPerPage); i++) await get(base, path, cookie);
	const cpuBefore = cpuMs(pid);
	const latencies: number[] = [];
	const statuses = new Map<number, number>();
	let issued = 0;
	const started = performance.now();
	await Promise.all(
		Array.from({ length: concurrency }, async (_, client) => {
			while (issued < requestsPerPage) {
				issued++;
				const { status, ms } = await get(base, path, cookies[client] ?? cookie);
				latencies.push(ms);
				statuses.set(status, (statuses.get(status) ?? 0) + 1);
			}
		})
	);
	const seconds = (performance.now() - started) / 1000;
	const cpuAfter = cpuMs(pid);
	latencies.sort((a, b) => a - b);
	return {
		cold,
		cpuPerRequest:
			cpuBefore === null || cpuAfter === null ? NaN : (cpuAfter - cpuBefore) / latencies.length,
		p50: percentile(latencies, 50),
		p95: percentile(latencies, 95),
		p99: percentile(latencies, 99),
		rps: latencies.length / seconds,
		statuses: [...statuses].map(([status, n]) => `${status}×${n}`).join(' ')
	};
}

const dbPath = join(out, `pages-scale${scale}-${schemaKey()}.db`);
if (!existsSync(dbPath)) await buildDatabase(dbPath);
const db = openAppDatabase(dbPath);
const facts = db.sqlite
	.prepare(
		`SELECT (SELECT COUNT(*) FROM conversations) AS conversations,
		        (SELECT MAX(id) FROM messages) AS messages,
		        (SELECT MAX(week) FROM rollup_weekly) AS week,
		        (SELECT id FROM conversations ORDER BY message_count DESC LIMIT 1) AS longest,
		        (SELECT MAX(id) FROM imports) AS importId,
		        (SELECT started_at || '_' || conversation_id FROM conversation_scores
		          ORDER BY started_at DESC, conversation_id DESC LIMIT 1 OFFSET 49) AS pageTwo`
	)
	.get() as {
	conversations: number;
	messages: number;
	week: string;
	longest: number;
	importId: number;
	pageTwo: string;
};
for (let i = 1; i < concurrency; i++) {
	const user = userFor(i);
	if (!db.sqlite.prepare('SELECT 1 FROM users WHERE email = ?').get(user.email)) {
		await addUser(db, user);
	}
}
db.close();
console.log(
	`database ${dbPath.replace(root, '')}: ${facts.conversations.toLocaleString('en')} conversations, ${facts.messages.toLocaleString('en')} messages, ${(statSync(dbPath).size / 1e9).toFixed(2)} GB`
);
if (values['build-only']) process.exit(0);

if (!values['no-build']) {
	const build = spawnSync(
		process.execPath,
		[join(root, 'node_modules/vite/bin/vite.js'), 'build'],
		{
			cwd: root,
			encoding: 'utf8',
			// Run from a test runner, NODE_ENV=test would make Svelte compile its dev-mode checks
			// into the server (every element's nesting validated as it renders).
			env: { ...process.env, NODE_ENV: 'production' }
		}
	);
	if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}\n${build.stderr}`);
}

/** The goal for every page under this load. */
const GOAL_P95_MS = 50;

const pages: Array<[string, string]> = [
	['weekly review', '/'],
	['trends', '/trends'],
	['gaps', '/gaps'],
	['conversations', '/conversations'],
	// The links the review pages build (src/lib/links.ts): a finding, a gaps cell.
	[
		'conversations, review drill-down',
		`/conversations?week=${facts.week}&handler=ai,hybrid&channel=chat&topic=billing`
	],
	[
		'conversations, gaps cell (4 weeks)',
		`/conversations?week=${facts.week}&weeks=4&handler=ai,hybrid,human&topic=billing`
	],
	['conversations, page 2', `/conversations?after=${facts.pageTwo}`],
	['conversations, two signals', '/conversations?signal=profanity&signal=shouting'],
	['conversations, signal + CSAT', '/conversations?csat=low&signal=asked-for-human'],
	['conversations, text search', '/conversations?q=charged+twice'],
	['conversations, text + filter', '/conversations?q=refund&handler=hybrid'],
	['conversation transcript', `/conversations/${facts.longest}`],
	['imports', '/imports'],
	['import report', `/imports/${facts.importId}`],
	['settings', '/settings'],
	['alerts', '/alerts']
];

const { base, child } = await startServer(dbPath);
try {
	const cookies: string[] = [];
	for (let i = 0; i < concurrency; i++) cookies.push(await signIn(base, userFor(i)));
	const settled = await untilIdle(child.pid);
	console.log(
		`server start-up work (the alerts' catch-up run): ${settled === null ? 'not measured (no /proc)' : `${(settled.cpu / 1000).toFixed(1)} s of CPU, idle after ${(settled.wall / 1000).toFixed(1)} s`}`
	);
	console.log(
		`\n${concurrency} clients, each signed in as its own user (its first request of a page renders it; later ones are answered from the pages kept until the data change), ${requestsPerPage} requests per page after 20 warm-up by the first, keep-alive, loopback\n`
	);
	console.log(
		`${'page'.padEnd(38)} ${'first'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'req/s'.padStart(7)} ${'cpu/req'.padStart(7)}  status`
	);
	for (const [label, path] of pages) {
		const result = await load(base, path, cookies, child.pid);
		console.log(
			`${label.padEnd(38)} ${result.cold.toFixed(1).padStart(7)} ${result.p50.toFixed(1).padStart(7)} ${result.p95.toFixed(1).padStart(7)} ${result.p99.toFixed(1).padStart(7)} ${result.rps.toFixed(0).padStart(7)} ${result.cpuPerRequest.toFixed(1).padStart(7)}  ${result.statuses}${result.p95 > GOAL_P95_MS ? `  (p95 over ${GOAL_P95_MS} ms)` : ''}`
		);
	}
	const peak = peakRssMb(child.pid);
	console.log(
		`\npeak server RSS: ${peak === null ? 'unknown (no /proc)' : `${peak.toFixed(0)} MB`}`
	);
} finally {
	agent.destroy();
	child.kill('SIGTERM');
}
