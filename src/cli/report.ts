import type { Annotation } from '../lib/domain/annotations';
import { addWeeks, isoWeekStart } from '../lib/domain/time';
import { openAppDatabase } from '../lib/server/app';
import {
	defaultReviewWeek,
	firstWeekNeeded,
	reviewWeekOf,
	weeklyReview
} from '../lib/server/analytics/report';
import { count, noun } from '../lib/plural';
import { annotationsInWeeks } from '../lib/server/dashboard/annotations';
import {
	rollupWeeks,
	storedConversations,
	type StoredConversations
} from '../lib/server/db/repos/dashboard';
import { renderReviewText } from '../lib/server/analytics/report-text';
import { loadCells, newestConversationStart } from '../lib/server/db/repos/rollup-cells';
import { getSetting } from '../lib/server/db/repos/settings';
import { topicLabels } from '../lib/server/db/repos/topics';
import { parseCommandArgs, UsageError } from './args';

export const summary = 'the weekly review: AI vs human, regressions, routing verdict per topic';
export const usage = 'parity report [--week 2026-W47] [--json]';

/**
 * "Weeks with data: 2024-W51. Ask for one with --week, e.g. parity report --week 2024-W51.";
 * when no week has data, why: nothing stored, nothing answered, or figures still pending.
 */
export function weeksWithDataNote(
	weeks: readonly string[],
	stored: StoredConversations = { conversations: 0, answered: 0 }
): string {
	if (weeks.length === 0) {
		if (stored.conversations === 0) return 'no conversations are stored yet; import an export.';
		const held = `${count(stored.conversations, 'conversation')} ${noun(stored.conversations, 'is', 'are')} stored`;
		// Only an answered conversation makes figures: parity rollup cannot help the others.
		if (stored.answered === 0)
			return `${held}, but none was answered by an AI or a human agent, so no week has figures.`;
		return `${held} and no week has figures yet: they are still to be derived (run parity rollup).`;
	}
	const newestFirst = [...weeks].sort().reverse();
	const shown = newestFirst.slice(0, 8).join(', ');
	const more =
		newestFirst.length > 8
			? ` and ${newestFirst.length - 8} more back to ${newestFirst[newestFirst.length - 1]}`
			: '';
	return (
		`weeks with data, newest first: ${shown}${more}. ` +
		`Ask for one with --week, e.g. parity report --week ${newestFirst[0]}.`
	);
}

/** The week's notes on the timeline, after the review: what changed, as the team noted it. */
export function notesText(notes: readonly Annotation[]): string {
	if (notes.length === 0) return '';
	const lines = notes.map(
		(note) => `  ${note.day}  ${note.text}${note.source ? ` [${note.source}]` : ''}`
	);
	return `\n\nNoted this week (what changed, on the timeline):\n${lines.join('\n')}`;
}

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
		const settings = {
			baselineWeeks: getSetting(handle, 'regression.baselineWeeks'),
			topicLabels: topicLabels(handle)
		};
		const weeks = rollupWeeks(handle);
		let week = values.week;
		if (week === undefined) {
			const newest = newestConversationStart(handle);
			if (newest === null) {
				console.error('parity report: no conversations imported yet; nothing to review.');
				return 1;
			}
			// The dashboard's rule: the last complete week that has data, else the week there is.
			const chosen = reviewWeekOf(weeks, newest, zone);
			week = chosen?.week ?? defaultReviewWeek(newest, zone);
			if (chosen?.stillFilling)
				console.error(
					`parity report: no complete week has data; reviewing ${week}, which is still filling ` +
						`(its last conversation is not on its Sunday, or the week has not ended).`
				);
		}
		const cells = loadCells(handle, firstWeekNeeded(week, settings), week);
		const review = weeklyReview(cells, week, settings);
		const notes = annotationsInWeeks(handle, week, week);
		console.log(
			values.json
				? JSON.stringify({ ...review, notes }, null, 2)
				: renderReviewText(review) + notesText(notes)
		);
		// JSON stays one document on stdout; the hint goes beside it.
		if (!review.hasData)
			(values.json ? console.error : console.log)(
				`parity report: ${weeksWithDataNote(weeks, weeks.length ? undefined : storedConversations(handle))}`
			);
		return 0;
	} finally {
		handle.close();
	}
}
