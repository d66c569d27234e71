import { addWeeks, isoWeekStart } from '../../domain/time';
import { reviewWeekOf } from '../analytics/report';
import type { AnalyticsSettingsInput } from '../analytics/settings';
import type { DbHandle } from '../db/client';
import { rollupWeeks, sourcesWithConversations } from '../db/repos/dashboard';
import { newestConversationStart } from '../db/repos/rollup-cells';
import { getSetting } from '../db/repos/settings';
import { topicLabels } from '../db/repos/topics';
import { demoSourceNames } from '../demo/config';
import { memo } from './cache';

/**
 * What every dashboard page needs before its own numbers: the organisation's zone and
 * analytics settings, the weeks that have rollups, the week a review defaults to, and
 * whether the data is the demo data set.
 */

export interface DemoStatus {
	/** Sources the demo loader created: their data is made up. */
	demoSources: string[];
	/** Sources imported by someone. Both lists leave out sources that hold no conversation. */
	otherSources: string[];
}

export interface DashboardBase {
	zone: string;
	settings: AnalyticsSettingsInput;
	/** Weeks with rollup cells, newest first. */
	weeks: string[];
	/** The same with their dates, for week pickers. */
	options: WeekOption[];
	/** The last complete week before the newest conversation (or the newest rollup week). */
	defaultWeek: string | null;
	demo: DemoStatus;
}

export interface WeekOption {
	week: string;
	label: string;
}

const DEMO_NAMES = new Set(demoSourceNames());
const DEMO_NAME = /(^|[\s(-])demo\)?$/i;

/** The demo loader's source names ("Zendesk (demo)"), and anything named like them. */
export function isDemoSource(name: string): boolean {
	return DEMO_NAMES.has(name) || DEMO_NAME.test(name);
}

export function dashboardBase(handle: DbHandle): DashboardBase {
	return memo(handle, 'base', () => {
		const zone = getSetting(handle, 'org.timeZone');
		const weeks = rollupWeeks(handle);
		const newest = newestConversationStart(handle);
		const defaultWeek = reviewWeekOf(weeks, newest, zone)?.week ?? null;
		const names = sourcesWithConversations(handle);
		return {
			zone,
			settings: {
				baselineWeeks: getSetting(handle, 'regression.baselineWeeks'),
				topicLabels: topicLabels(handle)
			},
			weeks,
			options: weeks.map((week) => ({ week, label: `${week} · ${weekDates(week, zone)}` })),
			defaultWeek,
			demo: {
				demoSources: names.filter(isDemoSource),
				otherSources: names.filter((name) => !isDemoSource(name))
			}
		};
	});
}

/** Whether a label names a real ISO week ('2026-W60' matches the pattern but is no week). */
export function isWeek(label: string): boolean {
	if (!/^\d{4}-W\d{2}$/.test(label)) return false;
	try {
		return addWeeks(label, 0) === label;
	} catch {
		return false;
	}
}

export interface ChosenWeek {
	week: string | null;
	/** Said on the page when the address asked for something else. */
	notice: string | null;
}

/** The week asked for, else the default; a week that is no week is said so and replaced. */
export function chooseWeek(base: DashboardBase, requested: string | undefined): ChosenWeek {
	if (requested === undefined || requested === '') return { week: base.defaultWeek, notice: null };
	if (!isWeek(requested)) {
		return {
			week: base.defaultWeek,
			notice: `“${requested.slice(0, 20)}” is not a week (they look like 2026-W47); showing ${base.defaultWeek ?? 'the latest week'} instead.`
		};
	}
	return { week: requested, notice: null };
}

const dayMonth = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
	let found = dayMonth.get(zone);
	if (!found) {
		found = new Intl.DateTimeFormat('en-GB', {
			timeZone: zone,
			day: 'numeric',
			month: 'short',
			year: 'numeric'
		});
		if (dayMonth.size > 50) dayMonth.clear();
		dayMonth.set(zone, found);
	}
	return found;
}

/** "9–15 Nov 2026", "30 Nov – 6 Dec 2026", "29 Dec 2025 – 4 Jan 2026": Monday to Sunday. */
export function weekDates(week: string, zone: string): string {
	const start = isoWeekStart(week, zone);
	const end = isoWeekStart(addWeeks(week, 1), zone) - 1;
	const parts = (instant: number) => {
		const found = formatter(zone).formatToParts(instant);
		const get = (type: string) => found.find((part) => part.type === type)?.value ?? '';
		return { day: get('day'), month: get('month'), year: get('year') };
	};
	const a = parts(start);
	const b = parts(end);
	if (a.year !== b.year) return `${a.day} ${a.month} ${a.year} – ${b.day} ${b.month} ${b.year}`;
	if (a.month !== b.month) return `${a.day} ${a.month} – ${b.day} ${b.month} ${b.year}`;
	return `${a.day}–${b.day} ${b.month} ${b.year}`;
}

/** The weeks a picker offers: those with data, newest first, with their dates. */
export function weekOptions(base: DashboardBase): WeekOption[] {
	return base.options;
}

/** A week page's week and the ways off it: its dates, the picker's weeks, the neighbours. */
export interface WeekNavigation {
	week: string;
	dates: string;
	/** Said on the page when the address asked for something else (ChosenWeek). */
	notice: string | null;
	weeks: WeekOption[];
	previous: string | null;
	next: string | null;
}

/** The navigation of the review, trends and gaps pages, around the week they show. */
export function weekNavigation(
	base: DashboardBase,
	week: string,
	notice: string | null
): WeekNavigation {
	return {
		week,
		dates: weekDates(week, base.zone),
		notice,
		weeks: weekOptions(base),
		...neighbours(base, week)
	};
}

/** The neighbouring weeks that have data, for "previous / next week" links. */
export function neighbours(
	base: DashboardBase,
	week: string
): { previous: string | null; next: string | null } {
	const older = base.weeks.filter((w) => w < week);
	const newer = base.weeks.filter((w) => w > week);
	return { previous: older[0] ?? null, next: newer[newer.length - 1] ?? null };
}
