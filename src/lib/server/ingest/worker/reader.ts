import { parentPort, workerData } from 'node:worker_threads';
import { importEnricher } from '../../derive/score';
import { ADAPTERS } from '../adapters';
import { readUnit, type UnitToRead } from '../read-unit';
import type { WorkerMessage } from '../parallel';

/**
 * Reads one unit and posts its batches as JSON text (cheaper to pass between threads than a
 * structured clone of the objects), waiting for acknowledgements so that it never runs
 * more than a few batches ahead of the writer: memory stays bounded.
 */
const port = parentPort;
if (!port) throw new Error('reader.ts runs only as a worker thread');
const MAX_IN_FLIGHT = 3;
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
	const reader = readUnit(unit, ADAPTERS, undefined, enrich);
	for (;;) {
		const next = await reader.next();
		if (next.done) {
			post({ type: 'done', outcome: next.value });
			break;
		}
		while (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
		inFlight++;
		post({ type: 'batch', json: JSON.stringify(next.value) });
	}
} catch (error) {
	post({ type: 'error', message: (error as Error).message });
}
