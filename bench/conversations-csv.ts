// npm run bench:conversations-csv [-- --scale 16]
// The transcript list's CSV download (dashboard/conversations-csv.ts) on a demo database of
// `scale` × ~12k conversations, built in a temporary folder: for a few filters and an order, the rows
// written, seconds, rows/s and MB, and the largest resident memory seen while streaming (the
// download should hold one page, so it should not grow with the list).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseConversationQuery } from '../src/lib/domain/conversation-filters';
import { openAppDatabase } from '../src/lib/server/app';
import { listConversations } from '../src/lib/server/dashboard/conversations';
import { conversationsCsvLines } from '../src/lib/server/dashboard/conversations-csv';
import { importDemo } from './lib/demo-database';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '16' } } });
const scale = Number(values.scale);
const dir = mkdtempSync(join(tmpdir(), 'parity-bench-csv-'));
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

try {
	const handle = openAppDatabase(join(dir, 'parity.db'));
	const written = await importDemo(handle, scale, dir);
	console.log(
		`demo scale ${scale}: ${written.conversations.toLocaleString('en')} conversations, ${written.messages.toLocaleString('en')} messages\n`
	);
	// The page an ordered list shows (its first 50) sorts every match: its cost, list by list.
	for (const query of ['order=first-response', 'week=2026-W47&order=first-response']) {
		const { filters } = parseConversationQuery(new URLSearchParams(query));
		const started = performance.now();
		const list = listConversations(handle, filters);
		console.log(
			`page ${query}: ${list.rows.length} of ${list.count.toLocaleString('en')} in ${(performance.now() - started).toFixed(0)} ms`
		);
	}
	console.log('');
	console.log('| download | rows | seconds | rows/s | MB | RSS before → max while streaming |');
	console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
	for (const [name, query] of [
		['every conversation', ''],
		['one week, AI-started', 'week=2026-W47&handler=ai,hybrid'],
		['CSAT not satisfied, all weeks', 'csat=low'],
		['frustrated AI chats, all weeks', 'handler=ai,hybrid&channel=chat&subset=frustrated'],
		['a text search', 'q=refund'],
		['every conversation, slowest first reply first', 'order=first-response']
	] as const) {
		const { filters } = parseConversationQuery(new URLSearchParams(query));
		global.gc?.();
		const before = process.memoryUsage().rss;
		let peak = before;
		let rows = -1; // the header
		let bytes = 0;
		const started = performance.now();
		for (const chunk of conversationsCsvLines(handle, filters, 'https://parity.example.com')) {
			bytes += Buffer.byteLength(chunk);
			rows += chunk.split('\r\n').length - 1;
			peak = Math.max(peak, process.memoryUsage().rss);
		}
		const seconds = (performance.now() - started) / 1000;
		console.log(
			`| ${name} | ${rows.toLocaleString('en')} | ${seconds.toFixed(2)} | ${Math.round(rows / seconds).toLocaleString('en')} | ${mb(bytes)} | ${mb(before)} → ${mb(peak)} MB |`
		);
	}
	handle.close();
} finally {
	rmSync(dir, { recursive: true, force: true });
}
