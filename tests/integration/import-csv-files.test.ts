import { isUtf8 } from 'node:buffer';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { setSetting } from '../../src/lib/server/db/repos/settings';
import { importFiles } from '../../src/lib/server/ingest/service';
import { conversation, fixture, mappingFile, messagesOf, rejects } from '../helpers/csv-import';
import { testDb } from '../helpers/db';
import { scratchDir, writeFile } from '../helpers/files';

describe('CSV dates decided from the whole column', () => {
	it('rejects dates that read both ways, saying how to fix it, and reads them with dateOrder', async () => {
		const db = testDb();
		const [report] = await importFiles(db, [fixture('ambiguous-dates.csv')]);
		// A-3's dates (03/03) read the same both ways; A-1's and A-2's do not.
		expect(report?.counts).toMatchObject({ recordsImported: 2, recordsRejected: 4 });
		expect(rejects(db)[0]).toEqual({
			locator: 'line 2',
			reason:
				"timestamp: ambiguous date '01/03/2026 10:00': no date in column timestamp has a day above 12, so day-first and month-first both fit; " +
				'set "dateOrder": "dmy" (day first) or "mdy" (month first) in a mapping file (--mapping map.json)'
		});

		const [fixed] = await importFiles(db, [fixture('ambiguous-dates.csv')], {
			mapping: mappingFile('ambiguous-dates.mapping.json')
		});
		expect(fixed?.counts).toMatchObject({ recordsImported: 4, recordsDuplicate: 2 });
		expect(messagesOf(db, 'A-1')[0]?.at).toBe('2026-01-03T10:00:00Z');
		expect(messagesOf(db, 'A-2')[0]?.at).toBe('2026-05-03T16:20:00Z');
	});

	it('reads the whole file when the first rows cannot decide', async () => {
		const db = testDb();
		// 2,000 rows dated 01/02/2026 (day or month first?) fill more than the 64 KB sample;
		// only the last row, 13/02/2026, says day-first.
		const rows = ['ticket_id,created_at,role,body'];
		for (let i = 0; i < 2000; i++) {
			rows.push(`T${i},01/02/2026 10:00,customer,Hello there — my order has not arrived yet ${i}`);
		}
		rows.push('T-last,13/02/2026 10:00,customer,Last one');
		const file = writeFile(scratchDir(), 'long.csv', rows.join('\n') + '\n');
		expect(readFileSync(file).length).toBeGreaterThan(64 * 1024);
		const [report] = await importFiles(db, [file]);
		expect(report?.counts).toMatchObject({ recordsImported: 2001, recordsRejected: 0 });
		expect(messagesOf(db, 'T0')[0]?.at).toBe('2026-02-01T10:00:00Z');
		expect(messagesOf(db, 'T-last')[0]?.at).toBe('2026-02-13T10:00:00Z');
	});

	it('reads zone-less times in the import zone setting', async () => {
		const db = testDb();
		setSetting(db, 'import.timeZone', 'America/New_York');
		await importFiles(db, [fixture('chat-transcripts.csv')]);
		expect(conversation(db, 'C-501')?.started).toBe('2026-03-05T15:01:47Z');
		expect(messagesOf(db, 'C-501')[0]?.at).toBe('2026-03-05T15:02:00Z');
	});
});

describe('CSV import keeps fragments of one conversation together', () => {
	it('merges a conversation longer than one fragment', async () => {
		const db = testDb();
		const rows = ['conversation_id,timestamp,sender,message'];
		for (let i = 0; i < 2500; i++) {
			const at = new Date(Date.UTC(2026, 2, 2, 9) + i * 1000).toISOString();
			rows.push(`long,${at},${i % 2 ? 'agent' : 'customer'},message ${i}`);
		}
		const file = writeFile(scratchDir(), 'long-conversation.csv', rows.join('\n'));
		const [report] = await importFiles(db, [file]);
		expect(report?.counts).toMatchObject({
			recordsImported: 2500,
			conversationsCreated: 1,
			conversationsUpdated: 1,
			messagesImported: 2500
		});
		expect(conversation(db, 'long')).toMatchObject({ message_count: 2500, handler: 'human' });
	});
});

