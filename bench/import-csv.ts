/**
 * Throughput and memory of the CSV importer on generated files: one message per row with
 * day-first dates (so the whole-file date pass runs), the same with ISO dates (no second
 * pass), and one transcript per row. Prints figures; asserts nothing.
 *
 *   npx tsx bench/import-csv.ts [rows=200000]
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/lib/server/db/client';
import { seedDefaultBotRules } from '../src/lib/server/db/repos/bot-rules';
import { importFiles } from '../src/lib/server/ingest/service';

const rows = Number(process.argv[2] ?? 200_000);
const dir = mkdtempSync(join(tmpdir(), 'parity-bench-csv-'));

const TEXTS = [
	'Hi, I was charged twice for my subscription this month, can you refund one of them?',
	"I'm sorry about that! I can see two payments; I've refunded the duplicate.",
	'The app logs me out every time I open it since the last update.',
	'Thanks, that fixed it. Have a good day!'
];
const ROLES = ['customer', 'bot', 'customer', 'agent'];

function pad(n: number) {
	return String(n).padStart(2, '0');
}

function messagesFile(name: string, dayFirst: boolean): string {
	const lines = ['ticket_id,created_at,author_type,author_name,body,channel,customer_email,csat'];
	for (let i = 0; i < rows; i++) {
		const ticket = Math.floor(i / 4);
		const day = 1 + (ticket % 28);
		const minute = i % 60;
		const at = dayFirst
			? `${pad(day)}/03/2026 10:${pad(minute)}`
			: `2026-03-${pad(day)}T10:${pad(minute)}:00Z`;
		const k = i % 4;
		lines.push(
			`T${ticket},${at},${ROLES[k]},${k === 1 ? 'Ava' : k === 3 ? 'Sam Lee' : 'Customer'},"${TEXTS[k]}",chat,c${ticket % 5000}@example.com,${k === 3 ? 4 : ''}`
		);
	}
	const path = join(dir, name);
	writeFileSync(path, lines.join('\n') + '\n');
	return path;
}

function transcriptFile(name: string): string {
	const lines = ['chat_id,started_at,customer_name,transcript,rating'];
	for (let i = 0; i < rows / 4; i++) {
		const transcript = [
			`[10:02] Customer: ${TEXTS[0]}`,
			`[10:02] Bot: ${TEXTS[1]}`,
			`[10:05] Customer: ${TEXTS[2]}`,
			`[10:09] Agent Sam: ${TEXTS[3]}`
		].join('\n');
		lines.push(`C${i},2026-03-${pad(1 + (i % 28))} 10:01:00,Ana Silva,"${transcript}",5`);
	}
	const path = join(dir, name);
	writeFileSync(path, lines.join('\n') + '\n');
	return path;
}

async function measure(label: string, path: string) {
	// A database file, so that the figures show the importer's memory, not the database's.
	const handle = openDatabase(join(dir, `${label.split(',')[0]}-${Date.now()}.db`));
	seedDefaultBotRules(handle);
	let peak = 0;
	let peakHeap = 0;
	const sample = () => {
		const usage = process.memoryUsage();
		peak = Math.max(peak, usage.rss);
		peakHeap = Math.max(peakHeap, usage.heapUsed);
	};
	const timer = setInterval(sample, 50);
	const started = performance.now();
	const [report] = await importFiles(handle, [path]);
	const seconds = (performance.now() - started) / 1000;
	clearInterval(timer);
	sample();
	const mb = statSync(path).size / 1e6;
	const counts = report?.counts;
	console.log(
		`${label.padEnd(34)} ${mb.toFixed(1).padStart(6)} MB  ${String(counts?.recordsRead).padStart(8)} rows  ` +
			`${seconds.toFixed(1).padStart(5)} s  ${Math.round((counts?.recordsRead ?? 0) / seconds)
				.toLocaleString('en')
				.padStart(
					8
				)} rows/s  ${(mb / seconds).toFixed(1).padStart(5)} MB/s  peak RSS ${Math.round(peak / 1e6)} MB, heap ${Math.round(peakHeap / 1e6)} MB` +
			`  (${counts?.conversationsCreated} conversations, ${counts?.recordsRejected} rejected)`
	);
	handle.close();
}

try {
	await measure('messages, d/m/y (two passes)', messagesFile('dmy.csv', true));
	await measure('messages, ISO dates (one pass)', messagesFile('iso.csv', false));
	await measure('transcripts (4 turns per row)', transcriptFile('transcripts.csv'));
} finally {
	rmSync(dir, { recursive: true, force: true });
}
