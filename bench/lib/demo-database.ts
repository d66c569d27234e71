import type { DbHandle } from '../../src/lib/server/db/client';
import { defaultDemoConfig, writeDemo } from '../../src/lib/server/demo/index';
import { importFiles } from '../../src/lib/server/ingest/service';

/**
 * The demo data set at `scale` (about 12k conversations each) written to `dir` and imported
 * into `handle` as `npm start` would, each of its sources from its own file: the database the
 * page and download benchmarks measure.
 */
export async function importDemo(
	handle: DbHandle,
	scale: number,
	dir: string
): Promise<{ conversations: number; messages: number }> {
	const written = await writeDemo(defaultDemoConfig({ scale, endWeek: '2026-W47' }), dir);
	for (const file of written.files) {
		const [report] = await importFiles(handle, [file.path], {
			source: file.source,
			format: 'canonical',
			parallel: true
		});
		if (report?.status !== 'done') throw new Error(`import failed: ${report?.error}`);
	}
	return { conversations: written.conversations, messages: written.messages };
}
