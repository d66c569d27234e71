import type { Actor } from '../audit';
import type { DbHandle } from '../db/client';
import { finishJob, insertJob, liveJob, setJobPid } from '../db/repos/jobs';
import { drainChanges, type DrainSummary } from '../derive/drain';
import { derivationUpToDate } from '../derive/service';
import { newJobId, startDeriveJob } from './import-jobs';

/**
 * After a change that derived data depends on (bot rules, taxonomy, zone, repeat rules):
 * 'background' runs the derivation in a child process (`parity rollup`) so that pages keep
 * answering while a large database is rescored; 'now' runs it in this process and returns
 * its summary (tests, small databases, the command line). Either way the drain notices what
 * no longer matches the stored derivations (derive/drain.ts), so a derivation interrupted
 * half-way is completed by the next one.
 */
export type DeriveMode = 'background' | 'now';

export interface DerivationRequest {
	mode: DeriveMode;
	/** The background job (an existing one when one was already running). */
	job: string | null;
	summary: DrainSummary | null;
}

export function requestDerivation(
	handle: DbHandle,
	actor: Actor,
	what: string,
	mode: DeriveMode
): DerivationRequest {
	// A child process cannot see an in-memory database (it would open a file of that name).
	if (mode === 'now' || handle.path === ':memory:') {
		return { mode: 'now', job: null, summary: drainChanges(handle) };
	}
	const running = liveJob(handle, 'derive');
	// The running child may have passed its check of the settings already: once it ends,
	// a new one is started if anything is still out of date (below).
	if (running) return { mode, job: running.id, summary: null };
	return { mode, job: startDerivation(handle, actor, what), summary: null };
}

function startDerivation(handle: DbHandle, actor: Actor, what: string): string {
	const job = newJobId();
	insertJob(handle, { id: job, kind: 'derive', label: what, actor: actor.label });
	const started = startDeriveJob({ databasePath: handle.path, job });
	setJobPid(handle, job, started.pid);
	void started.finished
		.then((outcome) => {
			let result: unknown = null;
			try {
				result = JSON.parse(outcome.stdout);
			} catch {
				/* a child that crashed printed no summary */
			}
			finishJob(handle, job, {
				status: outcome.exitCode === 0 ? 'done' : 'failed',
				error: outcome.exitCode === 0 ? null : outcome.output.trim().slice(-500),
				result
			});
			if (outcome.exitCode === 0 && !derivationUpToDate(handle)) {
				startDerivation(handle, actor, `${what} (and later changes)`);
			}
		})
		.catch((error: unknown) => console.error(`derivation job ${job}: ${String(error)}`));
	return job;
}
