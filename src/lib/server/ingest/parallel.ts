import { Worker } from 'node:worker_threads';
import type { StagedBatch, UnitOutcome, UnitToRead } from './read-unit';

export type WorkerMessage =
	| { type: 'batch'; json: string }
	| { type: 'done'; outcome: UnitOutcome }
	| { type: 'error'; message: string };

const entry = new URL('./worker/reader-entry.js', import.meta.url);

/**
 * readUnit in a worker thread: parsing, normalising and fingerprinting run on one core
 * while the calling thread writes the previous batch on the other; scoring goes to whichever
 * has the time (worker/reader.ts). Same contract as readUnit, except that a batch may come
 * unscored: batches are yielded, the outcome returned; an error in the worker is thrown here.
 */
export async function* readUnitInWorker(
	unit: UnitToRead
): AsyncGenerator<StagedBatch, UnitOutcome> {
	const worker = new Worker(entry, {
		workerData: unit,
		// Caps on the reader's heap, whose working set is ~30 MB (lexicons and the batches in
		// flight): the import's memory stays flat whatever the file size, and a single record of
		// tens of megabytes still fits.
		resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 96 }
	});
	const queue: WorkerMessage[] = [];
	let notify: (() => void) | null = null;
	let failure: Error | null = null;
	worker.on('message', (message: WorkerMessage) => {
		queue.push(message);
		notify?.();
	});
	worker.on('error', (error) => {
		failure = error;
		notify?.();
	});
	worker.on('exit', (code) => {
		if (code !== 0) failure ??= new Error(`the reader thread stopped with exit code ${code}`);
		notify?.();
	});
	try {
		for (;;) {
			const message = queue.shift();
			if (!message) {
				if (failure) throw failure;
				await new Promise<void>((resolve) => (notify = resolve));
				notify = null;
				continue;
			}
			if (message.type === 'error') throw new Error(message.message);
			if (message.type === 'done') return message.outcome;
			worker.postMessage('ack');
			yield JSON.parse(message.json) as StagedBatch;
		}
	} finally {
		await worker.terminate();
	}
}
