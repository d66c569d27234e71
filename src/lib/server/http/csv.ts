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