describe('CSV encodings, delimiters, line ends and gzip', () => {
	const header = 'ticket_id,created_at,sender,message';
	const first = 'E-1,2026-03-02T09:00:00Z,customer,Café “Le Petit” charged me €12.50 twice';
	const second =
		'E-1,2026-03-02T09:01:00Z,agent,Désolé! I’ve refunded the €12.50 — it’s on its way.';
	const bodies = [
		'Café “Le Petit” charged me €12.50 twice',
		'Désolé! I’ve refunded the €12.50 — it’s on its way.'
	];
	const text = [header, first, second].join('\n') + '\n';
	const utf8 = (value: string) => Buffer.from(value, 'utf8');
	const cp1252 = (value: string) => iconv.encode(value, 'windows-1252');

	const mixed = (lines: Buffer[]) => Buffer.concat(lines);
	const cases: Array<[string, string, Buffer, string]> = [
		['UTF-8 with BOM', 'bom.csv', utf8('\uFEFF' + text), 'utf-8-bom'],
		['UTF-16 LE with BOM', 'utf16le.csv', iconv.encode('\uFEFF' + text, 'utf-16le'), 'utf-16le'],
		['UTF-16 BE with BOM', 'utf16be.csv', iconv.encode('\uFEFF' + text, 'utf-16be'), 'utf-16be'],
		['Windows-1252', 'cp1252.csv', cp1252(text), 'windows-1252'],
		[
			'UTF-8 lines, then a Windows-1252 line',
			'mixed.csv',
			mixed([utf8(`${header}\n${first}\n`), cp1252(`${second}\n`)]),
			'utf-8+windows-1252'
		],
		[
			'a Windows-1252 line, then a UTF-8 line',
			'mixed-1252-first.csv',
			mixed([utf8(`${header}\n`), cp1252(`${first}\n`), utf8(`${second}\n`)]),
			'utf-8+windows-1252'
		],
		['CRLF line ends', 'crlf.csv', utf8(text.replace(/\n/g, '\r\n')), 'utf-8']
	];

	it.each(cases)('%s', async (name, fileName, bytes, encoding) => {
		// The 1252 bytes are what makes these files hard: they are not UTF-8.
		if (name.includes('1252')) expect(isUtf8(bytes)).toBe(false);
		const db = testDb();
		const [report] = await importFiles(db, [writeFile(scratchDir(), fileName, bytes)]);
		expect(report).toMatchObject({ status: 'done', format: 'csv', encoding });
		expect(report?.counts).toMatchObject({ recordsImported: 2, recordsRejected: 0 });
		expect(messagesOf(db, 'E-1').map((m) => [m.role, m.body])).toEqual([
			['customer', bodies[0]],
			['agent', bodies[1]]
		]);
	});

	it('a semicolon-delimited file with decimal commas (European Excel)', async () => {
		const db = testDb();
		const content = [
			'Ticket ID;Created At;Sender;Message;Amount',
			'S-1;13/03/2026 10:00;Customer;"Ich wurde doppelt belastet; bitte erstatten";12,50',
			'S-1;13/03/2026 10:05;Agent;Erstattet: 12,50 € – sorry!;12,50'
		].join('\r\n');
		const [report] = await importFiles(db, [writeFile(scratchDir(), 'excel.csv', content)]);
		expect(report?.counts).toMatchObject({ recordsImported: 2, recordsRejected: 0 });
		expect(report?.warnings).toEqual([
			'columns not read (no field of Parity\'s): "Amount"',
			"dates in column Created At read day-first (the whole file decided it, e.g. '13/03/2026 10:00')"
		]);
		expect(messagesOf(db, 'S-1')).toEqual([
			{
				role: 'customer',
				role_origin: 'tool',
				author_name: null,
				at: '2026-03-13T10:00:00Z',
				body: 'Ich wurde doppelt belastet; bitte erstatten'
			},
			{
				role: 'agent',
				role_origin: 'rules',
				author_name: null,
				at: '2026-03-13T10:05:00Z',
				body: 'Erstattet: 12,50 € – sorry!'
			}
		]);
	});

	it('a gzip-compressed CSV (.csv.gz), with a multi-line cell written with CRLF', async () => {
		const db = testDb();
		const content = [
			header,
			'G-1,2026-03-02T09:00:00Z,customer,"Two lines:\r\nsecond line é"',
			'G-1,2026-03-02T09:02:00Z,bot,Thanks — noted.'
		].join('\r\n');
		const file = writeFile(scratchDir(), 'export.csv.gz', content, { gzip: true });
		const [report] = await importFiles(db, [file]);
		expect(report).toMatchObject({ status: 'done', format: 'csv' });
		expect(messagesOf(db, 'G-1').map((m) => [m.role, m.body])).toEqual([
			['customer', 'Two lines:\nsecond line é'],
			['ai', 'Thanks — noted.']
		]);
		expect(conversation(db, 'G-1')?.handler).toBe('ai');
	});
});
