import { parse } from 'csv-parse/sync';
import { openInput, type OpenedInput } from '../../input';
import { readCsv, sniffDelimiter } from '../../readers/csv';
import type { Adapter, AdapterContext, AdapterItem, Detection, DetectionInput } from '../../types';
import {
	DateEvidence,
	decideDateOrder,
	decidedOrder,
	dateWarning,
	type DateDecision
} from './date-order';
import { FIELD_LABELS, proposeMapping, resolveColumns } from './headers';
import { conversationDraft, mapRow, type MappedRow } from './map';
import {
	dateCells,
	dateColumnNames,
	makePlan,
	sampleNeedsDateScan,
	sampleRows,
	type CsvPlan
} from './plan';

export { proposeMapping } from './headers';

/**
 * The generic CSV importer: any help desk's or spreadsheet's export with one message per
 * row or one conversation per row (docs/formats/csv.md). Rows stream through; only the rows of
 * the conversation being read are held, at most MAX_FRAGMENT_ROWS of them.
 */

/** A conversation longer than this is emitted in fragments; the store merges them. */
const MAX_FRAGMENT_ROWS = 2000;

/** The header and first rows of the sample; a row the sample cuts off is left out. */
function headerOf(sample: string): { headers: string[]; rows: string[][] } {
	const text = sample.replace(/^\uFEFF/, '');
	try {
		const rows = parse(text, {
			delimiter: sniffDelimiter(text),
			relax_quotes: true,
			relax_column_count: true,
			skip_empty_lines: true,
			skip_records_with_error: true,
			to: 20
		}) as string[][];
		return { headers: rows[0] ?? [], rows: rows.slice(1, -1) };
	} catch {
		return { headers: [], rows: [] };
	}
}

function detect({ fileName, sample, mapping }: DetectionInput): Detection {
	const text = sample.replace(/^\uFEFF/, '').trimStart();
	if (text.startsWith('{') || text.startsWith('[')) return { confidence: 0, reason: 'JSON' };
	const { headers, rows } = headerOf(sample);
	if (headers.length < 2) return { confidence: 0, reason: 'no delimited header line' };
	// Columns the mapping names, all in the header: the file is read with them, so say so.
	// One the header lacks is left to the reader, whose error names it.
	const named = Object.entries(mapping?.columns ?? {});
	if (named.length && resolveColumns(headers, mapping).errors.length === 0) {
		const described = named
			.slice(0, 6)
			.map(([field, column]) => `${column} → ${field}`)
			.join(', ');
		return { confidence: 0.9, reason: `CSV with columns from the mapping: ${described}` };
	}
	const proposal = proposeMapping(headers);
	if (proposal.missing.length === 0) {
		const described = Object.entries(proposal.columns)
			.slice(0, 6)
			.map(([field, column]) => `${column} → ${field}`)
			.join(', ');
		return { confidence: 0.6, reason: `CSV header maps ${described}` };
	}
	// A table all the same: the CSV importer takes it, to say which columns it lacks.
	const even = rows.length > 0 && rows.every((row) => row.length === headers.length);
	if (/\.(csv|tsv|txt)(\.gz)?$/i.test(fileName) || even) {
		return {
			confidence: 0.51,
			reason: `CSV whose header has no ${proposal.missing.map((f) => FIELD_LABELS[f].split(' (')[0]).join(', ')}`
		};
	}
	return { confidence: 0.1, reason: 'delimited text without a conversation header' };
}

/** Reads the date columns of the whole file (a second pass) to decide day/month order. */
async function scanDates(path: string, plan: Omit<CsvPlan, 'dates'>, delimiter: string) {
	const evidence = new DateEvidence();
	const input = await openInput(path);
	let header = true;
	for await (const row of readCsv(input.text(), { delimiter })) {
		if (header || !row.ok) {
			header = false;
			continue;
		}
		for (const value of dateCells(plan, row.fields)) evidence.add(value);
	}
	return evidence;
}

async function decideDates(
	input: OpenedInput,
	plan: Omit<CsvPlan, 'dates'>,
	rows: readonly string[][],
	delimiter: string,
	context: AdapterContext
): Promise<DateDecision> {
	const columns = dateColumnNames(plan);
	if (context.mapping?.dateOrder) return { status: 'mapping', order: context.mapping.dateOrder };
	if (!sampleNeedsDateScan(plan, rows)) return { status: 'not-needed', columns };
	return decideDateOrder(await scanDates(input.path, plan, delimiter), columns);
}

function fragment(rows: MappedRow[], plan: CsvPlan): AdapterItem {
	const firstLine = (rows[0] as MappedRow).line;
	const lastLine = (rows.at(-1) as MappedRow).line;
	const id = (rows[0] as MappedRow).conversationId;
	const idColumn = plan.headers[plan.columns.conversationId as number];
	return {
		kind: 'conversation',
		locator: `${firstLine === lastLine ? `line ${firstLine}` : `lines ${firstLine}-${lastLine}`} (${idColumn} ${id})`,
		records: rows.length,
		draft: conversationDraft(rows, plan),
		raw: () => rows.map((row) => row.raw).join('\n'),
		dateOrder: decidedOrder(plan.dates)
	};
}

async function* read(input: OpenedInput, context: AdapterContext): AsyncGenerator<AdapterItem> {
	const delimiter = sniffDelimiter(input.sample.replace(/^\uFEFF/, ''));
	const [headers = [], ...rows] = await sampleRows(input.sample, delimiter);
	// A CsvPlanError (the header does not say where the conversations are) fails the file.
	const partial = makePlan(
		headers.map((h) => h.trim()),
		rows,
		context
	);
	const plan: CsvPlan = {
		...partial,
		dates: await decideDates(input, partial, rows, delimiter, context)
	};
	const note = dateWarning(plan.dates);
	if (note) context.warn(note);

	let header = true;
	let group: MappedRow[] = [];
	for await (const row of readCsv(input.text(), { delimiter })) {
		// The header is the first readable row, as in the sample the plan was made from.
		if (header && row.ok) {
			header = false;
			continue;
		}
		if (!row.ok) {
			yield {
				kind: 'reject',
				locator: `line ${row.lineNumber}`,
				records: 1,
				reason: `unreadable CSV row: ${row.error}`,
				raw: row.raw
			};
			continue;
		}
		const mapped = mapRow(row.fields, row.lineNumber, row.raw, plan);
		if (!mapped.ok) {
			yield {
				kind: 'reject',
				locator: `line ${row.lineNumber}`,
				records: 1,
				reason: mapped.reason,
				raw: row.raw
			};
			continue;
		}
		const current = group[0]?.conversationId;
		if (
			group.length > 0 &&
			(current !== mapped.row.conversationId || group.length >= MAX_FRAGMENT_ROWS)
		) {
			yield fragment(group, plan);
			group = [];
		}
		group.push(mapped.row);
	}
	if (group.length) yield fragment(group, plan);
}

export const csvAdapter: Adapter = {
	name: 'csv',
	tool: 'csv',
	label: 'CSV (any help desk or spreadsheet)',
	description:
		'any CSV export, one message per row or one conversation per row with its transcript in a cell (docs/formats.md)',
	detect,
	read
};
