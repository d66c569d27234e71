// npx tsx bench/upload.ts [--megabytes 300]   (after `npx vite build`)
// The web upload of a large export: runs the production build on a fresh data folder, streams
// a generated canonical NDJSON file to POST /api/imports (an API token, as a script would), and
// prints the upload rate and the server's resident memory sampled every 50 ms from /proc —
// before, at its peak while the body arrived, and while the background job imported it —
// with the import child's own peak. The server must stay flat: the body goes to disk.
import { spawn } from 'node:child_process';
import {
	createReadStream,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	statSync
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { openAppDatabase } from '../src/lib/server/app';
import { createApiToken } from '../src/lib/server/auth/api-tokens';
import { writeCanonicalNdjson } from './lib/generate';

const { values } = parseArgs({ options: { megabytes: { type: 'string', default: '300' } } });
const root = new URL('..', import.meta.url).pathname;
if (!existsSync(join(root, 'build/index.js'))) throw new Error('build first: npx vite build');
const out = join(root, 'bench', 'out');
mkdirSync(out, { recursive: true });
const megabytes = Number(values.megabytes);
const file = join(out, `upload-${megabytes}mb.ndjson`);
if (!existsSync(file)) {
	console.log(`generating about ${megabytes} MB…`);
	await writeCanonicalNdjson(file, Math.round((megabytes * 1e6) / 720));
}
const size = statSync(file).size;

/** Resident memory of a process in MB, or null once it has gone. */
function rssMb(pid: number): number | null {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
		return kb ? Number(kb) / 1024 : null;
	} catch {
		return null;
	}
}

const port = await new Promise<number>((resolve) => {
	const probe = createServer().listen(0, '127.0.0.1', () => {
		const address = probe.address();
		probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
	});
});
const dataDir = mkdtempSync(join(tmpdir(), 'parity-bench-upload-'));
const db = openAppDatabase(join(dataDir, 'parity.db'));
const created = createApiToken(
	db,
	{ userId: null, label: 'bench', address: null },
	{ name: 'bench', scope: 'ingest' }
);
db.close();
if (!created.ok) throw new Error('could not create a token');
const baseUrl = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [join(root, 'build/index.js')], {
	cwd: root,
	env: {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: baseUrl,
		BODY_SIZE_LIMIT: 'Infinity',
		PARITY_DATA_DIR: dataDir,
		PARITY_DB: join(dataDir, 'parity.db'),
		PARITY_DEMO: 'off'
	},
	stdio: 'ignore'
});
const pid = server.pid ?? 0;
for (let tries = 0; ; tries++) {
	try {
		if ((await fetch(`${baseUrl}/health`)).ok) break;
	} catch {
		if (tries > 300) throw new Error('server did not start');
	}
	await new Promise((resolve) => setTimeout(resolve, 100));
}

const before = rssMb(pid) ?? 0;
let peak = before;
let sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid) ?? 0)), 50);
const started = performance.now();
const response = await fetch(`${baseUrl}/api/imports?filename=big.ndjson&wait=0`, {
	method: 'POST',
	headers: {
		authorization: `Bearer ${created.value.token}`,
		'content-type': 'application/octet-stream',
		'content-length': String(size)
	},
	body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
	duplex: 'half'
} as RequestInit);
const uploadSeconds = (performance.now() - started) / 1000;
clearInterval(sampler);
const answer = (await response.json()) as { job?: string };
if (!answer.job) throw new Error(`upload refused: ${response.status} ${JSON.stringify(answer)}`);
const uploadPeak = peak;

// The import runs in a child process; the server only answers the polls meanwhile.
peak = rssMb(pid) ?? 0;
let childPeak = 0;
const childPids = () => {
	try {
		return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
			.trim()
			.split(/\s+/)
			.filter(Boolean);
	} catch {
		return [];
	}
};
sampler = setInterval(() => {
	peak = Math.max(peak, rssMb(pid) ?? 0);
	for (const child of childPids()) childPeak = Math.max(childPeak, rssMb(Number(child)) ?? 0);
}, 50);
const importStarted = performance.now();
let progress: { phase: string; imports: Array<{ recordsRead: number; recordsImported: number }> };
for (;;) {
	const poll = await fetch(`${baseUrl}/api/imports/jobs/${answer.job}`, {
		headers: { authorization: `Bearer ${created.value.token}` }
	});
	progress = (await poll.json()) as typeof progress;
	if (['done', 'failed', 'interrupted'].includes(progress.phase)) break;
	await new Promise((resolve) => setTimeout(resolve, 500));
}
clearInterval(sampler);
const importSeconds = (performance.now() - importStarted) / 1000;
server.kill('SIGTERM');

const mb = size / 1e6;
console.log(
	`upload of ${mb.toFixed(0)} MB in ${uploadSeconds.toFixed(1)} s (${(mb / uploadSeconds).toFixed(0)} MB/s); ` +
		`server RSS ${before.toFixed(0)} MB before, peak ${uploadPeak.toFixed(0)} MB while receiving`
);
console.log(
	`import job ${progress.phase} in ${importSeconds.toFixed(0)} s: ${progress.imports[0]?.recordsRead.toLocaleString('en')} records read, ` +
		`${progress.imports[0]?.recordsImported.toLocaleString('en')} imported; server RSS peak ${peak.toFixed(0)} MB meanwhile, ` +
		`import child peak ${childPeak.toFixed(0)} MB`
);
