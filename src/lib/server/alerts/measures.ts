import {
	formatEffect as formatMeasureEffect,
	formatValue as formatMeasureValue,
	formatEffectInterval,
	formatThreshold,
	MEASURE_IDS as ANALYTICS_MEASURE_IDS,
	MEASURES as ANALYTICS_MEASURES,
	type MeasureId as AnalyticsMeasureId
} from '../analytics/measures';

export type MeasureKind = 'share' | 'sentiment' | 'score' | 'seconds';

export interface MeasureInfo {
	label: string;
	kind: MeasureKind;
	higherIsBetter: boolean;
}

/**
 * The measures an alert rule can watch, with how to word and format them. Shares are stored
 * as 0..1 and their changes shown in percentage points; sentiment is in [-1, 1].
 * Alerts watch the measures analytics defines (analytics/measures.ts, the one place each is
 * defined), by the same ids; this only adds how emails and forms word and format them.
 */
export type MeasureId = AnalyticsMeasureId;
export const MEASURE_IDS: readonly MeasureId[] = ANALYTICS_MEASURE_IDS;

const KIND_OF_FORMAT = {
	percent: 'share',
	sentiment: 'sentiment',
	score: 'score',
	seconds: 'seconds'
} as const satisfies Record<(typeof ANALYTICS_MEASURES)[MeasureId]['format'], MeasureKind>;

export const MEASURES = Object.fromEntries(
	MEASURE_IDS.map((id) => {
		const def = ANALYTICS_MEASURES[id];
		return [
			id,
			{
				// Emails and forms start sentences and headings with the label.
				label: def.label.charAt(0).toUpperCase() + def.label.slice(1),
				kind: KIND_OF_FORMAT[def.format],
				higherIsBetter: def.better === 'higher'
			}
		];
	})
) as Record<MeasureId, MeasureInfo>;

export function measureInfo(measure: MeasureId): MeasureInfo {
	return MEASURES[measure];
}

/**
 * A value as the pages write it ("64%", "−0.42", "4.21", "6 min"): analytics' one formatter.
 * The emails wrote "64.0%" where the review beside them said "64%".
 */
export function formatValue(measure: MeasureId, value: number | null): string {
	return formatMeasureValue(ANALYTICS_MEASURES[measure], value);
}

/**
 * A change as the pages write it ("−8 pts", "+1 pt", "+0.15", "+3 min"): analytics' one
 * formatter, by the alerts' measure id. The emails had a formatter of their own that wrote
 * "1.0 pts" beside the pages' "+1 pt" for the same change. Never rounded across the measure's
 * default minimum effect (the shipped rules' thresholds), half of it (the drift test's) or
 * `bars` (a rule's own): 4.995 pts is "+4.995 pts", not a "+5 pts" that met a 5-point rule.
 */
export function formatEffect(
	measure: MeasureId,
	effect: number,
	bars: readonly number[] = []
): string {
	const def = ANALYTICS_MEASURES[measure];
	return formatMeasureEffect(def, effect, [def.minEffect, def.minEffect / 2, ...bars]);
}

/** "−12 to −4 pts", "−0.41 to −0.19": an interval of changes, the unit said once. */
export function formatEffectRange(measure: MeasureId, low: number, high: number): string {
	const range = formatEffectInterval(ANALYTICS_MEASURES[measure], { lo: low, hi: high });
	return MEASURES[measure].kind === 'share' ? `${range} pts` : range;
}

/**
 * A rule's minimum change as it was set ("2.5 pts", "0.10"): a setting is not rounded like a
 * measured change, or a rule set at 2.5 points would read as firing at 3.
 */
export function thresholdText(measure: MeasureId, minEffect: number): string {
	return formatThreshold(ANALYTICS_MEASURES[measure], minEffect);
}

/** The unit a rule's minimum effect is typed in, for forms: shares in points, others as is. */
export function effectUnit(measure: MeasureId): { label: string; scale: number } {
	switch (MEASURES[measure].kind) {
		case 'share':
			return { label: 'percentage points', scale: 100 };
		case 'seconds':
			return { label: 'seconds', scale: 1 };
		default:
			return { label: 'points on the scale', scale: 1 };
	}
}

/** Whether a change of this sign makes the measure worse. */
export function isWorse(measure: MeasureId, effect: number): boolean {
	return MEASURES[measure].higherIsBetter ? effect < 0 : effect > 0;
}
