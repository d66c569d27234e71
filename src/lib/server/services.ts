import { openAppDatabase } from './app';
import type { DbHandle } from './db/client';

/** What request handlers are given: one database handle per server process. */
export interface Services {
	db: DbHandle;
}

let services: Services | null = null;

/** Opens the database once, on server start (hooks' init), and hands the same services out. */
export function startServices(): Services {
	services ??= { db: openAppDatabase() };
	return services;
}
