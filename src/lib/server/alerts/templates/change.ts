import { formatValue } from '../measures';
import type { AlertFinding } from '../types';
import { weeksBetween } from '../../../domain/time';
import { weekNumber } from './format';

/**
 * How a finding's change is worded, shared by the alert, resolved and digest emails and the
 * alert history, so that every "from A to B, change C" has C = B − A (up to rounding). A
 * drift finding's change is measured on the smoothed weekly level (EWMA), not on the week
 * itself: the smoothed level is what goes next to the baseline, and the week's own value is
 * said separately.
 */

/** The level the change is measured on: the smoothed level for drift, else the value. */
export function changedLevel(finding: AlertFinding): number {
	return finding.smoothed ?? finding.value;
}

/** "18% (smoothed)" or "64%". */
export function levelText(finding: AlertFinding): string {
	const text = formatValue(finding.measure, changedLevel(finding));
	return finding.smoothed === undefined ? text : `${text} (smoothed)`;
}

/** Where the value comes from: "in week 47", "over weeks 46–47". */
export function valueWeeks(finding: AlertFinding): string {
	if (!finding.valueFrom || finding.valueFrom === finding.week)
		return `in ${weekNumber(finding.week)}`;
	return `over weeks ${weekNumber(finding.valueFrom).replace(/^week /, '')}–${weekNumber(finding.week).replace(/^week /, '')}`;
}

/** How many weeks `value` pools: 1, or from `valueFrom` to the finding's week. */
export function valueWeekCount(finding: AlertFinding): number {
	return finding.valueFrom && finding.valueFrom < finding.week
		? weeksBetween(finding.valueFrom, finding.week) + 1
		: 1;
}

/**
 * The weeks a baseline rests on: a drift's are the weeks before its smoothed run ("over 6
 * earlier weeks"), any other's the weeks just before this one ("over the 8 weeks before").
 */
export function baselineWeeksText(finding: AlertFinding): string {
	return finding.smoothed !== undefined
		? `over ${finding.baseline.weeks} earlier weeks`
		: `over the ${finding.baseline.weeks} weeks before`;
}

/** " since week 44" when the run of worse weeks started before this week, else "". */
export function sinceSuffix(finding: AlertFinding): string {
	return finding.since < finding.week ? ` since ${weekNumber(finding.since)}` : '';
}

/** The week on its own, for drift findings (null otherwise): "17% in week 47 alone". */
export function weekAlone(finding: AlertFinding): string | null {
	if (finding.smoothed === undefined) return null;
	return `${formatValue(finding.measure, finding.value)} in ${weekNumber(finding.week)} alone`;
}

/**
 * The lead sentence's middle: "from 7% to 18% (smoothed weekly level, EWMA) since week 44"
 * or "from 72% to 64% in week 47".
 */
export function fromTo(finding: AlertFinding): string {
	const from = formatValue(finding.measure, finding.baseline.value);
	const to = formatValue(finding.measure, changedLevel(finding));
	if (finding.smoothed !== undefined)
		return `from ${from} to ${to} (its smoothed weekly level, EWMA)${sinceSuffix(finding) || ` in ${weekNumber(finding.week)}`}`;
	return `from ${from} to ${to} ${valueWeeks(finding)}${finding.since < finding.week ? `, worse${sinceSuffix(finding)}` : ''}`;
}
