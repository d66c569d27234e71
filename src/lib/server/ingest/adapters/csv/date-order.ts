import { inferDateOrder, type DateOrder } from '../../dates';

/**
 * Day-first or month-first, decided once for the whole file. `01/08/2026` means 1 August
 * in Europe and January 8 in the US, and a spreadsheet column is written one way; reading
 * each value on its own would put some rows in the wrong month. So the adapter looks at
 * every date of the file (all date columns together: one spreadsheet, one locale), before
 * importing, whenever its first rows show dates of that form and no mapping fixes the order.
 */

const DAY_MONTH = /^\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/;

/** What the file's dates say, with one example each way for messages. */
export class DateEvidence {
	dayFirst: string | null = null;
	monthFirst: string | null = null;
	/** Dates of the `d/m/y`-or-`m/d/y` form seen. */
	count = 0;

	add(value: string): void {
		if (!DAY_MONTH.test(value)) return;
		this.count++;
		const order = inferDateOrder([value]);
		if (order === 'dmy') this.dayFirst ??= value.trim();
		else if (order === 'mdy') this.monthFirst ??= value.trim();
	}

	get order(): DateOrder | 'mixed' | null {
		if (this.dayFirst && this.monthFirst) return 'mixed';
		return this.dayFirst ? 'dmy' : this.monthFirst ? 'mdy' : null;
	}
}

export type DateDecision =
	| { status: 'mapping'; order: DateOrder }
	| { status: 'decided'; order: DateOrder; example: string; columns: string }
	/** No `d/m/y` dates in the first rows: nothing to decide (ISO, epochs, month names). */
	| { status: 'not-needed'; columns: string }
	| { status: 'ambiguous'; count: number; columns: string }
	| { status: 'mixed'; dayFirst: string; monthFirst: string; columns: string };

export function decideDateOrder(evidence: DateEvidence, columns: string): DateDecision {
	const order = evidence.order;
	if (order === 'mixed') {
		return {
			status: 'mixed',
			dayFirst: evidence.dayFirst as string,
			monthFirst: evidence.monthFirst as string,
			columns
		};
	}
	if (order === null) return { status: 'ambiguous', count: evidence.count, columns };
	return {
		status: 'decided',
		order,
		example: (order === 'dmy' ? evidence.dayFirst : evidence.monthFirst) as string,
		columns
	};
}

export function decidedOrder(decision: DateDecision): DateOrder | undefined {
	return decision.status === 'mapping' || decision.status === 'decided'
		? decision.order
		: undefined;
}

const FIX =
	'set "dateOrder": "dmy" (day first) or "mdy" (month first) in a mapping file (--mapping map.json)';

/** Why an ambiguous value could not be read, and how to fix it; for reject reasons. */
export function ambiguityHint(decision: DateDecision): string {
	switch (decision.status) {
		case 'ambiguous':
			return `no date in ${decision.columns} has a day above 12, so day-first and month-first both fit; ${FIX}`;
		case 'mixed':
			return `${decision.columns} has day-first dates ('${decision.dayFirst}') and month-first dates ('${decision.monthFirst}'); ${FIX}`;
		case 'not-needed':
			return `the first rows of the file had no such dates, so the order was not decided; ${FIX}`;
		default:
			return FIX;
	}
}

/** The file-level note for the import report, if the decision needs one. */
export function dateWarning(decision: DateDecision): string | null {
	switch (decision.status) {
		case 'decided':
			return `dates in ${decision.columns} read ${decision.order === 'dmy' ? 'day-first' : 'month-first'} (the whole file decided it, e.g. '${decision.example}')`;
		case 'ambiguous':
			return `dates in ${decision.columns} could be day-first or month-first (no day above 12 in ${decision.count} dates): rows whose date reads differently both ways are rejected; ${FIX}`;
		case 'mixed':
			return `${decision.columns} mixes day-first ('${decision.dayFirst}') and month-first ('${decision.monthFirst}') dates: each date is read on its own and ambiguous ones are rejected; ${FIX}`;
		default:
			return null;
	}
}
