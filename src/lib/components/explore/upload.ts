/**
 * Sending export files to the server, apart from the uploader's markup: the preview of a
 * CSV file's first bytes, and the upload itself as the raw body of POST /api/imports with
 * XMLHttpRequest (fetch cannot report upload progress), which can be cancelled. Files chosen
 * together go as one batch (POST /api/imports/batches…): one import of them all, so that
 * the tables of one export are read together, as `parity import <folder>` reads them.
 */
import { filesLabel, type JobProgress, type UploadPreview } from '../../domain/imports';

/** A CSV file is previewed from its first 48 KB: enough for its header and a few rows. */
export const PREVIEW_BYTES = 48 * 1024;

/** Files that may be CSV, so that their columns are checked before the upload. */
export const tabular = (name: string) => /\.(csv|tsv|txt)$/i.test(name);

/** The query both endpoints read: the file's name, and the source and format when given. */
export function uploadQuery(
	upload: { fileName: string; source: string; format: string },
	extra: Record<string, string> = {}
): string {
	const params: Record<string, string> = { filename: upload.fileName, ...extra };
	if (upload.source) params.source = upload.source;
	if (upload.format) params.format = upload.format;
	return new URLSearchParams(params).toString();
}

/** What Parity makes of a file's first bytes; null when it could not say. */
export async function fetchPreview(url: string, head: Blob): Promise<UploadPreview | null> {
	try {
		const response = await fetch(url, {
			method: 'POST',
			headers: { 'content-type': 'application/octet-stream', accept: 'application/json' },
			body: head
		});
		if (!response.ok) return null;
		return (await response.json()) as UploadPreview;
	} catch {
		// The import itself will say what is wrong with the file.
		return null;
	}
}

export type UploadOutcome =
	{ stage: 'started'; job: string } | { stage: 'failed'; error: string } | { stage: 'cancelled' };

/** The server's answer to an upload: the job it started, or why it refused the file. */
export function readUploadAnswer(
	status: number,
	statusText: string,
	responseText: string
): UploadOutcome {
	let body: { job?: string; errors?: Record<string, string> } = {};
	try {
		body = JSON.parse(responseText) as typeof body;
	} catch {
		/* not JSON: reported below */
	}
	if (status >= 200 && status < 300 && body.job) return { stage: 'started', job: body.job };
	return {
		stage: 'failed',
		error:
			Object.values(body.errors ?? {}).join(' ') || `The server answered ${status} ${statusText}.`
	};
}

export interface Sending {
	/** Stops sending: the server removes what it had received of the file. */
	cancel(): void;
	done: Promise<UploadOutcome>;
}

type Answer =
	| { stage: 'answered'; status: number; statusText: string; responseText: string }
	| { stage: 'failed'; error: string }
	| { stage: 'cancelled' };

/** Sends a file as the request body (streamed by the browser), reporting bytes sent. */
function sendBody(
	url: string,
	file: File,
	onprogress: (sent: number) => void
): { cancel(): void; done: Promise<Answer> } {
	const xhr = new XMLHttpRequest();
	const done = new Promise<Answer>((resolve) => {
		xhr.open('POST', url);
		xhr.setRequestHeader('content-type', 'application/octet-stream');
		xhr.setRequestHeader('accept', 'application/json');
		xhr.upload.onprogress = (event) => onprogress(event.loaded);
		xhr.onload = () =>
			resolve({
				stage: 'answered',
				status: xhr.status,
				statusText: xhr.statusText,
				responseText: xhr.responseText
			});
		xhr.onerror = () =>
			resolve({ stage: 'failed', error: 'The upload was interrupted (the connection closed).' });
		xhr.onabort = () => resolve({ stage: 'cancelled' });
		xhr.send(file);
	});
	return { cancel: () => xhr.abort(), done };
}

/** Sends one file, whose import starts as soon as it has arrived. */
export function sendFile(url: string, file: File, onprogress: (sent: number) => void): Sending {
	const sending = sendBody(url, file, onprogress);
	return {
		cancel: sending.cancel,
		done: sending.done.then((answer) =>
			answer.stage === 'answered'
				? readUploadAnswer(answer.status, answer.statusText, answer.responseText)
				: answer
		)
	};
}

async function postJson(url: string, method = 'POST') {
	const response = await fetch(url, { method, headers: { accept: 'application/json' } });
	return { status: response.status, statusText: response.statusText, text: await response.text() };
}

/**
 * Sends files as one batch, one after the other, then starts their import: `onprogress`
 * hears the bytes sent of all files so far and which file is going. Cancelling stops the
 * file being sent and drops the batch: nothing of it is imported.
 */
export function sendBatch(
	files: readonly File[],
	options: { source: string; format: string },
	onprogress: (sent: number, index: number) => void
): Sending {
	let cancelled = false;
	let current: { cancel(): void } | null = null;
	let batch: string | null = null;
	const fail = (error: string): UploadOutcome => ({ stage: 'failed', error });
	const run = async (): Promise<UploadOutcome> => {
		const created = await postJson('/api/imports/batches');
		let body: { batch?: string } = {};
		try {
			body = JSON.parse(created.text) as typeof body;
		} catch {
			/* reported below */
		}
		if (!body.batch) return readUploadAnswer(created.status, created.statusText, created.text);
		batch = body.batch;
		let before = 0;
		for (const [index, file] of files.entries()) {
			if (cancelled) return { stage: 'cancelled' };
			const sending = sendBody(
				`/api/imports/batches/${batch}?${new URLSearchParams({ filename: file.name })}`,
				file,
				(sent) => onprogress(before + sent, index)
			);
			current = sending;
			const answer = await sending.done;
			current = null;
			if (answer.stage !== 'answered') return answer;
			if (answer.status < 200 || answer.status >= 300) {
				const refused = readUploadAnswer(answer.status, answer.statusText, answer.responseText);
				return fail(`${file.name}: ${refused.stage === 'failed' ? refused.error : ''}`);
			}
			before += file.size;
			onprogress(before, index);
		}
		if (cancelled) return { stage: 'cancelled' };
		const query: Record<string, string> = { wait: '0' };
		if (options.source) query.source = options.source;
		if (options.format) query.format = options.format;
		const started = await postJson(
			`/api/imports/batches/${batch}/import?${new URLSearchParams(query)}`
		);
		return readUploadAnswer(started.status, started.statusText, started.text);
	};
	const done = run()
		.catch((error: unknown) => fail(`The upload was interrupted: ${String(error)}`))
		.then(async (outcome) => {
			// What the server holds of a batch that will not be imported goes at once.
			if (outcome.stage !== 'started' && batch !== null) {
				await postJson(`/api/imports/batches/${batch}`, 'DELETE').catch(() => undefined);
			}
			return outcome;
		});
	return {
		cancel: () => {
			cancelled = true;
			current?.cancel();
		},
		done
	};
}

/** The job an upload started, as the job card shows it until its first progress report. */
export function startedJob(job: string, files: readonly File[]): JobProgress {
	return {
		job,
		fileName: filesLabel(files.map((file) => file.name)),
		actor: '',
		sizeBytes: files.reduce((sum, file) => sum + file.size, 0),
		startedAt: Date.now(),
		finishedAt: null,
		phase: 'starting',
		error: null,
		imports: [],
		awaiting: []
	};
}
