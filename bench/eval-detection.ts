/**
 * How well regression detection finds changes it should, and how often it cries wolf.
 *
 *   npm run eval:detection [-- --datasets 60 --seed 1 --quick --only 'null|1200' --rules 'default|one']
 *   npm run eval:detection -- --source demo [--datasets 12 --size 0.25 --scale 6]
 *
 * Generates synthetic rollups (src/lib/server/analytics/simulate.ts) with and without injected
 * changes of known size, runs detectRegressions week by week, and prints per scenario and rule
 * set: recall within one week of the change (delay ≤ 1), recall by the end of the run, median
 * delay, false alarms per 100 segment-weeks (a segment = handler group × channel × topic) and
 * the realised false discovery proportion. `--only` and `--rules` keep the scenarios and rule
 * sets whose names hold one of the `|`-separated parts.
 *
 * `--source demo` evaluates the demo generator's data instead (bench/lib/demo-datasets.ts):
 * conversations written, imported, scored and rolled up through the real pipeline, with an
 * AI step injected into one chat topic big enough for 200+ AI conversations a week, and
 * findings matched to it by the demo's own rule.
 */
import { parseArgs } from 'node:util';
import {
	aiStepScenario,
	DEMO_EVAL,
	defaultsScenario,
	demoDataSet,
	nullScenario,
	type DemoScenario
} from './lib/demo-datasets';
import {
	evaluate,
	fromSimulation,
	type DetectionDataSet,
	type Metrics
} from './lib/evaluate-detection';
import type { MeasureId } from '../src/lib/server/analytics/measures';
import type { AnalyticsSettingsInput } from '../src/lib/server/analytics/settings';
import {
	DEFAULT_SIMULATION,
	rng,
	simulate,
	type InjectableMeasure,
	type SimulationOptions
} from '../src/lib/server/analytics/simulate';

const { values } = parseArgs({
	options: {
		datasets: { type: 'string' },
		seed: { type: 'string', default: '1' },
		quick: { type: 'boolean', default: false },
		only: { type: 'string' },
		rules: { type: 'string' },
		source: { type: 'string', default: 'simulate' },
		size: { type: 'string', default: '0.2' },
		scale: { type: 'string', default: String(DEMO_EVAL.scale) }
	}
});
const DEMO = values.source === 'demo';
if (!DEMO && values.source !== 'simulate')
	throw new Error(`--source simulate|demo, not ${values.source}`);
const DATASETS = Number(values.datasets ?? (DEMO ? 12 : 60));
const SEED = Number(values.seed);
/** First evaluated week: 8 drift weeks after 8 reference weeks. */
const EVAL_FROM = 15;

interface Scenario {
	name: string;
	options: (seed: number) => Partial<SimulationOptions>;
}

/** One AI-started channel × topic with 200–400 conversations a week changes at a random week. */
function injected(
	measure: InjectableMeasure,
	delta: number,
	rampWeeks: number,
	extra: Partial<SimulationOptions> = {},
	volume: [number, number] = [200, 400]
): Scenario['options'] {
	return (seed) => {
		const random = rng(seed * 7919 + 17);
		const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
		const channel = pick(DEFAULT_SIMULATION.channels);
		const topic = pick(DEFAULT_SIMULATION.topics);
		const weeks = DEFAULT_SIMULATION.weeks;
		const start = EVAL_FROM + 2 + Math.floor(random() * (weeks - EVAL_FROM - 2 - rampWeeks - 1));
		return {
			seed,
			volumeOverrides: [
				{ channel, topic, aiStarted: volume[0] + Math.round(random() * (volume[1] - volume[0])) }
			],
			injections: [
				{
					group: 'aiStarted',
					channel,
					topic,
					measure,
					delta,
					rampWeeks,
					startWeek: `2026-W${String(start + 1).padStart(2, '0')}`
				}
			],
			...extra
		};
	};
}

