import { openAppDatabase } from '../lib/server/app';
import { count } from '../lib/plural';
import { drainChanges, type DrainSummary } from '../lib/server/derive/drain';
import { rebuildRollups, rescoreAll } from '../lib/server/derive/service';
import { parseCommandArgs, UsageError } from './args';

export const summary =
	'derive what is pending (scores, repeat contacts, weekly rollups), or rebuild';
export const usage = 'parity rollup [--rebuild] [--rescore] [--json]';

export async function run(argv: string[]): Promise<number> {
	const { values, positionals } = parseCommandArgs(argv, {
		rebuild: { type: 'boolean', default: false },
		rescore: { type: 'boolean', default: false },
		json: { type: 'boolean', default: false }
	});
	if (positionals.length) throw new UsageError(`unexpected '${positionals[0]}'. Usage: ${usage}`);
	const started = performance.now();
	// Not the usual open, which derives what is pending before this command could: its summary
	// would then report nothing done. The server starts this command beside its own imports,
	// so it leaves their status alone too.
	const handle = openAppDatabase(undefined, { recoverImports: false });
	try {
		let summary: DrainSummary;
		if (values.rescore) summary = rescoreAll(handle);
		else if (values.rebuild) summary = rebuildRollups(handle);
		else summary = drainChanges(handle);
		const totals = handle.sqlite
			.prepare(
				'SELECT COUNT(DISTINCT week) AS weeks, COUNT(*) AS cells, COALESCE(SUM(conversations), 0) AS conversationsInRollups FROM rollup_weekly'
			)
			.get() as { weeks: number; cells: number; conversationsInRollups: number };
		const seconds = (performance.now() - started) / 1000;
		if (values.json) {
			console.log(JSON.stringify({ ...summary, ...totals, seconds }, null, 2));
			return 0;
		}
		const did = values.rescore
			? 'Rescored every conversation and rebuilt the rollups'
			: values.rebuild
				? 'Rebuilt weeks, repeat contacts and every rollup'
				: summary.conversations
					? `Derived ${count(summary.conversations, 'changed conversation')}`
					: 'Nothing was pending';
		console.log(
			`${did} in ${seconds.toFixed(1)} s: ${count(totals.cells, 'cell')} over ${count(totals.weeks, 'week')}, ` +
				`${count(totals.conversationsInRollups, 'conversation')} (rescored ${summary.rescored}, ` +
				`${count(summary.weeksRefreshed, 'week')} refreshed).`
		);
		return 0;
	} finally {
		handle.close();
	}
}
