import { Cron } from 'croner';
import { previousScheduledRun } from '../schedule';
import type { DbHandle } from '../db/client';
import { getSetting } from '../db/repos/settings';
import { deliverOutbox, type DeliveryReport } from './deliver';
import { sendDigest, type DigestReport } from './digest';
import { evaluateAlerts, lastCompleteWeek, type EvaluationReport } from './evaluate';
import { transportFromEnv, type MailTransport } from './transport';
import type { AlertSource } from './types';

/**
 * The server's own timetable: the weekly run (evaluate the week that just ended, queue the
 * digest) at `digest.schedule` in `org.timeZone`, and the delivery loop every few seconds.
 * Timers are real; everything they call takes its clock as a parameter and is tested there.
 */

/** Until the analytics layer is wired in: no findings, no digest, nothing sent. */
export const NO_ANALYTICS: AlertSource = {
	findingsForWeek: () => [],
	digestForWeek: () => null
};

export interface SchedulerServices {
	db: DbHandle;
}

export interface SchedulerOptions {
	source?: AlertSource;
	transport?: MailTransport;
	now?: () => number;
	/** How often the delivery loop looks for due messages (and for schedule changes). */
	deliveryIntervalMs?: number;
	env?: Record<string, string | undefined>;
	log?: (line: string) => void;
}

export interface WeeklyRunReport {
	week: string;
	evaluation: EvaluationReport;
	digest: DigestReport | 'disabled';
}

export interface Scheduler {
	/** The weekly run for the week before `at` (default now); safe to repeat. */
	runWeekly(at?: number): Promise<WeeklyRunReport>;
	/** One pass of the delivery loop; concurrent calls share the pass in flight. */
	deliverNow(): Promise<DeliveryReport>;
	nextWeeklyRun(): Date | null;
	/** The run made up at start for a schedule missed while the server was down. */
	readonly catchUp: Promise<WeeklyRunReport | null>;
	readonly transport: MailTransport;
	stop(): void;
}

export function startScheduler(
	services: SchedulerServices,
	options: SchedulerOptions = {}
): Scheduler {
	const handle = services.db;
	const now = options.now ?? Date.now;
	const source = options.source ?? NO_ANALYTICS;
	const transport = options.transport ?? transportFromEnv(options.env);
	const log = options.log ?? ((line: string) => console.log(line));
	let stopped = false;
	let delivering: Promise<DeliveryReport> | null = null;
	let job: Cron | null = null;
	let jobSignature = '';

	async function runWeekly(at = now()): Promise<WeeklyRunReport> {
		const week = lastCompleteWeek(at, getSetting(handle, 'org.timeZone'));
		const evaluation = await evaluateAlerts(handle, {
			...source,
			week,
			now,
			env: options.env,
			log
		});
		const digest = getSetting(handle, 'digest.enabled')
			? await sendDigest(handle, {
					digestForWeek: source.digestForWeek,
					week,
					now,
					env: options.env
				})
			: 'disabled';
		log(
			// "Newly": alerts fired by an earlier run stay open without firing again.
			`alerts: week ${week}: ${evaluation.fired.length} newly fired, ${evaluation.stillOpen} still open, ${evaluation.resolved.length} resolved; digest ${
				typeof digest === 'string' ? digest : digest.outcome
			}`
		);
		await deliverNow();
		return { week, evaluation, digest };
	}

	function deliverNow(): Promise<DeliveryReport> {
		delivering ??= deliverOutbox(handle, transport, { now })
			.then((report) => {
				for (const message of report.messages)
					if (message.outcome !== 'sent')
						log(`alerts: outbox #${message.id} ${message.outcome}: ${message.detail}`);
				return report;
			})
			.finally(() => {
				delivering = null;
			});
		return delivering;
	}

	function weekly(): void {
		if (!options.source || stopped) return;
		runWeekly().catch((error: unknown) =>
			log(`alerts: weekly run failed: ${(error as Error).message}`)
		);
	}

	/** (Re)creates the cron job when the schedule or the zone changed in the settings. */
	function syncSchedule(): void {
		const pattern = getSetting(handle, 'digest.schedule');
		const timeZone = getSetting(handle, 'org.timeZone');
		const signature = `${pattern}|${timeZone}`;
		if (signature === jobSignature) return;
		job?.stop();
		jobSignature = signature;
		// Unreferenced: a pending weekly run must not keep a stopping server alive.
		job = new Cron(pattern, { timezone: timeZone, protect: true, unref: true }, weekly);
	}

	syncSchedule();
	// A run missed while the server was down is made up at start; it is idempotent, so a
	// run that did happen is not repeated (the digest's dedupe key, the alerts' state).
	// Without analytics there is nothing to evaluate: an empty week would look like every
	// segment recovering.
	const missed = options.source
		? previousScheduledRun(
				getSetting(handle, 'digest.schedule'),
				getSetting(handle, 'org.timeZone'),
				now()
			)
		: null;
	if (!options.source) log('alerts: no analytics source wired; only the outbox is delivered');
	const catchUp =
		missed !== null && now() - missed < 7 * 24 * 3600_000
			? runWeekly(missed).catch((error: unknown) => {
					log(`alerts: catch-up run failed: ${(error as Error).message}`);
					return null;
				})
			: Promise.resolve(null);

	const interval = setInterval(() => {
		if (stopped) return;
		try {
			syncSchedule();
		} catch (error) {
			log(`alerts: schedule not updated: ${(error as Error).message}`);
		}
		deliverNow().catch((error: unknown) =>
			log(`alerts: delivery failed: ${(error as Error).message}`)
		);
	}, options.deliveryIntervalMs ?? 15_000);
	interval.unref();

	return {
		runWeekly,
		deliverNow,
		// From the clock the scheduler was given, so that what it reports agrees with what it did.
		nextWeeklyRun: () => job?.nextRun(new Date(now())) ?? null,
		catchUp,
		transport,
		stop() {
			stopped = true;
			clearInterval(interval);
			job?.stop();
			transport.close();
		}
	};
}
