/**
 * Sending one export file to the server, apart from the uploader's markup: the preview of a
 * CSV file's first bytes, and the upload itself as the raw body of POST /api/imports with
 * XMLHttpRequest (fetch cannot report upload progress), which can be cancelled.
 */
import type { JobProgress, UploadPreview } from '../../domain/imports';

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

/** Sends a file as the request body (streamed by the browser), reporting bytes sent. */
export function sendFile(url: string, file: File, onprogress: (sent: number) => void): Sending {
	const xhr = new XMLHttpRequest();
	const done = new Promise<UploadOutcome>((resolve) => {
		xhr.open('POST', url);
		xhr.setRequestHeader('content-type', 'application/octet-stream');
		xhr.setRequestHeader('accept', 'application/json');
		xhr.upload.onprogress = (event) => onprogress(event.loaded);
		xhr.onload = () => resolve(readUploadAnswer(xhr.status, xhr.statusText, xhr.responseText));
		xhr.onerror = () =>
			resolve({ stage: 'failed', error: 'The upload was interrupted (the connection closed).' });
		xhr.onabort = () => resolve({ stage: 'cancelled' });
		xhr.send(file);
	});
	return { cancel: () => xhr.abort(), done };
}

/** The job an upload started, as the job card shows it until its first progress report. */
export function startedJob(job: string, file: File): JobProgress {
	return {
		job,
		fileName: file.name,
		actor: '',
		sizeBytes: file.size,
		startedAt: Date.now(),
		finishedAt: null,
		phase: 'starting',
		error: null,
		imports: []
	};
}
