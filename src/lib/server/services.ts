import { openAppDatabase } from './app';
import type { DbHandle } from './db/client';
import { loadDemoOnFirstStart } from './demo/index';

/** What request handlers are given: one database handle per server process. */
export interface Services {
	db: DbHandle;
}

let services: Services | null = null;
let firstStart: Promise<unknown> | null = null;

/** Opens the database once, on server start (hooks' init), and hands the same services out. */
export function startServices(): Services {
	services ??= { db: openAppDatabase() };
	return services;
}

/**
 * Server start: the services, and on the first start of an empty database the demo data set
 * (unless PARITY_DEMO=off), so that a fresh install shows a working dashboard.
 */
export async function prepareServices(): Promise<Services> {
	const ready = startServices();
	firstStart ??= loadDemoOnFirstStart(ready.db).catch((error: unknown) => {
		console.error(`Could not load the demo data set: ${(error as Error).message}`);
	});
	await firstStart;
	return ready;
}
