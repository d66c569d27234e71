import { Cron } from 'croner';

/**
 * Cron schedules in the organisation's zone, as the weekly digest and the automatic backups
 * use them: when one last ran and when it runs next.
 */

/** The schedule's most recent run at or before `now`, or null. */
export function previousScheduledRun(
	pattern: string,
	timeZone: string,
	now: number
): number | null {
	const cron = new Cron(pattern, { timezone: timeZone, paused: true });
	try {
		return cron.previousRuns(1, new Date(now))[0]?.getTime() ?? null;
	} finally {
		cron.stop();
	}
}

export function nextScheduledRun(pattern: string, timeZone: string, now: number): number | null {
	const cron = new Cron(pattern, { timezone: timeZone, paused: true });
	try {
		return cron.nextRun(new Date(now))?.getTime() ?? null;
	} finally {
		cron.stop();
	}
}