const ALL_ANSWER = { responseScale: 10 };

const SCENARIOS: Scenario[] = [
	{ name: 'null (no change), realistic survey response', options: (seed) => ({ seed }) },
	{
		name: 'null, weekly rates wobble ±1 pt (sd)',
		options: (seed) => ({ seed, jitter: 0.01 })
	},
	{ name: 'CSAT −10 pts step, realistic response', options: injected('csatPct', -0.1, 1) },
	{
		name: 'CSAT −10 pts step, every conversation surveyed and answered',
		options: injected('csatPct', -0.1, 1, ALL_ANSWER)
	},
	{
		name: 'CSAT −10 pts step, realistic response, 1200–1600 AI conversations a week',
		options: injected('csatPct', -0.1, 1, {}, [1200, 1600])
	},
	{ name: 'CSAT −10 pts slide over 6 weeks, realistic', options: injected('csatPct', -0.1, 6) },
	{
		name: 'end sentiment −0.10 step (moves "ended negative" ≈ 10 pts)',
		options: injected('endSentimentMean', -0.1, 1)
	},
	{ name: 'repeat contact +5 pts step', options: injected('repeatRate', 0.05, 1) },
	{ name: 'escalation +10 pts step', options: injected('escalationRate', 0.1, 1) }
];

const PER_MEASURE: MeasureId[] = [
	'csatPct',
	'negativeEndRate',
	'repeatRate',
	'escalationRate',
	'abandonmentRate'
];

const CSAT_ONLY = {
	negativeEndRate: false,
	repeatRate: false,
	escalationRate: false,
	abandonmentRate: false,
	frustrationRate: false
};

/**
 * The default first; then the default before CSAT got a family of its own (one family for the
 * week), then the default with one thing changed at a time.
 */
const ONE_FAMILY: AnalyticsSettingsInput = { separateFamilies: [] };
const RULES: Array<{ name: string; settings: AnalyticsSettingsInput }> = [
	{ name: 'default: CSAT its own family, q ≤ .05, p ≤ 0.25/m', settings: {} },
	{ name: 'one family for the week (the default before)', settings: ONE_FAMILY },
	{
		name: 'one family, no cap (BH alone, the default before that)',
		settings: { ...ONE_FAMILY, falseAlarmCap: null }
	},
	{ name: 'every measure its own family', settings: { separateFamilies: PER_MEASURE } },
	{ name: 'one-sided (harm and improvement families)', settings: { oneSided: true } },
	{ name: 'no cap', settings: { falseAlarmCap: null } },
	{ name: 'q ≤ .10', settings: { fdr: 0.1 } },
	{ name: 'q ≤ .20', settings: { fdr: 0.2 } },
	{ name: 'without the two-week window', settings: { recentWeeks: 0 } },
	{
		name: 'this week vs baseline only',
		settings: { recentWeeks: 0, gapChange: false, drift: { enabled: false } }
	},
	{ name: 'channel × topic segments only', settings: { levels: ['channelTopic'] } },
	{ name: 'CSAT the only monitored measure', settings: { monitored: CSAT_ONLY } },
	{ name: 'q ≤ .20, CSAT only', settings: { fdr: 0.2, monitored: CSAT_ONLY } }
];

