import { recordServerAddress } from './alerts/base-url';
import { startScheduler, type Scheduler } from './alerts/scheduler';
import { evaluateAfterImport } from './alerts/service';
import { analyticsSource } from './alerts/source';
import { openAppDatabase } from './app';
import { markInterruptedJobs } from './db/repos/jobs';
import { startBackupSchedule, type BackupSchedule } from './db/scheduled-backups';
import { prepareDummy } from './auth/password';
import { createSetupState, type SetupState } from './auth/setup';
import type { DbHandle } from './db/client';
import { loadDemoOnFirstStart } from './demo/index';
import { uploadDir } from './paths';
import { startRetentionSchedule, type RetentionSchedule } from './privacy/retention';
import { sweepUploads } from './uploads/receive';

/** What request handlers are given: one database handle per server process. */
export interface Services {
	db: DbHandle;
	/** The first-admin setup code, while the installation has no account. */
	setup: SetupState;
	/** Where uploads are streamed while they are imported. */
	uploadDir: string;
}

let services: Services | null = null;
let firstStart: Promise<unknown> | null = null;
let scheduler: Scheduler | null = null;
let backups: BackupSchedule | null = null;
let retention: RetentionSchedule | null = null;

/** Opens the database once, on server start (hooks' init), and hands the same services out. */
export function startServices(): Services {
	if (!services) {
		const db = openAppDatabase();
		// An upload's job whose server stopped under it ends interrupted, as its imports did
		// (openAppDatabase): its card, still open in a browser, says so and what to do.
		markInterruptedJobs(db);
		// Emails queued by the CLI link here too (alerts/base-url.ts).
		recordServerAddress(db, process.env);
		services = { db, setup: createSetupState(db, (line) => console.log(line)), uploadDir };
		void sweepUploads(uploadDir, 6 * 60 * 60 * 1000);
		void prepareDummy();
	}
	return services;
}

/**
 * Server start: the services, and on the first start of an empty database the demo data set
 * (unless PARITY_DEMO=off), so that a fresh install shows a working dashboard.
 */
export async function prepareServices(): Promise<Services> {
	const ready = startServices();
	firstStart ??= loadDemoOnFirstStart(ready.db)
		.catch((error: unknown) => {
			console.error(`Could not load the demo data set: ${(error as Error).message}`);
		})
		.then(async (loaded) => {
			// A fresh install raises the alerts the demo data call for. No recipient is made up:
			// until an admin sets one, alerts are recorded on the Alerts page and nothing is
			// queued for email (a placeholder address would fill the outbox with mail to nobody).
			if (loaded) await evaluateAfterImport(ready.db);
			// The weekly digest on its schedule, alert delivery every few seconds, and a run
			// made up for a schedule missed while the server was down.
			scheduler ??= startScheduler({ db: ready.db }, { source: analyticsSource(ready.db) });
			// The automatic backups on theirs (Admin → System settings).
			backups ??= startBackupSchedule(ready.db);
			// Conversations past the retention period (Admin → System settings), now and nightly.
			retention ??= startRetentionSchedule(ready.db);
			// adapter-node's graceful shutdown (SIGTERM/SIGINT): stop scheduling, close the file.
			process.once('sveltekit:shutdown', () => {
				scheduler?.stop();
				backups?.stop();
				retention?.stop();
				ready.db.close();
			});
		});
	await firstStart;
	return ready;
}
