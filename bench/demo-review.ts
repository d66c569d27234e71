/**
 * What the weekly review says on the demo data set, over many seeds: for each seed the demo
 * (14 weeks to 2026-W47, its default regressions) is written, imported, scored and rolled up
 * into an in-memory database, and each of the last `--weeks` weeks is reviewed as
 * `parity report --week` reviews it. Every finding is matched to the injections by the demo's
 * own rule (`explainFinding`, src/lib/server/demo/truth.ts); what no injection explains is a
 * false alarm, and an injection in effect that no finding names is missed.
 *
 *   npx tsx bench/demo-review.ts [--seeds 1-20] [--weeks 4] [--none] [--verbose]
 *
 * Prints per seed and week `found/unexplained/missed` (missed: A = the AI step, h = the human
 * drift), then totals for the default rules, for one BH family for the whole week (the default
 * before CSAT got its own), for no false-alarm cap, and for neither (BH alone).
 */
import { parseArgs } from 'node:util';
import { addWeeks } from '../src/lib/domain/time';
import { openAppDatabase } from '../src/lib/server/app';
import { weeklyReview } from '../src/lib/server/analytics/report';
import type { AnalyticsSettingsInput } from '../src/lib/server/analytics/settings';
import { loadCells } from '../src/lib/server/db/repos/rollup-cells';
import { setSetting } from '../src/lib/server/db/repos/settings';
import { defaultDemoConfig, explainFinding, loadDemo } from '../src/lib/server/demo/index';

const { values } = parseArgs({
	options: {
		seeds: { type: 'string', default: '1-20' },
		weeks: { type: 'string', default: '4' },
		none: { type: 'boolean', default: false },
		verbose: { type: 'boolean', default: false }
	}
});

function seedList(spec: string): number[] {
	return spec.split(',').flatMap((part) => {
		const [from, to] = part.split('-').map(Number);
		if (!Number.isInteger(from) || (to !== undefined && !Number.isInteger(to)))
			throw new Error(`--seeds 1-20 or 1,2,7, not ${spec}`);
		return to === undefined ? [from!] : Array.from({ length: to - from! + 1 }, (_, i) => from! + i);
	});
}

const END = '2026-W47';
const WEEKS = Number(values.weeks);
const RULES: Array<[string, AnalyticsSettingsInput]> = [
	['default', {}],
	['1 family', { separateFamilies: [] }],
	['no cap', { falseAlarmCap: null }],
	['BH alone', { separateFamilies: [], falseAlarmCap: null }]
];

interface Totals {
	found: number;
	unexplained: number;
	missed: number;
	weeks: number;
	lastExact: number;
	lastTwoExact: number;
}
const totals = new Map<string, Totals>();
const started = Date.now();
const seeds = seedList(values.seeds);

for (const seed of seeds) {
	const db = openAppDatabase(':memory:');
	try {
		setSetting(db, 'privacy.minimizeAtImport', false);
		const config = defaultDemoConfig({
			endWeek: END,
			seed,
			...(values.none ? { regressions: [] } : {})
		});
		const { truth } = await loadDemo(db, config);
		const cells = loadCells(db, '0000-W01', END);
		for (const [name, rules] of RULES) {
			const total = totals.get(name) ?? {
				found: 0,
				unexplained: 0,
				missed: 0,
				weeks: 0,
				lastExact: 0,
				lastTwoExact: 0
			};
			totals.set(name, total);
			const parts: string[] = [];
			const exact: boolean[] = [];
			for (let back = WEEKS - 1; back >= 0; back--) {
				const week = addWeeks(END, -back);
				const review = weeklyReview(cells, week, { baselineWeeks: 8, ...rules });
				const findings = [...review.regressions, ...review.improvements];
				const unexplained = findings.filter((f) => explainFinding(f, truth, cells) === null);
				const missed = truth
					.filter((effect) => effect.weeks.includes(week))
					.filter((effect) => !findings.some((f) => explainFinding(f, [effect], cells) === effect));
				total.found += findings.length;
				total.unexplained += unexplained.length;
				total.missed += missed.length;
				total.weeks++;
				exact.push(unexplained.length === 0 && missed.length === 0);
				const tags = missed.map((effect) => (effect.segment.handler === 'ai' ? 'A' : 'h'));
				parts.push(
					`${week.slice(6)}:${findings.length}/${unexplained.length}/${tags.join('') || '-'}`
				);
				if (values.verbose) for (const f of unexplained) parts.push(`\n      ${f.summary}`);
			}
			if (exact.at(-1)) total.lastExact++;
			if (exact.slice(-2).every(Boolean)) total.lastTwoExact++;
			console.log(`seed ${String(seed).padStart(3)}  ${name.padEnd(9)} ${parts.join('  ')}`);
		}
	} finally {
		db.close();
	}
}

console.log('');
for (const [name, t] of totals) {
	console.log(
		`${name.padEnd(9)} findings ${t.found}, unexplained ${t.unexplained} ` +
			`(${(t.unexplained / t.weeks).toFixed(2)} a week), injections missed ${t.missed}; ` +
			`last week exact for ${t.lastExact} of ${seeds.length} seeds, last two weeks for ${t.lastTwoExact}`
	);
}
console.log(`(${((Date.now() - started) / 1000).toFixed(0)} s)`);
