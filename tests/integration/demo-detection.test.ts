import { describe, expect, it } from 'vitest';
import type { RollupCell } from '../../src/lib/domain/rollup';
import {
	defaultReviewWeek,
	firstWeekNeeded,
	weeklyReview,
	type WeeklyReview
} from '../../src/lib/server/analytics/report';
import { loadCells, newestConversationStart } from '../../src/lib/server/db/repos/rollup-cells';
import { getSetting } from '../../src/lib/server/db/repos/settings';
import {
	defaultDemoConfig,
	explainFinding,
	loadDemo,
	type DemoConfig,
	type InjectedEffect
} from '../../src/lib/server/demo/index';
import { testDb } from '../helpers/db';

/**
 * The demo data set through the real pipeline (write, import, score, link repeat contacts,
 * roll up), reviewed as `parity report` reviews it: the findings must name every regression
 * the demo injected and nothing else. A finding is matched to what was injected by
 * `explainFinding` (src/lib/server/demo/truth.ts): the same side (AI-started, human, or the gap
 * in the direction the injection pushes it), a measure a failure moves, a week the injection
 * is in effect, and a scope of which at least a quarter of the conversations lie in the
 * injected segment or which holds at least half of the segment's conversations (an aggregate
 * it is part of). Both reviewed weeks lie inside both injections.
 */

const END = '2026-W47';
const BEFORE = '2026-W46';
/** A Wednesday in the week after the demo's last: the review's clock, fixed. */
const NOW = Date.UTC(2026, 10, 25, 12);

interface Reviewed {
	config: DemoConfig;
	truth: InjectedEffect[];
	cells: RollupCell[];
	/** The week `parity report` reviews without --week (the last, complete one). */
	byDefault: WeeklyReview;
	/** The week before it, the injected step's third week and the drift's seventh. */
	before: WeeklyReview;
}

async function reviewDemo(overrides: Partial<DemoConfig>): Promise<Reviewed> {
	const db = testDb();
	try {
		const config = defaultDemoConfig({ endWeek: END, ...overrides });
		const loaded = await loadDemo(db, config);
		expect(loaded.reports.every((report) => report.status !== 'failed')).toBe(true);
		const settings = { baselineWeeks: getSetting(db, 'regression.baselineWeeks') };
		const defaultWeek = defaultReviewWeek(newestConversationStart(db)!, config.zone, NOW);
		const cells = loadCells(db, firstWeekNeeded(BEFORE, settings), END);
		return {
			config,
			truth: loaded.truth,
			cells,
			byDefault: weeklyReview(cells, defaultWeek, settings),
			before: weeklyReview(cells, BEFORE, settings)
		};
	} finally {
		db.close();
	}
}

/** Findings no injected regression explains, and injected regressions no finding names. */
function compare(review: WeeklyReview, truth: InjectedEffect[], cells: RollupCell[]) {
	const findings = [...review.regressions, ...review.improvements];
	return {
		unexplained: findings
			.filter((finding) => explainFinding(finding, truth, cells) === null)
			.map((finding) => finding.summary),
		missed: truth
			.filter((effect) => effect.weeks.includes(review.week))
			.filter((effect) => !findings.some((f) => explainFinding(f, [effect], cells) === effect))
			.map((effect) => effect.regression),
		found: findings.length
	};
}

function expectExactly(demo: Reviewed) {
	for (const review of [demo.byDefault, demo.before]) {
		const result = compare(review, demo.truth, demo.cells);
		expect(result.unexplained, review.week).toEqual([]);
		expect(result.missed, review.week).toEqual([]);
	}
}

describe('the demo data set, reviewed', () => {
	it('names both injected regressions and nothing else (seed 7, the default)', async () => {
		const demo = await reviewDemo({ seed: 7 });
		expect(demo.truth.map((effect) => effect.regression)).toEqual([
			'AI on disputes gets worse',
			'human email team slowly falls behind'
		]);
		// `parity report` without --week reviews the demo's last week: its data reach Sunday
		expect(demo.byDefault.week).toBe(END);
		expectExactly(demo);
		// routing rests on outcomes both sides have: the AI on disputes is behind since the step
		const disputes = demo.byDefault.verdicts.find((verdict) => verdict.topic === 'disputes')!;
		expect(disputes.verdict).not.toBe('parity');
		for (const verdict of demo.byDefault.verdicts) {
			for (const evidence of verdict.evidence)
				expect(['csatPct', 'negativeEndRate', 'repeatRate']).toContain(evidence.measure);
		}
	}, 60_000);

	for (const seed of [1, 2]) {
		it(`names both and nothing else with seed ${seed}`, async () => {
			expectExactly(await reviewDemo({ seed }));
		}, 60_000);
	}

	it('finds nothing in a data set with nothing injected', async () => {
		const demo = await reviewDemo({ seed: 7, regressions: [] });
		expect(demo.truth).toEqual([]);
		expect(compare(demo.byDefault, demo.truth, demo.cells).found).toBe(0);
		expect(compare(demo.before, demo.truth, demo.cells).found).toBe(0);
	}, 60_000);
});
