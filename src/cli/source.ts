import { openAppDatabase } from '../lib/server/app';
import { cliActor } from '../lib/server/audit';
import { listSources } from '../lib/server/db/repos/sources';
import { sourceFootprint } from '../lib/server/db/repos/source-removal';
import {
	previewSourceRemoval,
	removeSources,
	type SourceRemoval
} from '../lib/server/remove-sources';
import { rejectsSummary } from '../lib/domain/imports';
import { count } from '../lib/plural';
import { toolLabel } from '../lib/server/ingest/adapters';
import { parseCommandArgs, UsageError } from './args';

export const summary = 'list sources, or remove one with everything imported from it';
export const usage = [
	'parity source list',
	'             parity source remove NAME... [--yes]'
].join('\n');

function describe(removal: SourceRemoval): string {
	return `${count(removal.conversations, 'conversation')}, ${count(removal.messages, 'message')}, ${count(removal.imports, 'import')} and ${rejectsSummary(removal.rejects, removal.recordsRejected)} of ${removal.sources.map((name) => `"${name}"`).join(' and ')}`;
}

/**
 * Without --yes, says what would go; with it, removes and recomputes every weekly figure.
 * Shared with `parity demo --remove`.
 */
export function removeNamed(names: readonly string[], confirmed: boolean): number {
	const handle = openAppDatabase(undefined, { recoverImports: false });
	try {
		const preview = previewSourceRemoval(handle, names);
		if (!preview.ok) throw new UsageError(Object.values(preview.errors).join('; '));
		if (!confirmed) {
			console.log(`Would remove ${describe(preview.value)}. Run again with --yes to remove them.`);
			return 0;
		}
		const removed = removeSources(handle, cliActor(), names);
		if (!removed.ok) throw new UsageError(Object.values(removed.errors).join('; '));
		console.log(
			`Removed ${describe(removed.value)}; every weekly figure is recomputed. Backups taken earlier still hold them.`
		);
		return 0;
	} finally {
		handle.close();
	}
}

function list(): number {
	const handle = openAppDatabase(undefined, { recoverImports: false });
	try {
		const sources = listSources(handle);
		if (sources.length === 0) console.log('No sources yet: nothing has been imported.');
		for (const source of sources) {
			const stored = sourceFootprint(handle, [source.id]);
			console.log(
				`${source.name}  (${toolLabel(source.tool)}): ${count(stored.conversations, 'conversation')}, ${count(stored.imports, 'import')}`
			);
		}
		return 0;
	} finally {
		handle.close();
	}
}

export async function run(argv: string[]): Promise<number> {
	const [sub, ...rest] = argv;
	if (sub === 'list') return list();
	if (sub === 'remove') {
		const { values, positionals } = parseCommandArgs(rest, {
			yes: { type: 'boolean', default: false }
		});
		if (positionals.length === 0)
			throw new UsageError(`name one or more sources to remove. Usage:\n  ${usage}`);
		return removeNamed(positionals, values.yes);
	}
	throw new UsageError(`unknown subcommand '${sub ?? ''}'. Usage:\n  ${usage}`);
}
