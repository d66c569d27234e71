import { parentPort, workerData } from 'node:worker_threads';
import { importEnricher } from '../../derive/score';
import { ADAPTERS } from '../adapters';
import { readUnit, type UnitToRead } from '../read-unit';
import type { WorkerMessage } from '../parallel';

/**
 * Reads one unit and posts its batches as JSON text (cheaper to pass between threads than a
 * structured clone of the objects), waiting for acknowledgements so that it never runs
 * more than a few batches ahead of the writer: memory stays bounded.
 *
 * Enrichment (the scores written beside new conversations) is done on whichever thread has
 * time for it: here while the writer has batches enough waiting, else by the writer
 * (pipeline.ts), which would otherwise wait for this thread: reading a CSV file costs more
 * than writing it, reading NDJSON less.
 */
const port = parentPort;
if (!port) throw new Error('reader.ts runs only as a worker thread');
const MAX_IN_FLIGHT = 3;
/**
 * Batches waiting for the writer at which this thread enriches the next one itself. Below it
 * the writer is about to wait, and scores the batch in time it would otherwise spend idle.
 * On bench:import's 1M messages, 2 left about 5 of 200 NDJSON batches and 180 of 200 CSV
 * batches to the writer: CSV 29.5 → 25.3 s, NDJSON 18.7 → 18.0 s (alternating runs).
 */
const ENRICH_HERE_WHEN_WAITING = 2;
let inFlight = 0;
let wake: (() => void) | null = null;
port.on('message', (message: 'ack') => {
	if (message !== 'ack') return;
	inFlight--;
	wake?.();
	wake = null;
});
const post = (message: WorkerMessage) => port.postMessage(message);

try {
	const unit = workerData as UnitToRead;
	// The wiring of the worker: the same enricher the calling thread would have used.
	const enrich = unit.enrichWith === null ? undefined : importEnricher(unit.enrichWith);
	const reader = readUnit(unit, ADAPTERS);
	for (;;) {
		const next = await reader.next();
		if (next.done) {
			post({ type: 'done', outcome: next.value });
			break;
		}
		while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
		if (enrich && inFlight >= ENRICH_HERE_WHEN_WAITING)
			for (const staged of next.value.staged) staged.enriched = enrich(staged.conversation);
		inFlight++;
		post({ type: 'batch', json: JSON.stringify(next.value) });
	}
} catch (error) {
	post({ type: 'error', message: (error as Error).message });
}
