import { describe, expect, it } from 'vitest';
import { checkMapping, CsvPlanError, makePlan } from './plan';

/** The walkthrough's file: a case reference, what was said, and when; no author column. */
const HEADERS = ['Case Ref', 'Said', 'When'];
const ROWS = [
	['C-1', 'my parcel is late', '2026-03-02 09:00'],
	['C-1', 'sorry, checking now', '2026-03-02 09:01'],
	['C-2', 'wrong size', '2026-03-03 10:00']
];
const COLUMNS = { conversationId: 'Case Ref', text: 'Said', timestamp: 'When' };

describe('checkMapping', () => {
	it('finds the author role missing when no column and no speaker prefix says who wrote', () => {
		const gaps = checkMapping(HEADERS, ROWS, { columns: COLUMNS });
		expect(gaps.missing).toEqual(['role']);
		expect(gaps.problems).toEqual([
			'Nothing says who wrote each message: no role column (e.g. role, sender, author_type, direction) and the cells of Said do not start with speaker prefixes such as "Customer:" or "[10:02] Agent:".'
		]);
	});

	it('accepts the same mapping with a role column', () => {
		const headers = [...HEADERS, 'Who'];
		const rows = ROWS.map((row, i) => [...row, i === 1 ? 'agent' : 'customer']);
		expect(checkMapping(headers, rows, { columns: { ...COLUMNS, role: 'Who' } })).toEqual({
			missing: [],
			problems: []
		});
	});

	it('accepts a direction column (inbound/outbound) as the role', () => {
		const headers = [...HEADERS, 'Direction'];
		const rows = ROWS.map((row, i) => [...row, i === 1 ? 'outbound' : 'inbound']);
		expect(
			checkMapping(headers, rows, { columns: { ...COLUMNS, role: 'Direction' } }).missing
		).toEqual([]);
	});

	it('accepts text cells that start with their speaker, without a role column', () => {
		const rows = [
			['C-1', 'Customer: my parcel is late', '2026-03-02 09:00'],
			['C-1', 'Agent: sorry, checking now', '2026-03-02 09:01']
		];
		expect(checkMapping(HEADERS, rows, { columns: COLUMNS }).missing).toEqual([]);
	});

	it('names the header fields a mapping leaves out', () => {
		expect(checkMapping(HEADERS, ROWS, { columns: { text: 'Said' } }).missing).toEqual([
			'conversationId',
			'timestamp'
		]);
	});

	it('agrees with the importer: what it finds missing, makePlan refuses', () => {
		const read = () =>
			makePlan(HEADERS, ROWS, {
				fileName: 'cases.csv',
				timeZone: 'UTC',
				mapping: { columns: COLUMNS },
				warn: () => undefined
			});
		expect(read).toThrow(CsvPlanError);
	});
});

describe('CsvPlanError wording', () => {
	const fail = (audience: 'cli' | 'web') => {
		try {
			makePlan(HEADERS, ROWS, {
				fileName: 'cases.csv',
				timeZone: 'UTC',
				mapping: { columns: COLUMNS },
				audience,
				warn: () => undefined
			});
		} catch (error) {
			return (error as Error).message;
		}
		throw new Error('the plan was made');
	};

	it('tells the command line about --mapping, and says the mapping is what falls short', () => {
		const message = fail('cli');
		expect(message).toMatch(/^the column mapping does not give Parity all it needs\. /);
		expect(message).toContain('--mapping map.json');
	});

	it('never names a command-line flag on the dashboard', () => {
		const message = fail('web');
		expect(message).not.toContain('--');
		expect(message).not.toContain('cannot tell which columns hold the conversations');
		expect(message).toBe(
			'the column mapping does not give Parity all it needs. Headers found: "Case Ref", "Said", "When". Nothing says who wrote each message: no role column (e.g. role, sender, author_type, direction) and the cells of Said do not start with speaker prefixes such as "Customer:" or "[10:02] Agent:". Delete the saved mapping for these columns (Saved column mappings, on the imports page) and upload the file again to map them afresh.'
		);
	});
});
