import { createHash } from 'node:crypto';
import type { CsvPreview } from '../../domain/imports';
import { ADAPTERS } from '../ingest/adapters';
import { headerKey, proposeMapping } from '../ingest/adapters/csv/headers';
import { checkMapping, sampleRows } from '../ingest/adapters/csv/plan';
import { readRole, type DraftRole } from '../ingest/adapters/csv/roles';
import { detectFormat, refuseEmpty } from '../ingest/detect';
import { openInput } from '../ingest/input';
import type { ColumnMapping } from '../ingest/types';
import { sniffDelimiter } from '../ingest/readers/csv';

/**
 * What an uploaded file looks like before it is imported: its format, and for a CSV file
 * its header, first rows and the mapping Parity proposes, so that the dashboard can ask the
 * analyst to map the columns Parity could not place, and the upload can apply a mapping
 * saved for this kind of header.
 */

export type { CsvPreview } from '../../domain/imports';

export type Inspection =
	{ format: string; csv: CsvPreview | null } | { format: null; error: string; csv: null };

const PREVIEW_ROWS = 8;
const PREVIEW_CELL = 200;

/**
 * A header's identity for saved mappings: its columns compared as the importer compares
 * them ("Ticket ID" and "ticket_id" are one column), in order.
 */
export function headerSignature(headers: readonly string[]): string {
	return createHash('sha1')
		.update(JSON.stringify(headers.map(headerKey)))
		.digest('base64url');
}

async function csvPreview(sample: string): Promise<CsvPreview | null> {
	const text = sample.replace(/^\uFEFF/, '');
	const [headers = [], ...rows] = await sampleRows(text, sniffDelimiter(text));
	const trimmed = headers.map((header) => header.trim());
	if (trimmed.length < 2) return null;
	const shown = rows
		.slice(0, PREVIEW_ROWS)
		.map((row) => row.map((cell) => cell.slice(0, PREVIEW_CELL)));
	const roleReadings: Record<string, DraftRole | null> = {};
	for (const row of shown) {
		for (const cell of row) {
			const value = cell.trim();
			if (value && value.length <= 40 && !(value in roleReadings)) {
				roleReadings[value] = readRole(value, { roleValues: new Map(), distinguishesBots: true });
			}
		}
	}
	const proposal = proposeMapping(trimmed);
	// The header may name every column and the file still not say who wrote each message:
	// the importer's own check of the first rows decides, so the mapping step asks for it.
	if (proposal.missing.length === 0) proposal.missing = checkMapping(trimmed, rows).missing;
	return {
		headers: trimmed,
		rows: shown,
		proposal,
		roleReadings,
		signature: headerSignature(trimmed)
	};
}

/**
 * Whether the file needs the mapping step: the importer's check fails on its first rows,
 * read with the mapping saved for its header (a mapping saved for another file of the
 * source may not fit this one), or by the header alone when none is saved.
 */
export function needsMapping(csv: CsvPreview, saved: ColumnMapping | null): boolean {
	if (!saved) return csv.proposal.missing.length > 0;
	return checkMapping(csv.headers, csv.rows, saved).missing.length > 0;
}

/** Reads the start of a file (any encoding, gzip) and says what Parity would read it as. */
export async function inspectFile(
	path: string,
	fileName: string,
	format?: string
): Promise<Inspection> {
	let input;
	try {
		input = await openInput(path, fileName);
		input.close();
	} catch (error) {
		return { format: null, error: (error as Error).message, csv: null };
	}
	const sample = input.sample;
	let adapter: string;
	try {
		refuseEmpty(input);
		adapter = detectFormat(ADAPTERS, { fileName, sample }, format, 'web').adapter.name;
	} catch (error) {
		return { format: null, error: (error as Error).message, csv: null };
	}
	return { format: adapter, csv: adapter === 'csv' ? await csvPreview(sample) : null };
}
