import type { RollupIndex } from './cells';
import { MEASURE_IDS, MEASURES, sampleValue, type MeasureId } from './measures';
import type { Finding } from './regressions';

/**
 * Diagnostic measures beside a finding (docs/statistics.md, "Outcomes and diagnostics"): how
 * the conversations of the finding's segment went — frustration signals, having to repeat
 * oneself after a hand-over — over the same weeks as the finding and its baseline. Shown to
 * explain an outcome's change, never tested: no p-value, no correction, no finding of their own.
 */
export interface SupportingEvidence {
	measure: MeasureId;
	value: number | null;
	n: number;
	baseline: number | null;
	baselineN: number;
}

function between(index: RollupIndex, from: string, to: string): string[] {
	return index.weeks.filter((week) => week >= from && week <= to);
}

export function supportingEvidence(
	index: RollupIndex,
	finding: Pick<Finding, 'group' | 'scope' | 'current' | 'baseline'>
): SupportingEvidence[] {
	// A change in the AI − human gap is read on the AI's side.
	const group = finding.group === 'gap' ? 'aiStarted' : finding.group;
	const now = index.sum(
		between(index, finding.current.from, finding.current.to),
		group,
		finding.scope
	);
	const before = index.sum(
		between(index, finding.baseline.from, finding.baseline.to),
		group,
		finding.scope
	);
	return MEASURE_IDS.map((id) => MEASURES[id])
		.filter((measure) => measure.role === 'diagnostic' && measure.id !== 'csatResponseRate')
		.filter((measure) => measure.appliesTo === 'all' || group !== 'human')
		.map((measure) => {
			const a = measure.sample(now);
			const b = measure.sample(before);
			return {
				measure: measure.id,
				value: sampleValue(a),
				n: a.n,
				baseline: sampleValue(b),
				baselineN: b.n
			};
		})
		.filter((evidence) => evidence.n > 0);
}
