import { createHash } from 'node:crypto';
import type { CsvPreview } from '../../domain/imports';
import { ADAPTERS } from '../ingest/adapters';
import { headerKey, proposeMapping } from '../ingest/adapters/csv/headers';
import { sampleRows } from '../ingest/adapters/csv/plan';
import { readRole, type DraftRole } from '../ingest/adapters/csv/roles';
import { detectFormat } from '../ingest/detect';
import { openInput } from '../ingest/input';
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
	return {
		headers: trimmed,
		rows: shown,
		proposal: proposeMapping(trimmed),
		roleReadings,
		signature: headerSignature(trimmed)
	};
}

/** Reads the start of a file (any encoding, gzip) and says what Parity would read it as. */
export async function inspectFile(
	path: string,
	fileName: string,
	format?: string
): Promise<Inspection> {
	let sample: string;
	try {
		const input = await openInput(path, fileName);
		sample = input.sample;
		input.close();
	} catch (error) {
		return { format: null, error: (error as Error).message, csv: null };
	}
	let adapter: string;
	try {
		adapter = detectFormat(ADAPTERS, { fileName, sample }, format).adapter.name;
	} catch (error) {
		return { format: null, error: (error as Error).message, csv: null };
	}
	return { format: adapter, csv: adapter === 'csv' ? await csvPreview(sample) : null };
}