const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(0)}%` : '–');
const median = (xs: number[]) => {
	if (xs.length === 0) return NaN;
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

function row(name: string, m: Metrics): string {
	const recallOne = m.injections ? pct(m.detectedWithinOne / m.injections) : '  –';
	const recallAll = m.injections ? pct(m.detectedEver / m.injections) : '  –';
	const recallCsat = m.injections ? pct(m.csatWithinOne / m.injections) : '  –';
	const delay = m.injections ? median(m.delays).toString() : '–';
	const fa = ((100 * m.falseFindings) / m.segmentWeeks).toFixed(2);
	const fdp = m.findings ? pct(m.falseFindings / m.findings) : '–';
	return [
		name.padEnd(56),
		recallOne.padStart(8),
		recallAll.padStart(8),
		recallCsat.padStart(9),
		delay.padStart(6),
		fa.padStart(9),
		fdp.padStart(6),
		String(Math.round(m.tests / Math.max(1, m.weeks))).padStart(7)
	].join('');
}

const started = Date.now();
/** `--only a|b`, `--rules a|b`: scenarios, rule sets whose name holds one of the parts. */
const picked = (name: string, filter: string | undefined) =>
	!filter || filter.split('|').some((part) => name.includes(part));
const rules = (values.quick ? RULES.slice(0, 1) : RULES).filter((r) =>
	picked(r.name, values.rules)
);
const header = [
	'rule set'.padEnd(56),
	'≤1 wk'.padStart(8),
	'ever'.padStart(8),
	'CSAT ≤1wk'.padStart(9),
	'delay'.padStart(6),
	'FA/100sw'.padStart(9),
	'FDP'.padStart(6),
	'tests'.padStart(7)
].join('');

function report(
	name: string,
	datasets: DetectionDataSet[],
	evalFrom: number,
	extra: string[] = []
) {
	console.log(`\n## ${name}`);
	const answered = datasets.flatMap((d) => d.changes.map((change) => change.answered));
	if (answered.length)
		console.log(
			`   answered CSAT surveys in the changed segment, median per week: ${median(answered)}`
		);
	for (const line of extra) console.log(`   ${line}`);
	console.log(header);
	for (const rule of rules)
		console.log(row(rule.name, evaluate(datasets, rule.settings, evalFrom)));
}

if (DEMO) {
	const scale = Number(values.scale);
	const scenarios: DemoScenario[] = [
		nullScenario(SEED, scale),
		aiStepScenario(SEED, Number(values.size), scale),
		defaultsScenario(SEED)
	];
	console.log(
		`Detection evaluation on demo data: ${DATASETS} data sets per scenario, seed ${SEED}; ` +
			`${DEMO_EVAL.weeks} weeks through import, scoring and rollups, detection run on the last ` +
			`${DEMO_EVAL.weeks - DEMO_EVAL.evalFrom}.`
	);
	for (const scenario of scenarios.filter((s) => picked(s.name, values.only))) {
		const datasets = [];
		for (let i = 0; i < DATASETS; i++) datasets.push(await demoDataSet(scenario.config(i)));
		const changes = datasets.flatMap((d) => d.changes);
		const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
		const drops = changes
			.filter((c) => c.csatBefore !== null && c.csatDuring !== null)
			.map((c) => c.csatDuring! - c.csatBefore!);
		const extra = changes.length
			? [
					`changed segment: median ${median(changes.map((c) => Math.round(c.conversationsPerWeek)))} conversations a week; ` +
						`CSAT while changed − before, mean over data sets: ${(100 * mean(drops)).toFixed(1)} pts`
				]
			: [];
		report(scenario.name, datasets, DEMO_EVAL.evalFrom, extra);
	}
} else {
	console.log(
		`Detection evaluation: ${DATASETS} data sets per scenario, seed ${SEED}; ` +
			`${DEFAULT_SIMULATION.channels.length} channels × ${DEFAULT_SIMULATION.topics.length} topics, ` +
			`${DEFAULT_SIMULATION.weeks} weeks, detection run on the last ${DEFAULT_SIMULATION.weeks - EVAL_FROM}.`
	);
	for (const scenario of SCENARIOS.filter((s) => picked(s.name, values.only))) {
		const datasets = Array.from({ length: DATASETS }, (_, i) =>
			fromSimulation(simulate(scenario.options(SEED * 100_000 + i)))
		);
		report(scenario.name, datasets, EVAL_FROM);
	}
}
console.log(`\n(${((Date.now() - started) / 1000).toFixed(0)} s)`);
