import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { DbHandle } from '../db/client';
import { AlertFindingSchema, DigestContentSchema } from './schemas';
import { analyticsAlertSource } from './analytics-source';
import type { AlertSource } from './types';

/**
 * The analytics layer as alerts see it (analytics-source.ts), used by the server's
 * scheduler, the import hook and the CLI alike.
 */
export function analyticsSource(handle: DbHandle): AlertSource {
	return analyticsAlertSource(handle);
}

/**
 * Findings and a digest read from a JSON file ({ "findings": [...], "digest": {...} }), to
 * try rules and templates before analytics exist, and to test the CLI. A file that does not
 * read is refused as a whole, naming the field.
 */
export function jsonFileSource(path: string): AlertSource {
	const parsed = z
		.object({
			findings: z.array(AlertFindingSchema).default([]),
			digest: DigestContentSchema.nullable().default(null)
		})
		.safeParse(JSON.parse(readFileSync(path, 'utf8')));
	if (!parsed.success)
		throw new Error(
			`${path}: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`
		);
	const { findings, digest } = parsed.data;
	return {
		findingsForWeek: (week) => findings.filter((finding) => finding.week === week),
		digestForWeek: (week) => (digest && digest.week === week ? digest : null)
	};
}
