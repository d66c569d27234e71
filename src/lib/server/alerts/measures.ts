/**
 * The measures an alert rule can watch, with how to word and format them. Shares are stored
 * as 0..1 and their changes shown in percentage points; sentiment is in [-1, 1].
 */

export type MeasureKind = 'share' | 'sentiment' | 'score' | 'seconds';

export interface MeasureInfo {
	label: string;
	kind: MeasureKind;
	higherIsBetter: boolean;
}

export const MEASURES = {
	csatPct: { label: 'CSAT %', kind: 'share', higherIsBetter: true },
	csatMean: { label: 'Mean CSAT (1–5)', kind: 'score', higherIsBetter: true },
	csatResponseRate: { label: 'Survey response rate', kind: 'share', higherIsBetter: true },
	sentimentEnd: { label: 'End sentiment', kind: 'sentiment', higherIsBetter: true },
	sentimentDelta: {
		label: 'Sentiment change (end − start)',
		kind: 'sentiment',
		higherIsBetter: true
	},
	negativeEndRate: { label: 'Ended negative', kind: 'share', higherIsBetter: false },
	repeatContactRate: { label: 'Repeat contact', kind: 'share', higherIsBetter: false },
	escalationRate: { label: 'Escalation rate', kind: 'share', higherIsBetter: false },
	frustrationRate: { label: 'Frustrated conversations', kind: 'share', higherIsBetter: false },
	abandonmentRate: { label: 'Abandoned after AI reply', kind: 'share', higherIsBetter: false },
	firstResponseSeconds: { label: 'First response time', kind: 'seconds', higherIsBetter: false },
	resolutionSeconds: { label: 'Resolution time', kind: 'seconds', higherIsBetter: false }
} as const satisfies Record<string, MeasureInfo>;

export type MeasureId = keyof typeof MEASURES;
export const MEASURE_IDS = Object.keys(MEASURES) as MeasureId[];

export function measureInfo(measure: MeasureId): MeasureInfo {
	return MEASURES[measure];
}

const MINUS = '−';

function signed(text: string, negative: boolean, zero: boolean): string {
	return zero ? text : `${negative ? MINUS : '+'}${text}`;
}

function duration(seconds: number): string {
	const abs = Math.abs(seconds);
	if (abs < 90) return `${Math.round(abs)} s`;
	if (abs < 90 * 60) return `${Math.round(abs / 60)} min`;
	if (abs < 48 * 3600) return `${(abs / 3600).toFixed(1)} h`;
	return `${(abs / 86400).toFixed(1)} d`;
}

/** A value as a reader sees it: "71.3%", "−0.42", "4.21", "6 min". */
export function formatValue(measure: MeasureId, value: number | null): string {
	if (value === null || !Number.isFinite(value)) return '–';
	switch (MEASURES[measure].kind) {
		case 'share':
			return `${(value * 100).toFixed(1)}%`;
		case 'sentiment':
			return value < 0 ? `${MINUS}${Math.abs(value).toFixed(2)}` : value.toFixed(2);
		case 'score':
			return value.toFixed(2);
		case 'seconds':
			return duration(value);
	}
}

/** A change, always signed: "−8.2 pts", "+0.15", "+3 min". */
export function formatEffect(measure: MeasureId, effect: number): string {
	const zero = Math.abs(effect) < 1e-12;
	switch (MEASURES[measure].kind) {
		case 'share':
			return `${signed(Math.abs(effect * 100).toFixed(1), effect < 0, zero)} pts`;
		case 'sentiment':
		case 'score':
			return signed(Math.abs(effect).toFixed(2), effect < 0, zero);
		case 'seconds':
			return signed(duration(effect), effect < 0, zero);
	}
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
