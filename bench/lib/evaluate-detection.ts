import { RollupIndex, scopeContains } from '../../src/lib/server/analytics/cells';
import type { MeasureId } from '../../src/lib/server/analytics/measures';
import { detectRegressions, type Finding } from '../../src/lib/server/analytics/regressions';
import {
	resolveSettings,
	type AnalyticsSettingsInput
} from '../../src/lib/server/analytics/settings';
import type { RollupCell } from '../../src/lib/domain/rollup';
import type {
	InjectableMeasure,
	Injection,
	SyntheticDataSet
} from '../../src/lib/server/analytics/simulate';

/**
 * Scores regression detection against data with known injected changes. A data set is rollup
 * cells, the changes injected into them (each with its first week) and a rule that says which
 * injected change, if any, explains a finding. The simulator's data sets (simulate.ts) and the
 * demo generator's (demo-datasets.ts, through the real import, scoring and rollups) are both
 * scored this way.
 */

export interface EvaluatedChange {
	startWeek: string;
	/** Answered CSAT surveys in the changed segment in its first week. */
	answered: number;
}

export interface DetectionDataSet<C extends EvaluatedChange = EvaluatedChange> {
	cells: RollupCell[];
	weeks: string[];
	changes: C[];
	/** The change a finding detects, or null: a false alarm. */
	explain(finding: Finding): C | null;
}

/** The findings that count as detecting an injected change of this measure. */
const DETECTED_BY: Record<InjectableMeasure, MeasureId[]> = {
	csatPct: ['csatPct'],
	endSentimentMean: ['endSentimentMean', 'negativeEndRate'],
	repeatRate: ['repeatRate'],
	escalationRate: ['escalationRate'],
	abandonmentRate: ['abandonmentRate'],
	frustrationRate: ['frustrationRate']
};

function matches(finding: Finding, injection: Injection): boolean {
	return (
		finding.worse &&
		finding.week >= injection.startWeek &&
		DETECTED_BY[injection.measure].includes(finding.measure) &&
		(finding.group === injection.group || finding.group === 'gap') &&
		scopeContains(finding.scope, injection)
	);
}

/** A simulator data set: a finding matches a change on its measure, side and scope. */
export function fromSimulation(
	data: SyntheticDataSet
): DetectionDataSet<EvaluatedChange & Injection> {
	const index = new RollupIndex(data.cells);
	const changes = data.injections.map((injection) => ({
		...injection,
		answered: index.get(injection.startWeek, injection.group, injection).csatAnswered
	}));
	return {
		cells: data.cells,
		weeks: data.weeks,
		changes,
		explain: (finding) => changes.find((change) => matches(finding, change)) ?? null
	};
}

export interface Metrics {
	injections: number;
	detectedWithinOne: number;
	detectedEver: number;
	/** Found within one week by a CSAT finding alone. */
	csatWithinOne: number;
	delays: number[];
	findings: number;
	falseFindings: number;
	segmentWeeks: number;
	tests: number;
	weeks: number;
	answeredPerWeek: number[];
}

export function evaluate(
	datasets: readonly DetectionDataSet[],
	settingsInput: AnalyticsSettingsInput,
	/** Index of the first week detection runs on (earlier weeks are history only). */
	evalFrom: number
): Metrics {
	const settings = resolveSettings(settingsInput);
	const metrics: Metrics = {
		injections: 0,
		detectedWithinOne: 0,
		detectedEver: 0,
		csatWithinOne: 0,
		delays: [],
		findings: 0,
		falseFindings: 0,
		segmentWeeks: 0,
		tests: 0,
		weeks: 0,
		answeredPerWeek: []
	};
	for (const data of datasets) {
		const index = new RollupIndex(data.cells);
		const evalWeeks = data.weeks.slice(evalFrom);
		const firstDetection = new Map<EvaluatedChange, string>();
		const firstByCsat = new Map<EvaluatedChange, string>();
		for (const week of evalWeeks) {
			const detection = detectRegressions(index, week, settings);
			metrics.tests += detection.tests;
			metrics.weeks++;
			metrics.segmentWeeks += 2 * index.channelTopics.length;
			for (const finding of detection.findings) {
				metrics.findings++;
				const change = data.explain(finding);
				if (!change) {
					metrics.falseFindings++;
					continue;
				}
				if (!firstDetection.has(change)) firstDetection.set(change, week);
				if (finding.measure === 'csatPct' && !firstByCsat.has(change))
					firstByCsat.set(change, week);
			}
		}
		for (const change of data.changes) {
			metrics.injections++;
			metrics.answeredPerWeek.push(change.answered);
			const start = data.weeks.indexOf(change.startWeek);
			const byCsat = firstByCsat.get(change);
			if (byCsat !== undefined && data.weeks.indexOf(byCsat) - start <= 1) metrics.csatWithinOne++;
			const found = firstDetection.get(change);
			if (found === undefined) continue;
			const delay = data.weeks.indexOf(found) - start;
			metrics.detectedEver++;
			metrics.delays.push(delay);
			if (delay <= 1) metrics.detectedWithinOne++;
		}
	}
	return metrics;
}
