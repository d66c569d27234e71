/**
 * Why a CSAT −10 pts step was missed within a week, data set by data set: the same data sets
 * as eval-detection.ts's "every conversation surveyed and answered" (`--scenario all`) or
 * "1200–1600 AI conversations a week" (`--scenario big`) scenario, and for the change's first
 * and second week the CSAT tests that could have found it (AI side or gap, a scope holding the
 * changed segment), best first, with n, values, effect, p, q, an approximate z, the size of
 * CSAT's BH family, how many tests BH rejected in it, and whether the default rules found it.
 *
 *   npx tsx bench/diagnose-detection.ts [--scenario all|big] [--datasets 60] [--verbose]
 */
import { parseArgs } from 'node:util';
import { RollupIndex, scopeContains, scopeLevel } from '../src/lib/server/analytics/cells';
import { runTests, shiftWeek } from '../src/lib/server/analytics/regression-tests';
import { detectRegressions } from '../src/lib/server/analytics/regressions';
import { resolveSettings } from '../src/lib/server/analytics/settings';
import { DEFAULT_SIMULATION, rng, simulate } from '../src/lib/server/analytics/simulate';
import { benjaminiHochberg } from '../src/lib/server/analytics/stats';

const { values } = parseArgs({
	options: {
		scenario: { type: 'string', default: 'all' },
		datasets: { type: 'string', default: '60' },
		verbose: { type: 'boolean', default: false }
	}
});

const EVAL_FROM = 15;
function options(seed: number, big: boolean) {
	const random = rng(seed * 7919 + 17);
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
	const channel = pick(DEFAULT_SIMULATION.channels);
	const topic = pick(DEFAULT_SIMULATION.topics);
	const start = EVAL_FROM + 2 + Math.floor(random() * (26 - EVAL_FROM - 2 - 1 - 1));
	const volume = big ? [1200, 1600] : [200, 400];
	return {
		seed,
		volumeOverrides: [
			{ channel, topic, aiStarted: volume[0]! + Math.round(random() * (volume[1]! - volume[0]!)) }
		],
		injections: [
			{
				group: 'aiStarted' as const,
				channel,
				topic,
				measure: 'csatPct' as const,
				delta: -0.1,
				rampWeeks: 1,
				startWeek: `2026-W${String(start + 1).padStart(2, '0')}`
			}
		],
		...(big ? {} : { responseScale: 10 })
	};
}

const settings = resolveSettings({});
const big = values.scenario === 'big';
let within = 0;
const n = Number(values.datasets);
for (let i = 0; i < n; i++) {
	const data = simulate(options(100_000 + i, big));
	const inj = data.injections[0]!;
	const index = new RollupIndex(data.cells);
	const lines: string[] = [];
	let found: string | null = null;
	for (const week of [inj.startWeek, shiftWeek(inj.startWeek, 1)]) {
		const tested = runTests(index, week, settings);
		// q as detectRegressions computes it (two-sided): BH within each family of the week
		const familyOf = (measure: string) =>
			settings.separateFamilies.includes(measure as never) ? measure : '';
		const q = new Array<number>(tested.outcomes.length);
		for (const family of new Set(tested.outcomes.map((o) => familyOf(o.measure)))) {
			const members = tested.outcomes.flatMap((o, j) =>
				familyOf(o.measure) === family ? [j] : []
			);
			benjaminiHochberg(members.map((j) => tested.outcomes[j]!.p)).forEach(
				(value, k) => (q[members[k]!] = value)
			);
		}
		const m =
			tested.outcomes.filter((o) => familyOf(o.measure) === 'csatPct').length ||
			tested.outcomes.length;
		const detection = detectRegressions(index, week, settings);
		const hit = detection.findings.find(
			(f) =>
				f.worse &&
				f.measure === 'csatPct' &&
				(f.group === 'aiStarted' || f.group === 'gap') &&
				scopeContains(f.scope, inj)
		);
		if (hit && !found) found = week;
		const rejected = q.filter((x) => x <= 0.05).length;
		const relevant = tested.outcomes
			.map((o, j) => ({ o, q: q[j]! }))
			.filter(
				({ o }) =>
					o.measure === 'csatPct' &&
					(o.group === 'aiStarted' || o.group === 'gap') &&
					scopeContains(o.scope, inj)
			)
			.sort((a, b) => a.o.p - b.o.p);
		lines.push(
			`  ${week} m=${m} BH-rejected=${rejected} 0.05/m=${(0.05 / m).toExponential(1)} found=${hit ? `${hit.kind}/${scopeLevel(hit.scope)}` : 'no'}`
		);
		for (const { o, q: qq } of relevant.slice(0, values.verbose ? 8 : 3)) {
			lines.push(
				`     ${o.kind.padEnd(8)} ${o.group.padEnd(9)} ${scopeLevel(o.scope).padEnd(12)} n=${o.current.n}/${o.baseline.n} ` +
					`cur=${(100 * o.current.value).toFixed(1)} base=${(100 * o.baseline.value).toFixed(1)} ` +
					`eff=${(100 * o.effect).toFixed(1)} p=${o.p.toExponential(2)} q=${qq.toFixed(3)} z≈${(o.effect / ((o.ci.hi - o.ci.lo) / 3.92)).toFixed(2)}`
			);
		}
	}
	if (found) within++;
	console.log(
		`${i} ${inj.channel}·${inj.topic} start ${inj.startWeek} ${found ? 'FOUND ' + found : 'MISSED'}`
	);
	if (!found || values.verbose) console.log(lines.join('\n'));
}
console.log(`within one week: ${within} of ${n}`);
