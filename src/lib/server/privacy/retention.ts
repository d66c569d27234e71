import { Cron } from 'croner';
import { setImmediate as yieldToServer } from 'node:timers/promises';
import { isoWeekOf, isoWeekStart, instantToWallTime, wallTimeToInstant } from '../../domain/time';
import { audit, type Actor } from '../audit';
import type { DbHandle } from '../db/client';
import {
	deleteConversationsBefore,
	deleteRejectsBefore,
	retentionFootprint,
	type RetentionFootprint
} from '../db/repos/retention';
import { getSetting, setSetting, type SettingValue } from '../db/repos/settings';
import { drainChanges } from '../derive/drain';

/**
 * Retention: conversations are kept `privacy.retentionMonths` months and then deleted, a whole
 * week at a time, so that a week is either all there or gone and no weekly figure rests on
 * part of a week. The week that holds the day N months ago is kept with everything after it:
 * what is kept always covers at least N months. The weeks deleted conversations counted in are
 * recomputed (they empty), so no figure counts what is gone; rejected records of imports from
 * before the cutoff go too, as they hold raw records. Backups taken earlier still hold it all.
 */

export type RetentionOutcome = NonNullable<SettingValue<'privacy.retentionLast'>>;

/** When the server sweeps, in the organisation's zone: every day at 04:00, after the backup. */
export const RETENTION_SCHEDULE = '0 4 * * *';

/**
 * Conversations per transaction: the server answers pages between them (bench:retention:
 * ~22 ms a chunk, with a merge of the search index now and then of up to ~1.3 s).
 */
const DELETE_CHUNK = 1_000;

export const RETENTION_ACTOR: Actor = { userId: null, label: 'retention', address: null };

/**
 * The first instant kept: Monday 00:00, in `timeZone`, of the week holding the calendar day
 * `months` months before `now` (the 31st going back to a shorter month is its last day).
 */
export function retentionCutoff(
	months: number,
	timeZone: string,
	now: number
): { week: string; instant: number } {
	const today = instantToWallTime(now, timeZone);
	const monthIndex = today.year * 12 + (today.month - 1) - months;
	const year = Math.floor(monthIndex / 12);
	const month = (monthIndex % 12) + 1;
	const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
	const day = wallTimeToInstant(
		{ year, month, day: Math.min(today.day, lastDay), hour: 12 },
		timeZone
	);
	const week = isoWeekOf(day, timeZone);
	return { week, instant: isoWeekStart(week, timeZone) };
}

export interface RetentionPlan extends RetentionFootprint {
	months: number;
	/** Conversations that started before this week are deleted. */
	beforeWeek: string;
	before: number;
}

/** The stored setting's cutoff at `now` (what imports reject); null: kept for good. */
export function currentRetentionCutoff(
	handle: DbHandle,
	now = Date.now()
): { week: string; instant: number } | null {
	const months = getSetting(handle, 'privacy.retentionMonths');
	return months === null ? null : retentionCutoff(months, getSetting(handle, 'org.timeZone'), now);
}

/** What a sweep now would delete; null when conversations are kept for good. */
export function retentionPlan(handle: DbHandle, now = Date.now()): RetentionPlan | null {
	const months = getSetting(handle, 'privacy.retentionMonths');
	const cutoff = currentRetentionCutoff(handle, now);
	if (months === null || cutoff === null) return null;
	return {
		months,
		beforeWeek: cutoff.week,
		before: cutoff.instant,
		...retentionFootprint(handle, cutoff.instant)
	};
}

/**
 * Deletes what the retention setting no longer keeps, a chunk per transaction, recomputes
 * the weeks it touched, records the outcome for the admin's page and audits a sweep that
 * deleted anything. Null when conversations are kept for good.
 */
export async function applyRetention(
	handle: DbHandle,
	actor: Actor = RETENTION_ACTOR,
	now = Date.now()
): Promise<RetentionOutcome | null> {
	const plan = retentionPlan(handle, now);
	if (!plan) return null;
	const outcome: RetentionOutcome = {
		at: now,
		beforeWeek: plan.beforeWeek,
		conversations: 0,
		messages: 0,
		rejects: 0,
		error: null
	};
	try {
		for (;;) {
			const deleted = deleteConversationsBefore(handle, plan.before, DELETE_CHUNK);
			outcome.conversations += deleted.conversations;
			outcome.messages += deleted.messages;
			if (deleted.conversations < DELETE_CHUNK) break;
			await yieldToServer();
		}
		outcome.rejects = deleteRejectsBefore(handle, plan.before);
		drainChanges(handle);
	} catch (error) {
		outcome.error = (error as Error).message;
	}
	setSetting(handle, 'privacy.retentionLast', outcome);
	if (outcome.conversations > 0 || outcome.rejects > 0 || outcome.error !== null)
		audit(
			handle,
			actor,
			'retention',
			`before ${plan.beforeWeek}`,
			{
				conversations: outcome.conversations,
				messages: outcome.messages,
				rejects: outcome.rejects,
				...(outcome.error === null ? {} : { error: outcome.error })
			},
			now
		);
	return outcome;
}

export interface RetentionSchedule {
	/** The sweep made at start, done. */
	started: Promise<RetentionOutcome | null>;
	stop(): void;
}

/**
 * Sweeps once at start (a server that was down at 04:00 catches up) and then on
 * RETENTION_SCHEDULE in the organisation's zone, following a change of zone.
 */
export function startRetentionSchedule(
	handle: DbHandle,
	log: (line: string) => void = (line) => console.log(line)
): RetentionSchedule {
	let running: Promise<RetentionOutcome | null> | null = null;
	const sweep = () => {
		running ??= applyRetention(handle)
			.then((outcome) => {
				if (outcome && (outcome.conversations > 0 || outcome.error))
					log(
						outcome.error
							? `retention: failed: ${outcome.error}`
							: `retention: deleted ${outcome.conversations} conversations that started before ${outcome.beforeWeek}`
					);
				return outcome;
			})
			// A sweep that could not start (its settings unreadable) must not take the server
			// down as an unhandled rejection: it is logged and tried again next night.
			.catch((error: unknown) => {
				log(`retention: failed: ${(error as Error).message}`);
				return null;
			})
			.finally(() => {
				running = null;
			});
		return running;
	};
	let zone = '';
	let job: Cron | null = null;
	const sync = () => {
		const next = getSetting(handle, 'org.timeZone');
		if (next === zone) return;
		zone = next;
		job?.stop();
		// Unreferenced: a pending sweep must not keep a stopping server alive.
		job = new Cron(RETENTION_SCHEDULE, { timezone: zone, protect: true, unref: true }, () => {
			void sweep();
		});
	};
	sync();
	const interval = setInterval(() => {
		try {
			sync();
		} catch (error) {
			log(`retention: schedule not updated: ${(error as Error).message}`);
		}
	}, 60_000);
	interval.unref();
	return {
		started: sweep(),
		stop() {
			clearInterval(interval);
			job?.stop();
		}
	};
}
