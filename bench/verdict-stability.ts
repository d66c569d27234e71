/**
 * How steady the routing verdicts are, and how often they are right, with and without their
 * memory (src/lib/server/analytics/verdict-memory.ts).
 *
 *   npm run eval:verdicts [-- --datasets 40 --seed 1 --demo-seeds 10]
 *
 * Generates synthetic operations (analytics/simulate.ts) of 26 weeks with topics the size of
 * the demo's (about 75 conversations a week per side), realistic survey response rates, and
 * per segment an AI − human gap drawn at random, scaled by 0, ½ and 1 in turn (so that some
 * topics are level and some behind), and decides every topic's verdict in each of the last 14
 * weeks, as the weekly review does.
 * A topic's truth is its gap over all 26 weeks pooled (tens of thousands of conversations):
 * "behind" when the AI is behind by at least the minimum effect on a measure a verdict tests,
 * "level" when it is behind by less than half of one on every one of them, else "between".
 *
 * Prints per rule set: verdict changes per 100 topic-weeks, and for behind and level topics
 * the share of their weeks at each verdict. Memory should cut the changes and the wrong
 * verdicts' shares must not grow: "send to humans" on level topics, "at parity" on behind ones.
 *
 * `--demo-seeds N` does the same on the demo data set of seeds 1..N (its last 8 weeks),
 * generated, imported and scored through the real pipeline; there a topic's truth rests on
 * its 14 weeks, a few hundred conversations a side, and is rougher.
 */
import { parseArgs } from 'node:util';
import { addWeeks } from '../src/lib/domain/time';
import { RollupIndex } from '../src/lib/server/analytics/cells';
import { computeGap, usableAdjusted } from '../src/lib/server/analytics/gaps';
import { goodSign } from '../src/lib/server/analytics/measures';
import { detectRegressions, type Finding } from '../src/lib/server/analytics/regressions';
import {
	minEffectOf,
	monitoredMeasures,
	resolveSettings,
	type AnalyticsSettings,
	type AnalyticsSettingsInput
} from '../src/lib/server/analytics/settings';
import { DEFAULT_SIMULATION, simulate } from '../src/lib/server/analytics/simulate';
import { verdictsWithMemory } from '../src/lib/server/analytics/verdict-memory';
import { openAppDatabase } from '../src/lib/server/app';
import { loadCells } from '../src/lib/server/db/repos/rollup-cells';
import { setSetting } from '../src/lib/server/db/repos/settings';
import { defaultDemoConfig, loadDemo } from '../src/lib/server/demo/index';
import type { Verdict } from '../src/lib/server/analytics/verdicts';

const { values } = parseArgs({
	options: {
		datasets: { type: 'string', default: '40' },
		seed: { type: 'string', default: '1' },
		'demo-seeds': { type: 'string', default: '0' }
	}
});
const DATASETS = Number(values.datasets);
const SEED = Number(values.seed);
const WEEKS = 26;
const REVIEWED = 14;
const GAP_SCALES = [0, 0.5, 1];
const DEMO_END = '2026-W47';

const RULES: Array<[string, AnalyticsSettingsInput]> = [
	['no memory', { verdictMemoryWeeks: 0 }],
	['memory (default)', {}]
];

type Truth = 'behind' | 'level' | 'between';

function truthOf(
	index: RollupIndex,
	weeks: string[],
	topic: string,
	settings: AnalyticsSettings
): Truth {
	const scope = { channel: null, topic };
	let worst = -Infinity;
	for (const measure of monitoredMeasures(settings).filter((m) => m.appliesTo === 'all')) {
		const gap = computeGap(index, weeks, scope, measure, settings);
		const value = usableAdjusted(gap)?.gap ?? gap.gap;
		if (value === null) continue;
		worst = Math.max(worst, (-value * goodSign(measure)) / minEffectOf(settings, measure));
	}
	return worst >= 1 ? 'behind' : worst < 0.5 ? 'level' : 'between';
}

interface Tally {
	changes: number;
	transitions: number;
	byTruth: Record<Truth, Record<Verdict, number>>;
}

const empty = (): Record<Verdict, number> => ({ humans: 0, watch: 0, parity: 0 });
const newTallies = () =>
	new Map<string, Tally>(
		RULES.map(([name]) => [
			name,
			{ changes: 0, transitions: 0, byTruth: { behind: empty(), level: empty(), between: empty() } }
		])
	);
const tallies = newTallies();

