import type { Channel } from '../../src/lib/domain/conversation';
import { openAppDatabase } from '../../src/lib/server/app';
import { RollupIndex } from '../../src/lib/server/analytics/cells';
import { loadCells } from '../../src/lib/server/db/repos/rollup-cells';
import {
	defaultDemoConfig,
	demoTruth,
	demoWeeks,
	explainFinding,
	loadDemo,
	type DemoConfig,
	type DemoTopic,
	type InjectedEffect,
	type InjectedRegression
} from '../../src/lib/server/demo/index';
import { Random } from '../../src/lib/server/demo/random';
import type { DetectionDataSet, EvaluatedChange } from './evaluate-detection';

/**
 * Detection data sets from the demo generator, through the real pipeline: conversations are
 * written as the demo writes them, imported, scored and rolled up into an in-memory database,
 * and the rollup cells are read back exactly as `parity report` reads them. A finding is
 * matched to what was injected by the demo's own rule (`explainFinding`, src/lib/server/demo/
 * truth.ts): same side, measure among those a failure moves, scope holding enough of the
 * injected segment, week within the injected span.
 */

export interface DemoChange extends EvaluatedChange {
	effect: InjectedEffect;
	/** AI-started CSAT in the segment before the change and while it lasts (top-2 share). */
	csatBefore: number | null;
	csatDuring: number | null;
	conversationsPerWeek: number;
}

export interface DemoScenario {
	name: string;
	/** The demo configuration of data set `i` (its seed, scale, weeks, regressions). */
	config(i: number): DemoConfig;
}

/** Chat topics big enough that, at scale 6, the AI starts 200+ conversations a week in them. */
const BIG_CHAT_TOPICS: DemoTopic[] = ['billing', 'refunds', 'payments', 'delivery'];

export const DEMO_EVAL = {
	weeks: 22,
	/** First evaluated week (0-based): 8 drift weeks after 8 reference weeks. */
	evalFrom: 15,
	endWeek: '2026-W30',
	scale: 6
};

/** One AI step of `size` added failure in a big chat topic, from a random week of the last six. */
export function aiStepScenario(seed: number, size: number, scale = DEMO_EVAL.scale): DemoScenario {
	return {
		name: `AI step of +${size} failure in one chat topic (scale ${scale})`,
		config: (i) => {
			const random = new Random(seed * 7919 + i);
			const topic = random.pick(BIG_CHAT_TOPICS);
			// first eval week + 2 .. the week before last: found within one week is possible
			const fromWeek = random.int(DEMO_EVAL.evalFrom + 2, DEMO_EVAL.weeks - 1);
			const regression: InjectedRegression = {
				name: `AI on chat · ${topic}`,
				segment: { handler: 'ai', channel: 'chat' as Channel, topic },
				fromWeek,
				kind: 'step',
				size
			};
			return defaultDemoConfig({
				seed: seed * 1000 + i,
				weeks: DEMO_EVAL.weeks,
				endWeek: DEMO_EVAL.endWeek,
				scale,
				regressions: [regression]
			});
		}
	};
}

export function nullScenario(seed: number, scale = DEMO_EVAL.scale): DemoScenario {
	return {
		name: `no injected change (scale ${scale})`,
		config: (i) =>
			defaultDemoConfig({
				seed: seed * 1000 + i,
				weeks: DEMO_EVAL.weeks,
				endWeek: DEMO_EVAL.endWeek,
				scale,
				regressions: []
			})
	};
}

/** The demo's own default regressions, in a longer run so that every week can be evaluated. */
export function defaultsScenario(seed: number, scale = 1): DemoScenario {
	return {
		name: `the demo's default regressions (scale ${scale})`,
		config: (i) =>
			defaultDemoConfig({
				seed: seed * 1000 + i,
				weeks: DEMO_EVAL.weeks,
				endWeek: DEMO_EVAL.endWeek,
				scale
			})
	};
}

function csatOf(index: RollupIndex, weeks: string[], effect: InjectedEffect): number | null {
	const scope = { channel: effect.segment.channel ?? null, topic: effect.segment.topic ?? null };
	const group = effect.segment.handler === 'human' ? 'human' : 'aiStarted';
	const sum = index.sum(weeks, group, scope);
	return sum.csatAnswered ? sum.csatTop2 / sum.csatAnswered : null;
}

export async function demoDataSet(config: DemoConfig): Promise<DetectionDataSet<DemoChange>> {
	const db = openAppDatabase(':memory:');
	try {
		const loaded = await loadDemo(db, config);
		const cells = loadCells(db, '0000-W01', '9999-W53');
		const index = new RollupIndex(cells);
		const weeks = demoWeeks(config);
		const truth = demoTruth(config);
		const changes: DemoChange[] = truth.map((effect) => {
			const start = effect.weeks[0]!;
			const scope = {
				channel: effect.segment.channel ?? null,
				topic: effect.segment.topic ?? null
			};
			const group = effect.segment.handler === 'human' ? 'human' : 'aiStarted';
			const before = weeks.slice(Math.max(0, weeks.indexOf(start) - 8), weeks.indexOf(start));
			return {
				effect,
				startWeek: start,
				answered: index.get(start, group, scope).csatAnswered,
				csatBefore: csatOf(index, before, effect),
				csatDuring: csatOf(index, effect.weeks, effect),
				conversationsPerWeek: index.sum(before, group, scope).conversations / before.length
			};
		});
		if (loaded.reports.some((report) => report.status === 'failed'))
			throw new Error(`demo import failed (seed ${config.seed})`);
		return {
			cells,
			weeks,
			changes,
			explain(finding) {
				const effect = explainFinding(finding, truth, cells);
				return effect ? (changes.find((change) => change.effect === effect) ?? null) : null;
			}
		};
	} finally {
		db.close();
	}
}
