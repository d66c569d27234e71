// Import throughput of canonical NDJSON with derivation (scores, repeat links, rollup
// refresh) on and off, on a demo data set: `npx tsx bench/derive.ts [--scale N] [--runs N]`.
// Prints wall-clock and CPU-time rates: on a shared machine the CPU figure is the steadier.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openAppDatabase } from '../src/lib/server/app';
import { defaultDemoConfig, writeDemo } from '../src/lib/server/demo/index';
import { drainChanges } from '../src/lib/server/derive/drain';
import { importFiles } from '../src/lib/server/ingest/service';

const { values } = parseArgs({
	options: {
		scale: { type: 'string', default: '4' },
		runs: { type: 'string', default: '2' },
		keep: { type: 'boolean', default: false }
	}
});
const scale = Number(values.scale);
const runs = Number(values.runs);
const dir = mkdtempSync(join(tmpdir(), 'parity-bench-derive-'));

function measure<T>(work: () => Promise<T>): Promise<{ result: T; wall: number; cpu: number }> {
	const cpu0 = process.cpuUsage();
	const wall0 = performance.now();
	return work().then((result) => {
		const cpu = process.cpuUsage(cpu0);
		return {
			result,
			wall: (performance.now() - wall0) / 1000,
			cpu: (cpu.user + cpu.system) / 1e6
		};
	});
}

const rate = (messages: number, seconds: number) =>
	`${Math.round(messages / seconds).toLocaleString('en')} msg/s`;

try {
	const generated = await measure(() =>
		writeDemo(defaultDemoConfig({ scale, endWeek: '2026-W10' }), dir)
	);
	const { files, messages, conversations } = generated.result;
	const bytes = files.reduce((sum, file) => sum + statSync(file.path).size, 0);
	console.log(
		`demo scale ${scale}: ${conversations.toLocaleString('en')} conversations, ${messages.toLocaleString('en')} messages, ` +
			`${(bytes / 1e6).toFixed(0)} MB NDJSON, generated in ${generated.wall.toFixed(1)} s`
	);
	for (let run = 1; run <= runs; run++) {
		for (const derive of [false, true]) {
			const dbPath = join(dir, `run-${run}-${derive ? 'on' : 'off'}.db`);
			const handle = openAppDatabase(dbPath);
			const imported = await measure(async () => {
				for (const file of files) {
					await importFiles(handle, [file.path], {
						source: file.source,
						format: 'canonical',
						derive
					});
				}
			});
			let line =
				`run ${run} derivation ${derive ? 'on ' : 'off'}: ${imported.wall.toFixed(1)} s wall ${rate(messages, imported.wall)}, ` +
				`${imported.cpu.toFixed(1)} s CPU ${rate(messages, imported.cpu)}`;
			if (!derive) {
				const catchUp = await measure(async () => drainChanges(handle));
				line += `; deriving afterwards: ${catchUp.wall.toFixed(1)} s wall, ${catchUp.cpu.toFixed(1)} s CPU`;
			}
			const cells = handle.sqlite.prepare('SELECT COUNT(*) AS n FROM rollup_weekly').get() as {
				n: number;
			};
			console.log(`${line} (${cells.n} rollup cells)`);
			handle.close();
		}
	}
} finally {
	if (!values.keep) rmSync(dir, { recursive: true, force: true });
	else console.log(`kept ${dir}`);
}