/** Each topic's verdict in each reviewed week, under each rule set, into `into`. */
function tallyVerdicts(
	index: RollupIndex,
	weeks: string[],
	reviewed: string[],
	into: Map<string, Tally>
): void {
	for (const [name, input] of RULES) {
		const settings = resolveSettings(input);
		const tally = into.get(name)!;
		const findings = new Map<string, readonly Finding[]>();
		const findingsOf = (week: string) => {
			let found = findings.get(week);
			if (!found) {
				found = detectRegressions(index, week, settings).findings;
				findings.set(week, found);
			}
			return found;
		};
		const truth = new Map<string, Truth>();
		const previous = new Map<string, Verdict>();
		for (const week of reviewed) {
			for (const verdict of verdictsWithMemory(index, week, settings, findingsOf)) {
				let topicTruth = truth.get(verdict.topic);
				if (!topicTruth) {
					topicTruth = truthOf(index, weeks, verdict.topic, settings);
					truth.set(verdict.topic, topicTruth);
				}
				tally.byTruth[topicTruth][verdict.verdict]++;
				const before = previous.get(verdict.topic);
				if (before && addWeeks(week, -1) === reviewed[reviewed.indexOf(week) - 1]) {
					tally.transitions++;
					if (before !== verdict.verdict) tally.changes++;
				}
				previous.set(verdict.topic, verdict.verdict);
			}
		}
	}
}

const started = performance.now();
for (let i = 0; i < DATASETS; i++) {
	// Demo-sized topics (about 75 conversations a week per side) whose AI is level, halfway or
	// as far behind as simulate.ts draws it, in turn.
	const data = simulate({
		...DEFAULT_SIMULATION,
		seed: SEED * 100_000 + i,
		weeks: WEEKS,
		volume: { min: 10, max: 40 },
		aiGapScale: GAP_SCALES[i % GAP_SCALES.length]!
	});
	tallyVerdicts(new RollupIndex(data.cells), data.weeks, data.weeks.slice(-REVIEWED), tallies);
}

const pct = (part: number, whole: number) =>
	whole ? `${((part / whole) * 100).toFixed(1)}%` : '–';
console.log(
	`${DATASETS} operations of ${WEEKS} weeks (${DEFAULT_SIMULATION.topics.length} topics × ` +
		`${DEFAULT_SIMULATION.channels.length} channels, realistic response rates), verdicts of the last ` +
		`${REVIEWED} weeks; ${((performance.now() - started) / 1000).toFixed(1)} s\n`
);
function printTable(tallied: Map<string, Tally>): void {
	console.log(
		'| rules | changes / 100 topic-weeks | behind: humans | behind: watch | behind: parity | level: humans | level: watch | level: parity |'
	);
	console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
	for (const [name] of RULES) {
		const t = tallied.get(name)!;
		const share = (truth: Truth, verdict: Verdict) => {
			const row = t.byTruth[truth];
			return pct(row[verdict], row.humans + row.watch + row.parity);
		};
		console.log(
			`| ${name} | ${((t.changes / t.transitions) * 100).toFixed(1)} | ${share('behind', 'humans')} | ` +
				`${share('behind', 'watch')} | ${share('behind', 'parity')} | ${share('level', 'humans')} | ` +
				`${share('level', 'watch')} | ${share('level', 'parity')} |`
		);
	}
	const counts = tallied.get(RULES[0]![0])!.byTruth;
	const weeksOf = (truth: Truth) =>
		counts[truth].humans + counts[truth].watch + counts[truth].parity;
	console.log(
		`\ntopic-weeks: behind ${weeksOf('behind')}, level ${weeksOf('level')}, between ${weeksOf('between')}`
	);
}
printTable(tallies);

// The demo data set, imported and scored through the real pipeline, reviewed over its last
// 8 weeks (its topics' truth is their gap over its 14 weeks: a few hundred conversations).
const demoSeeds = Number(values['demo-seeds']);
if (demoSeeds > 0) {
	const demoTallies = newTallies();
	const demoStarted = performance.now();
	for (let seed = 1; seed <= demoSeeds; seed++) {
		const db = openAppDatabase(':memory:');
		try {
			setSetting(db, 'privacy.minimizeAtImport', false);
			await loadDemo(db, defaultDemoConfig({ endWeek: DEMO_END, seed }));
			const cells = loadCells(db, '0000-W01', DEMO_END);
			const weeks = [...new Set(cells.map((cell) => cell.week))].sort();
			tallyVerdicts(new RollupIndex(cells), weeks, weeks.slice(-8), demoTallies);
		} finally {
			db.close();
		}
	}
	console.log(
		`\nthe demo, seeds 1–${demoSeeds}, verdicts of its last 8 weeks; ` +
			`${((performance.now() - demoStarted) / 1000).toFixed(1)} s\n`
	);
	printTable(demoTallies);
}
