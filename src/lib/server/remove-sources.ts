import { audit, type Actor } from './audit';
import type { DbHandle } from './db/client';
import { listSources } from './db/repos/sources';
import { removeSourceRows, sourceFootprint, type SourceFootprint } from './db/repos/source-removal';
import { demoSourceNames } from './demo/config';
import { drainChanges } from './derive/drain';
import { z } from 'zod';
import { ok, refuse, type Result } from './result';

/**
 * Removing a source and everything imported from it: the demo data set once real data has
 * arrived, or an export imported under the wrong source. Every weekly figure is recomputed
 * before this returns, so no page still counts what was removed; the audit log records who
 * removed what. Backups taken earlier still hold it.
 */

export interface SourceRemoval extends SourceFootprint {
	sources: string[];
}

export const SourceRemovalForm = z.object({
	source: z.string().trim().min(1, 'choose a source'),
	confirm: z.literal('yes', { error: 'tick the box to confirm' })
});

export interface StoredSource extends SourceFootprint {
	name: string;
	tool: string;
	demo: boolean;
}

/** Every source with what it holds, for the admin page. */
export function storedSources(handle: DbHandle): StoredSource[] {
	const demo = new Set(demoSourceNames());
	return listSources(handle).map((source) => ({
		name: source.name,
		tool: source.tool,
		demo: demo.has(source.name),
		...sourceFootprint(handle, [source.id])
	}));
}

function locate(
	handle: DbHandle,
	names: readonly string[]
): Result<Array<{ id: number; name: string }>> {
	const stored = listSources(handle);
	const unknown = names.filter((name) => !stored.some((source) => source.name === name));
	if (unknown.length) {
		const known = stored.map((source) => `'${source.name}'`).join(', ') || 'none';
		return refuse(404, {
			sources: `no source named ${unknown.map((name) => `'${name}'`).join(', ')} (stored: ${known})`
		});
	}
	return ok(stored.filter((source) => names.includes(source.name)));
}

/** What removing these sources would delete, without deleting it. */
export function previewSourceRemoval(
	handle: DbHandle,
	names: readonly string[]
): Result<SourceRemoval> {
	const found = locate(handle, names);
	if (!found.ok) return found;
	return ok({
		sources: found.value.map((source) => source.name),
		...sourceFootprint(
			handle,
			found.value.map((source) => source.id)
		)
	});
}

export function removeSources(
	handle: DbHandle,
	actor: Actor,
	names: readonly string[]
): Result<SourceRemoval> {
	const found = locate(handle, names);
	if (!found.ok) return found;
	const removed = removeSourceRows(
		handle,
		found.value.map((source) => source.id)
	);
	drainChanges(handle);
	const sources = found.value.map((source) => source.name);
	audit(handle, actor, 'source.remove', sources.join(', '), { ...removed });
	return ok({ sources, ...removed });
}
