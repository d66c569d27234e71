import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../src/lib/server/app';
import { rejectCount } from '../../src/lib/server/db/repos/imports';
import { rejectsCsvLines, rejectsCsvName } from '../../src/lib/server/dashboard/rejects-csv';
import { importFiles } from '../../src/lib/server/ingest/service';
import { scratchDir, writeFile } from '../helpers/files';

const good = (id: string) =>
	JSON.stringify({
		id,
		channel: 'chat',
		customer: { email: `${id}@example.com` },
		messages: [
			{ role: 'customer', created_at: '2026-11-02T09:00:00Z', text: 'Hello' },
			{ role: 'ai', created_at: '2026-11-02T09:00:03Z', text: 'Hi, how can I help?' }
		]
	});

describe('an import’s rejects as CSV', () => {
	it('lists every reject, page after page, with its place, field, problem and the record as read', async () => {
		const dir = scratchDir();
		const handle = openAppDatabase(join(dir, 'parity.db'));
		const badDate = good('c3').replace('2026-11-02T09:00:03Z', '31/02/2026 16:45');
		const file = writeFile(
			dir,
			'export.ndjson',
			[good('c1'), '{"id": "c2", "channel": ', badDate, good('c4'), '[1, 2]'].join('\n') + '\n'
		);
		const [report] = await importFiles(handle, [file]);
		const importId = report!.importId!;
		expect(rejectCount(handle, importId)).toBe(3);

		// Pages of two: the third reject is on a page of its own, and nothing repeats.
		const text = [...rejectsCsvLines(handle, importId, 2)].join('');
		expect(text.startsWith('\uFEFFrecord,field,problem,record_as_read\r\n')).toBe(true);
		const rows = text.slice(1).trimEnd().split('\r\n');
		expect(rows.slice(1)).toEqual([
			'line 2,,not JSON: Unexpected end of JSON input,"{""id"": ""c2"", ""channel"": "',
			"line 3 (id c3),messages[1].created_at,not a date: '31/02/2026 16:45'," +
				'"{""id"":""c3"",""channel"":""chat"",""customer"":{""email"":""[EMAIL]""},' +
				'""messages"":[{""role"":""customer"",""created_at"":""2026-11-02T09:00:00Z"",""text"":""Hello""},' +
				'{""role"":""ai"",""created_at"":""31/02/2026 16:45"",""text"":""Hi, how can I help?""}]}"',
			'line 5,record,"Invalid input: expected object, received array; got [1,2]","[1, 2]"'
		]);
		// The record as read is stored minimised, as everything imported is by default.
		expect(text).not.toContain('c3@example.com');

		expect(rejectsCsvName(handle, importId)).toBe(`rejects-${importId}-export-ndjson.csv`);
		expect(rejectsCsvName(handle, importId + 1)).toBeNull();
		handle.close();
	});
});
