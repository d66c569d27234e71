// npm run bench:retention [-- --conversations N]
// What a retention sweep costs the server: on a copy of a database of N generated
// conversations (six weeks from 5 January 2026, built once and kept under bench/out/, as
// bench:backup's), deletes the first half (a one-month policy as of 26 February 2026) the
// way the nightly sweep does, while a 10 ms timer stands in for the server's requests, and
// prints conversations deleted per second, the longest times the server's thread could not
// answer (a chunk's transaction, then the recomputation of the weeks) and peak RSS.
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openAppDatabase } from '../src/lib/server/app';
import { setSetting } from '../src/lib/server/db/repos/settings';
import { applyRetention, retentionPlan } from '../src/lib/server/privacy/retention';
import { generatedDatabase } from './lib/generated-database';

const { values } = parseArgs({
	options: { conversations: { type: 'string', default: '100000' } }
});
const count = Number(values.conversations);
const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'bench', 'out');
mkdirSync(out, { recursive: true });

// The same database bench:backup builds and keeps.
const source = await generatedDatabase(out, count);
const path = join(out, 'retention-copy.db');
for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
copyFileSync(source, path);

const handle = openAppDatabase(path, { recoverImports: false });
const NOW = Date.UTC(2026, 1, 26, 12);
setSetting(handle, 'privacy.retentionMonths', 1);
const plan = retentionPlan(handle, NOW);
if (!plan) throw new Error('no retention plan');

// Gaps between the ticks of a 10 ms timer: how long a request would have waited.
const stalls: number[] = [];
let last = performance.now();
const timer = setInterval(() => {
	const now = performance.now();
	stalls.push(now - last);
	last = now;
}, 10);
const started = performance.now();
const outcome = await applyRetention(handle, undefined, NOW);
const seconds = (performance.now() - started) / 1000;
clearInterval(timer);
stalls.push(performance.now() - last);
handle.close();
for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
if (!outcome || outcome.error) throw new Error(`the sweep failed: ${outcome?.error}`);

stalls.sort((a, b) => a - b);
const at = (q: number) => stalls[Math.min(stalls.length - 1, Math.floor(q * stalls.length))] ?? 0;
const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0);
console.log(
	`database: ${count.toLocaleString('en')} conversations; the sweep deletes those before ${plan.beforeWeek}`
);
console.log(
	`deleted ${outcome.conversations.toLocaleString('en')} conversations (${outcome.messages.toLocaleString('en')} messages) in ${seconds.toFixed(2)} s: ${Math.round(outcome.conversations / seconds).toLocaleString('en')} conversations/s`
);
console.log(
	`server thread blocked: p50 ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, longest ${(stalls.at(-1) ?? 0).toFixed(0)} ms`
);
console.log(`peak RSS ${(peakKb / 1024).toFixed(0)} MB`);
