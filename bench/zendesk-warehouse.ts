/**
 * Imports a synthetic Zendesk warehouse export (Fivetran layout) and prints throughput and
 * peak memory, to show that comments are grouped onto tickets with a bounded heap: the
 * comment table is written in random order, so nothing can be joined while streaming.
 *
 *   npx tsx bench/zendesk-warehouse.ts [tickets=100000] [commentsPerTicket=5]
 */
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { openDatabase } from '../src/lib/server/db/client';
import { seedDefaultBotRules } from '../src/lib/server/db/repos/bot-rules';
import { importFiles } from '../src/lib/server/ingest/service';

const tickets = Number(process.argv[2] ?? 100_000);
const perTicket = Number(process.argv[3] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'parity-bench-zendesk-'));

async function writeCsv(name: string, header: string, rows: Iterable<string>): Promise<number> {
	const path = join(dir, name);
	const out = createWriteStream(path);
	out.write(`${header}\n`);
	for (const row of rows) if (!out.write(`${row}\n`)) await once(out, 'drain');
	out.end();
	await once(out, 'finish');
	return statSync(path).size;
}

/** 0..n-1 in a fixed random order (an Int32Array: the generator, not the importer, holds it). */
function* scattered(n: number): Generator<number> {
	const order = new Int32Array(n);
	for (let i = 0; i < n; i++) order[i] = i;
	let seed = 42;
	for (let i = n - 1; i > 0; i--) {
		seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
		const j = seed % (i + 1);
		const swap = order[i] as number;
		order[i] = order[j] as number;
		order[j] = swap;
	}
	yield* order;
}

const iso = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const start = Date.UTC(2024, 0, 1);
let bytes = 0;
bytes += await writeCsv(
	'ticket_data.csv',
	'id,_fivetran_synced,assignee_id,created_at,group_id,requester_id,status,submitter_id,via_channel',
	(function* () {
		for (let t = 0; t < tickets; t++) {
			yield `${t + 1},${iso(start + t * 60_000 + 86_400_000)},9,${iso(start + t * 60_000)},1,${100 + (t % 50_000)},solved,${100 + (t % 50_000)},email`;
		}
	})()
);
bytes += await writeCsv(
	'user_data.csv',
	'id,_fivetran_synced,email,name,role',
	(function* () {
		yield `9,${iso(start)},agent@example.com,Agent Nine,agent`;
		for (let u = 0; u < Math.min(tickets, 50_000); u++) {
			yield `${100 + u},${iso(start)},user${u}@example.com,User ${u},end-user`;
		}
	})()
);
bytes += await writeCsv(
	'ticket_comment_data.csv',
	'id,_fivetran_synced,body,created,public,ticket_id,user_id',
	(function* () {
		for (const c of scattered(tickets * perTicket)) {
			const t = Math.floor(c / perTicket);
			const k = c % perTicket;
			const author = k % 2 === 0 ? 100 + (t % 50_000) : 9;
			yield `${c + 1},${iso(start)},"Comment ${k} of ticket ${t + 1}, with a few words of text to make it look like one.",${iso(start + t * 60_000 + k * 30_000)},TRUE,${t + 1},${author}`;
		}
	})()
);

const dbDir = mkdtempSync(join(tmpdir(), 'parity-bench-db-'));
const dbPath = join(dbDir, 'bench.db');
const handle = openDatabase(dbPath);
seedDefaultBotRules(handle);
const heapBefore = process.memoryUsage().heapUsed;
let peakHeap = heapBefore;
const timer = setInterval(() => {
	peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}, 50);
const started = performance.now();
const [report] = await importFiles(handle, [dir]);
const seconds = (performance.now() - started) / 1000;
clearInterval(timer);
handle.close();

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
console.log(
	`zendesk-warehouse: ${tickets.toLocaleString('en')} tickets, ${(tickets * perTicket).toLocaleString('en')} comments (shuffled), ${mb(bytes)} of CSV`
);
console.log(
	`  ${report?.status}; records read ${report?.counts.recordsRead.toLocaleString('en')}, imported ${report?.counts.recordsImported.toLocaleString('en')}, messages ${report?.counts.messagesImported.toLocaleString('en')}`
);
console.log(
	`  ${seconds.toFixed(1)} s, ${Math.round((report?.counts.recordsRead ?? 0) / seconds).toLocaleString('en')} rows/s, ${(bytes / 1024 / 1024 / seconds).toFixed(1)} MB/s`
);
console.log(
	`  heap before ${mb(heapBefore)}, peak ${mb(peakHeap)}; max RSS ${mb(process.resourceUsage().maxRSS * 1024)}`
);
rmSync(dir, { recursive: true, force: true });
rmSync(dbDir, { recursive: true, force: true });
