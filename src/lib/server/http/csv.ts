import { error } from '@sveltejs/kit';

/** A CSV download: the file, or 404 when the address names nothing to download. */
export function csvResponse(file: { name: string; csv: string } | null): Response {
	if (!file) error(404, 'There is no such chart for these filters.');
	// The byte-order mark makes Excel read the file as UTF-8 (topic names need not be ASCII).
	return new Response('\uFEFF' + file.csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${file.name.replace(/[^\w.-]/g, '_')}"`
		}
	});
}

/**
 * A CSV download streamed from its lines (BOM and header first), one chunk per pull: a file
 * of hundreds of thousands of rows never sits in memory whole.
 */
export function csvStream(lines: Generator<string>, fileName: string): Response {
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		pull(controller) {
			const next = lines.next();
			if (next.done) controller.close();
			else controller.enqueue(encoder.encode(next.value));
		},
		cancel() {
			lines.return(undefined);
		}
	});
	return new Response(body, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`
		}
	});
}
