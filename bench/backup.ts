// npm run bench:backup [-- --conversations N] [--db FILE]
// What a backup costs the server: copies a database (FILE, or one built from N generated
// conversations and kept under bench/out/) the way Back up now and the nightly backup do,
// while a 10 ms timer stands in for the server's requests, and prints the copy's throughput
// and the longest time the server's thread could not answer (event-loop stall).
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openAppDatabase } from '../src/lib/server/app';
import { backupDatabase } from '../src/lib/server/db/backup';
import { generatedDatabase } from './lib/generated-database';

const { values } = parseArgs({
	options: {
		conversations: { type: 'string', default: '100000' },
		db: { type: 'string' }
	}
});
const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'bench', 'out');
mkdirSync(out, { recursive: true });

const path = values.db ?? (await generatedDatabase(out, Number(values.conversations)));
const handle = openAppDatabase(path, { recoverImports: false });
const target = join(out, 'backup-copy.db');
rmSync(target, { force: true });

let longestStall = 0;
let last = performance.now();
const ticks = setInterval(() => {
	const now = performance.now();
	longestStall = Math.max(longestStall, now - last);
	last = now;
}, 10);
const started = performance.now();
const { bytes } = await backupDatabase(handle, target);
const seconds = (performance.now() - started) / 1000;
longestStall = Math.max(longestStall, performance.now() - last);
clearInterval(ticks);
handle.close();
rmSync(target, { force: true });

console.log(
	`backup of ${(statSync(path).size / 1e6).toFixed(0)} MB: ${seconds.toFixed(2)} s ` +
		`(${(bytes / 1e6 / seconds).toFixed(0)} MB/s, copy and quick_check); ` +
		`longest stall of the calling thread ${longestStall.toFixed(0)} ms (a 10 ms timer)`
);
