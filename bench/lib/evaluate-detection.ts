import { RollupIndex, scopeContains } from '../../src/lib/server/analytics/cells';
import type { MeasureId } from '../../src/lib/server/analytics/measures';
import { detectRegressions, type Finding } from '../../src/lib/server/analytics/regressions';
import {
	resolveSettings,
	type AnalyticsSettingsInput
} from '../../src/lib/server/analytics/settings';
import type {
	InjectableMeasure,
	Injection,
	SyntheticDataSet
} from '../../src/lib/server/analytics/simulate';

/**
 * Scores regression detection against data with known injected changes. Any generator that
 * produces a SyntheticDataSet (rollup cells + the injections it made) can be scored, the demo
 * data generator included.
 */

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

export interface Metrics {
	injections: number;
	detectedWithinOne: number;
	detectedEver: number;
	delays: number[];
	findings: number;
	falseFindings: number;
	segmentWeeks: number;
	tests: number;
	weeks: number;
	answeredPerWeek: number[];
}

export function evaluate(
	datasets: readonly SyntheticDataSet[],
	settingsInput: AnalyticsSettingsInput,
	/** Index of the first week detection runs on (earlier weeks are history only). */
	evalFrom: number
): Metrics {
	const settings = resolveSettings(settingsInput);
	const metrics: Metrics = {
		injections: 0,
		detectedWithinOne: 0,
		detectedEver: 0,
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
		const firstDetection = new Map<Injection, string>();
		for (const week of evalWeeks) {
			const detection = detectRegressions(index, week, settings);
			metrics.tests += detection.tests;
			metrics.weeks++;
			metrics.segmentWeeks += 2 * index.channelTopics.length;
			for (const finding of detection.findings) {
				metrics.findings++;
				const hit = data.injections.filter((injection) => matches(finding, injection));
				if (hit.length === 0) metrics.falseFindings++;
				for (const injection of hit)
					if (!firstDetection.has(injection)) firstDetection.set(injection, week);
			}
		}
		for (const injection of data.injections) {
			metrics.injections++;
			const start = data.weeks.indexOf(injection.startWeek);
			const found = firstDetection.get(injection);
			const answered = index.get(injection.startWeek, injection.group, injection).csatAnswered;
			metrics.answeredPerWeek.push(answered);
			if (found === undefined) continue;
			const delay = data.weeks.indexOf(found) - start;
			metrics.detectedEver++;
			metrics.delays.push(delay);
			if (delay <= 1) metrics.detectedWithinOne++;
		}
	}
	return metrics;
}
