import { describe, expect, it } from 'vitest';
import { ambiguityHint, DateEvidence, decideDateOrder, decidedOrder } from './date-order';

function decide(values: string[]) {
	const evidence = new DateEvidence();
	for (const value of values) evidence.add(value);
	return decideDateOrder(evidence, 'column created_at');
}

describe('deciding day-first or month-first from a whole column', () => {
	it('one day above 12 decides for every value', () => {
		const decision = decide(['01/08/2026 10:00', '02/08/2026', '13/08/2026 09:00', '2026-08-14']);
		expect(decision).toEqual({
			status: 'decided',
			order: 'dmy',
			example: '13/08/2026 09:00',
			columns: 'column created_at'
		});
		expect(decidedOrder(decision)).toBe('dmy');
		expect(decidedOrder(decide(['01/08/2026', '08/13/2026']))).toBe('mdy');
	});

	it('stays undecided when no value tells, and says how to fix it', () => {
		const decision = decide(['01/08/2026', '05.03.2026', '12-11-2026']);
		expect(decision).toEqual({ status: 'ambiguous', count: 3, columns: 'column created_at' });
		expect(decidedOrder(decision)).toBeUndefined();
		expect(ambiguityHint(decision)).toBe(
			'no date in column created_at has a day above 12, so day-first and month-first both fit; ' +
				'set "dateOrder": "dmy" (day first) or "mdy" (month first) in a mapping file (--mapping map.json)'
		);
	});

	it('reports a column with proof both ways', () => {
		const decision = decide(['13/01/2026', '01/13/2026', '02/02/2026']);
		expect(decision).toMatchObject({
			status: 'mixed',
			dayFirst: '13/01/2026',
			monthFirst: '01/13/2026'
		});
		expect(decidedOrder(decision)).toBeUndefined();
	});

	it('ignores ISO dates and text', () => {
		const evidence = new DateEvidence();
		for (const value of ['2026-03-01T10:00:00Z', 'yesterday', '1772359200']) evidence.add(value);
		expect(evidence.count).toBe(0);
	});
});
