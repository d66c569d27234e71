import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFiles } from '../../src/lib/server/ingest/service';
import { testDb } from '../helpers/db';
import { scratchDir } from '../helpers/files';

/**
 * A web upload of a warehouse export: its tables arrive as temporary files under random
 * names, each with the name the user's browser gave it. They must be read together, as the
 * CLI reads the folder, which the tables' own names decide (never the temporary paths).
 */

const FOLDER = join(process.cwd(), 'tests/fixtures/zendesk/fivetran_dbt_zendesk');
const TABLES = readdirSync(FOLDER).sort();

/** The folder's tables copied to random names, each in a folder of its own (as uploads are). */
function asUploads(): { paths: string[]; fileNames: Map<string, string> } {
	const dir = scratchDir('parity-uploads-');
	const fileNames = new Map<string, string>();
	for (const table of TABLES) {
		const folder = join(dir, `upload-${randomBytes(4).toString('hex')}`);
		mkdirSync(folder);
		const path = join(folder, randomBytes(8).toString('hex'));
		copyFileSync(join(FOLDER, table), path);
		fileNames.set(path, table);
	}
	return { paths: [...fileNames.keys()], fileNames };
}

describe('a warehouse export uploaded as temporary files', () => {
	it('is read as one export, as the CLI reads its folder, by the names the user gave', async () => {
		const [fromFolder, ...moreFromFolder] = await importFiles(testDb(), [FOLDER]);
		expect(moreFromFolder).toEqual([]);
		expect(TABLES).toHaveLength(13);

		const { paths, fileNames } = asUploads();
		const reports = await importFiles(testDb(), paths, { fileNames });
		expect(reports.map((report) => [report.fileName, report.format, report.status])).toEqual([
			['ticket_data.csv', 'zendesk-warehouse', 'done']
		]);
		const [report] = reports;
		expect(report?.detection).toBe('read together with 12 companion file(s)');
		expect(report?.counts).toEqual(fromFolder?.counts);
		// Hand-counted in import-zendesk.test.ts: 10 tickets + 20 comments + 12 chat events.
		expect(report?.counts).toMatchObject({
			recordsRead: 42,
			recordsImported: 10,
			recordsRejected: 32
		});
		expect(report?.warnings).toEqual(fromFolder?.warnings);
	});
});
