// One import in its own process, so that its peak RSS is its own. Prints one JSON line.
import { readFileSync } from 'node:fs';
import { openAppDatabase } from '../../src/lib/server/app';
import { importFiles } from '../../src/lib/server/ingest/service';
import { rawFloorImport } from './floor';
import { schemaFloorImport } from './schema-floor';

const [mode, file, dbPath, format] = process.argv.slice(2);
if (!mode || !file || !dbPath)
	throw new Error('usage: run-import <parity|floor|schema-floor> <file|stored db> <db> [format]');

const started = process.hrtime.bigint();
let messages: number;
let records: number;
// The schema floor times its inserts alone: reading the stored rows back is not part of it.
let timedSeconds: number | null = null;
if (mode === 'parity') {
	const handle = openAppDatabase(dbPath);
	const [report] = await importFiles(handle, [file], {
		format,
		parallel: process.env.PARITY_PARALLEL !== 'off'
	});
	if (!report || report.status !== 'done') throw new Error(`import failed: ${report?.error}`);
	messages = report.counts.messagesImported;
	records = report.counts.recordsRead;
	handle.close();
} else if (mode === 'schema-floor') {
	({ messages, records, seconds: timedSeconds } = schemaFloorImport(file, dbPath));
} else {
	({ messages, records } = await rawFloorImport(file, dbPath));
}
const seconds = timedSeconds ?? Number(process.hrtime.bigint() - started) / 1e9;
const status = readFileSync('/proc/self/status', 'utf8');
const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
console.log(JSON.stringify({ mode, messages, records, seconds, peakRssMb: peakKb / 1024 }));
