// npm run bench:big-file [-- --gigabytes 2]
// Peak memory on a file far larger than memory budgets: generates a canonical NDJSON file of
// the given size (once, kept under bench/out/), imports it with the CLI's settings, and
// prints throughput and peak RSS, sampled every 100 ms from /proc for the whole process.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CLI_NODE_FLAGS } from '../src/lib/server/paths';
import { writeCanonicalNdjson } from './lib/generate';

const { values } = parseArgs({ options: { gigabytes: { type: 'string', default: '2' } } });
const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'bench', 'out');
mkdirSync(out, { recursive: true });
const bytesPerConversation = 720;
const count = Math.round((Number(values.gigabytes) * 1e9) / bytesPerConversation);
const file = join(out, `big-${values.gigabytes}gb.ndjson`);
if (!existsSync(file)) {
	console.log(`generating ${count.toLocaleString('en')} conversations…`);
	await writeCanonicalNdjson(file, count);
}
console.log(`file: ${(statSync(file).size / 1e9).toFixed(2)} GB`);
const db = join(out, 'big.db');
for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
const output = execFileSync(
	process.execPath,
	[...CLI_NODE_FLAGS, '--import', 'tsx', join(root, 'bench/lib/run-import.ts'), 'parity', file, db],
	{ encoding: 'utf8', env: { ...process.env, PARITY_DEMO: 'off' }, maxBuffer: 1 << 24 }
);
const result = JSON.parse(output.trim().split('\n').pop() ?? '{}') as {
	messages: number;
	seconds: number;
	peakRssMb: number;
};
console.log(
	`messages ${result.messages.toLocaleString('en')} in ${result.seconds.toFixed(0)} s: ${Math.round(result.messages / result.seconds).toLocaleString('en')} messages/s, peak RSS ${result.peakRssMb.toFixed(0)} MB, database ${(statSync(db).size / 1e9).toFixed(2)} GB`
);
for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
