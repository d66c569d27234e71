import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../detect';
import { ADAPTERS } from '../index';
import { intercomAdapter } from './index';
import { intercomWarehouseAdapter, tableOf } from './warehouse';

const FIXTURES = join(import.meta.dirname, '../../../../../../tests/fixtures/intercom');

/** Files on the command line: each goes by its path. */
const asFiles = (paths: string[]) => paths.map((path) => ({ path, name: path }));

function sample(path: string): string {
	return readFileSync(path, 'utf8').slice(0, 64 * 1024);
}

describe('detection', () => {
	it('recognises every Intercom API payload, sure enough and above the other importers', () => {
		const dir = join(FIXTURES, 'api');
		const files = readdirSync(dir).filter((name) => name.endsWith('.json'));
		expect(files).toHaveLength(47);
		for (const fileName of files) {
			const detected = detectFormat(ADAPTERS, { fileName, sample: sample(join(dir, fileName)) });
			expect([fileName, detected.adapter.name]).toEqual([fileName, 'intercom']);
			expect(detected.confidence).toBeGreaterThanOrEqual(0.8);
		}
	});

	it('recognises an export script’s NDJSON of conversations without a type field', () => {
		const record = JSON.parse(sample(join(FIXTURES, 'api/2.14-reply-user.json'))) as Record<
			string,
			unknown
		>;
		delete record.type;
		const text = `${JSON.stringify(record)}\n${JSON.stringify(record)}\n`;
		const detected = detectFormat(ADAPTERS, { fileName: 'x.ndjson', sample: text });
		expect(detected.adapter.name).toBe('intercom');
		expect(detected.confidence).toBeGreaterThanOrEqual(0.85);
	});

	it('recognises the warehouse conversation and part tables by their header', () => {
		const dir = join(FIXTURES, 'warehouse');
		const detect = (name: string) =>
			intercomWarehouseAdapter.detect({ fileName: name, sample: sample(join(dir, name)) });
		expect(detect('conversation_history_data.csv').confidence).toBe(0.95);
		expect(detect('conversation_part_history_data.csv').confidence).toBe(0.9);
		expect(detect('tag_data.csv').confidence).toBe(0);
		expect(intercomAdapter.detect({ fileName: 'a.json', sample: '{"id": 1}' }).confidence).toBe(0);
	});
});

describe('warehouse table sets', () => {
	it('names tables by file name, with dbt’s _data suffix or a schema prefix', () => {
		expect(tableOf('seeds/conversation_history_data.csv')).toEqual({
			table: 'conversation_history',
			prefix: ''
		});
		expect(tableOf('intercom.conversation_contact_history.csv.gz')).toEqual({
			table: 'conversation_contact_history',
			prefix: 'intercom.'
		});
		expect(tableOf('team_admin.csv')?.table).toBe('team_admin');
		expect(tableOf('contact_history.tsv')?.table).toBe('contact_history');
		expect(tableOf('conversation_history.json')).toBeNull();
		expect(tableOf('heritage.csv')).toBeNull();
	});

	it('claims a set per folder and prefix, led by conversation_history, else the parts table', () => {
		const names = readdirSync(join(FIXTURES, 'warehouse')).map((name) => `w/${name}`);
		const groups = intercomWarehouseAdapter.claimGroup?.(asFiles([...names, 'w/notes.csv'])) ?? [];
		expect(groups).toHaveLength(1);
		expect(groups[0]?.[0]).toBe('w/conversation_history_data.csv');
		expect([...(groups[0] ?? [])].sort()).toEqual([...names].sort());

		expect(
			intercomWarehouseAdapter.claimGroup?.(
				asFiles([
					'a/conversation_part_history.csv',
					'a/tag.csv',
					'b/tag.csv',
					'x_conversation_history.csv',
					'y_conversation_history.csv',
					'y_admin.csv'
				])
			)
		).toEqual([
			['a/conversation_part_history.csv', 'a/tag.csv'],
			['x_conversation_history.csv'],
			['y_conversation_history.csv', 'y_admin.csv']
		]);
	});

	it('claims uploads by the names they were sent with, and answers their temporary paths', () => {
		expect(
			intercomWarehouseAdapter.claimGroup?.([
				{ path: '/uploads/upload-a/9f2c', name: 'tag_data.csv' },
				{ path: '/uploads/upload-b/41d0', name: 'conversation_history_data.csv' },
				{ path: '/uploads/upload-c/77ab', name: 'notes.csv' }
			])
		).toEqual([['/uploads/upload-b/41d0', '/uploads/upload-a/9f2c']]);
	});
});
