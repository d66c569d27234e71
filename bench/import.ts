// npm run bench:import [-- --conversations N] [--keep]
// Generates N conversations as canonical NDJSON and as one-message-per-row CSV, imports each
// into a fresh database in its own process (Parity's imports with the CLI's V8 options, the
// floors with V8's defaults), and prints messages/s, peak RSS and database size, beside the
// floor: the same NDJSON inserted with raw prepared statements.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CLI_NODE_FLAGS } from '../src/lib/server/paths';
import { writeCanonicalNdjson, writeMessageCsv } from './lib/generate';

const { values } = parseArgs({
	options: {
		conversations: { type: 'string', default: '200000' },
		keep: { type: 'boolean', default: false }
	}
});
const count = Number(values.conversations);
const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'bench', 'out');
mkdirSync(out, { recursive: true });

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
const ndjsonPath = join(out, `bench-${count}.ndjson`);
const csvPath = join(out, `bench-${count}.csv`);
if (!existsSync(ndjsonPath)) await writeCanonicalNdjson(ndjsonPath, count);
if (!existsSync(csvPath)) await writeMessageCsv(csvPath, count);
console.log(
	`input: ${count.toLocaleString('en')} conversations; NDJSON ${mb(statSync(ndjsonPath).size)}, CSV ${mb(statSync(csvPath).size)}`
);

function run(
	mode: 'parity' | 'floor' | 'schema-floor',
	file: string,
	format?: string,
	keep = values.keep
) {
	const db = join(out, `bench-${mode}-${format ?? 'auto'}.db`);
	for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
	const output = execFileSync(
		process.execPath,
		[
			// The floors run with V8's defaults: the schema floor holds every stored row in memory.
			...(mode === 'parity' ? CLI_NODE_FLAGS : []),
			'--import',
			'tsx',
			join(root, 'bench/lib/run-import.ts'),
			mode,
			file,
			db,
			...(format ? [format] : [])
		],
		{ encoding: 'utf8', env: { ...process.env, PARITY_DEMO: 'off' }, maxBuffer: 1 << 24 }
	);
	const result = JSON.parse(output.trim().split('\n').pop() ?? '{}') as {
		messages: number;
		seconds: number;
		peakRssMb: number;
	};
	const size = statSync(db).size + (existsSync(db + '-wal') ? statSync(db + '-wal').size : 0);
	if (!keep) for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
	return { ...result, db, rate: result.messages / result.seconds, dbBytes: size };
}

const parityNdjson = run('parity', ndjsonPath, undefined, true);
// The rows that import stored, inserted again with nothing in front of the tables.
const schemaFloor = run('schema-floor', parityNdjson.db);
if (!values.keep)
	for (const suffix of ['', '-wal', '-shm']) rmSync(parityNdjson.db + suffix, { force: true });
const rows: Array<[string, ReturnType<typeof run>]> = [
	['parity NDJSON', parityNdjson],
	['floor NDJSON (raw inserts)', run('floor', ndjsonPath)],
	["floor of Parity's schema (stored rows inserted again)", schemaFloor]
];
try {
	rows.push(['parity CSV', run('parity', csvPath, 'csv')]);
} catch (error) {
	console.log(`CSV: not measured (${(error as Error).message.split('\n')[0]})`);
}

console.log('\n| import | messages | seconds | messages/s | peak RSS | database |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const [name, r] of rows) {
	// The schema floor holds every stored row in memory before it starts: its RSS says nothing.
	const rss = r === schemaFloor ? '–' : `${r.peakRssMb.toFixed(0)} MB`;
	console.log(
		`| ${name} | ${r.messages.toLocaleString('en')} | ${r.seconds.toFixed(1)} | ${Math.round(r.rate).toLocaleString('en')} | ${rss} | ${mb(r.dbBytes)} |`
	);
}
const parity = rows[0]?.[1];
const floor = rows[1]?.[1];
if (parity && floor)
	console.log(
		`\nParity NDJSON reaches ${((parity.rate / floor.rate) * 100).toFixed(0)}% of the raw-insert floor` +
			` and ${((parity.rate / schemaFloor.rate) * 100).toFixed(0)}% of its own schema's floor, where inserting` +
			` the stored rows alone, on one thread, runs at ${Math.round(schemaFloor.rate).toLocaleString('en')} messages/s.`
	);
