import { z } from 'zod';
import { CSAT_SCALES } from '../../domain/conversation';
import { isValidTimeZone } from '../../domain/time';
import { describeIssue } from './issues';
import { MAPPED_FIELDS, type ColumnMapping } from './types';

const RoleValue = z.enum(['customer', 'ai', 'agent', 'system', 'staff']);

/** The mapping file (`--mapping map.json`), documented in docs/formats/csv.md ("Mapping file"). */
export const ColumnMappingSchema = z.strictObject({
	// A file that only fixes the date order or the zone needs no columns.
	columns: z.partialRecord(z.enum(MAPPED_FIELDS), z.string().min(1)).default({}),
	dateOrder: z.enum(['dmy', 'mdy']).optional(),
	timeZone: z.string().refine(isValidTimeZone, 'not a known IANA time zone').optional(),
	roleValues: z.record(z.string(), RoleValue).optional(),
	csatScale: z.enum(CSAT_SCALES).optional()
});

const MAPPING_KEYS = Object.keys(ColumnMappingSchema.shape);

/**
 * A mapping's first problem. A misspelt key ("date_order") is named with the keys that are
 * known where it stands: left unread, it would import the file without the setting it was
 * written for.
 */
function describeMappingIssue(error: z.ZodError, json: unknown): string {
	const issue = error.issues[0];
	if (issue?.code !== 'unrecognized_keys') return describeIssue(error, json);
	const known = issue.path.at(-1) === 'columns' ? MAPPED_FIELDS : MAPPING_KEYS;
	const where = issue.path.length ? `${issue.path.map(String).join('.')}: ` : '';
	const keys = issue.keys.map((key) => `'${key}'`).join(', ');
	return `${where}unknown key${issue.keys.length > 1 ? 's' : ''} ${keys}; known keys: ${known.join(', ')}`;
}

export function parseMapping(
	text: string
): { ok: true; mapping: ColumnMapping } | { ok: false; error: string } {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		return { ok: false, error: `not JSON: ${(error as Error).message}` };
	}
	const parsed = ColumnMappingSchema.safeParse(json);
	if (!parsed.success) return { ok: false, error: describeMappingIssue(parsed.error, json) };
	return { ok: true, mapping: parsed.data };
}

/**
 * Mappings for some of an import's files, each its own (`--mappings file.json`: file path →
 * mapping): what a web upload of several files passes, each with the mapping saved for its
 * header.
 */
export function parseMappings(
	text: string
): { ok: true; mappings: Map<string, ColumnMapping> } | { ok: false; error: string } {
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch (error) {
		return { ok: false, error: `not JSON: ${(error as Error).message}` };
	}
	const parsed = z.record(z.string(), ColumnMappingSchema).safeParse(json);
	if (!parsed.success) return { ok: false, error: describeMappingIssue(parsed.error, json) };
	return { ok: true, mappings: new Map(Object.entries(parsed.data)) };
}
