import { addWeeks, isoWeekStart } from '../lib/domain/time';
import { openAppDatabase } from '../lib/server/app';
import { defaultReviewWeek, firstWeekNeeded, weeklyReview } from '../lib/server/analytics/report';
import { renderReviewText } from '../lib/server/analytics/report-text';
import { loadCells, newestConversationStart } from '../lib/server/db/repos/rollup-cells';
import { getSetting } from '../lib/server/db/repos/settings';
import { parseCommandArgs, UsageError } from './args';

export const summary = 'the weekly review: AI vs human, regressions, routing verdict per topic';
export const usage = 'parity report [--week 2026-W47] [--json]';

export async function run(argv: string[]): Promise<number> {
	const { values, positionals } = parseCommandArgs(argv, {
		week: { type: 'string' },
		json: { type: 'boolean', default: false }
	});
	if (positionals.length)
		throw new UsageError(`unexpected argument '${positionals[0]}'. Usage: ${usage}`);
	if (values.week !== undefined) {
		try {
			isoWeekStart(values.week, 'UTC');
		} catch (error) {
			throw new UsageError((error as Error).message);
		}
		// 2026-W60 parses but names no week: it must survive a round trip
		if (addWeeks(values.week, 0) !== values.week)
			throw new UsageError(`'${values.week}' is not a week of its year`);
	}
	const handle = openAppDatabase();
	try {
		const zone = getSetting(handle, 'org.timeZone');
		const settings = { baselineWeeks: getSetting(handle, 'regression.baselineWeeks') };
		let week = values.week;
		if (week === undefined) {
			const newest = newestConversationStart(handle);
			if (newest === null) {
				console.error('parity report: no conversations imported yet; nothing to review.');
				return 1;
			}
			week = defaultReviewWeek(newest, zone);
		}
		const cells = loadCells(handle, firstWeekNeeded(week, settings), week);
		const review = weeklyReview(cells, week, settings);
		console.log(values.json ? JSON.stringify(review, null, 2) : renderReviewText(review));
		return 0;
	} finally {
		handle.close();
	}
}
