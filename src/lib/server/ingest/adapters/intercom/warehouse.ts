import { basename, dirname } from 'node:path';
import { openWarehouseScratch, type WarehouseScratch } from '../../../db/repos/scratch';
import type { OpenedInput } from '../../input';
import { readCsv, sniffDelimiter } from '../../readers/csv';
import type { Adapter, AdapterContext, AdapterItem } from '../../types';
import {
	mapOrphanParts,
	mapWarehouseConversation,
	warehouseTime,
	type Admin,
	type Row,
	type WarehouseLookups
} from './warehouse-map';
import { count, noun } from '../../../../plural';

/**
 * Intercom's warehouse tables (Fivetran's connector schema) imported together as one
 * source. Every table is staged in a scratch SQLite file as it streams past, keeping only
 * the latest version of each history row, then conversations are read back one at a time
 * with their parts, tags and contact: memory stays bounded whatever the export's size, and
 * each conversation is stored once, complete (its close time and handler known).
 */

/** Longest first: `conversation_contact_history` ends in `contact_history`, `team_admin` in `admin`. */
const TABLES = [
	'conversation_contact_history',
	'conversation_part_history',
	'conversation_tag_history',
	'contact_company_history',
	'conversation_history',
	'company_tag_history',
	'contact_tag_history',
	'company_history',
	'contact_history',
	'team_admin',
	'admin',
	'team',
	'tag'
] as const;
type Table = (typeof TABLES)[number];

/**
 * Tables of the set that say nothing about a conversation: claimed, so that no other
 * importer reads them as conversations, and counted in a warning.
 */
const UNUSED: ReadonlySet<Table> = new Set([
	'company_history',
	'contact_company_history',
	'company_tag_history',
	'contact_tag_history',
	'team_admin'
]);

/**
 * The table a file holds, from its name: `conversation_history.csv`, dbt's seed
 * `conversation_history_data.csv`, or with a schema prefix (`intercom.tag.csv.gz`).
 */
export function tableOf(fileName: string): { table: Table; prefix: string } | null {
	const name = basename(fileName)
		.toLowerCase()
		.replace(/\.gz$/, '')
		.replace(/\.(csv|tsv|txt)$/, '')
		.replace(/_data$/, '');
	if (name === basename(fileName).toLowerCase()) return null; // not a CSV-family file
	for (const table of TABLES) {
		if (name === table) return { table, prefix: '' };
		const separator = name.charAt(name.length - table.length - 1);
		if (name.endsWith(table) && ['.', '_', '-'].includes(separator)) {
			return { table, prefix: name.slice(0, name.length - table.length) };
		}
	}
	return null;
}

function headerOf(sample: string): string[] {
	const line = sample.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
	return line.split(sniffDelimiter(sample)).map((c) => c.replace(/"/g, '').trim().toLowerCase());
}

function tableFromHeader(sample: string): Table | null {
	const header = new Set(headerOf(sample));
	if (header.has('id') && header.has('source_delivered_as') && header.has('source_author_type')) {
		return 'conversation_history';
	}
	if (header.has('conversation_id') && header.has('part_type') && header.has('author_type')) {
		return 'conversation_part_history';
	}
	return null;
}

async function* csvRows(file: OpenedInput) {
	let header: string[] | null = null;
	for await (const row of readCsv(file.text(), { delimiter: sniffDelimiter(file.sample) })) {
		if (!row.ok) {
			yield { ok: false as const, line: row.lineNumber, error: row.error, raw: row.raw };
			continue;
		}
		if (header === null) {
			header = row.fields.map((name) => name.trim().toLowerCase());
			continue;
		}
		const values: Record<string, string> = {};
		row.fields.forEach((value, index) => {
			const name = header?.[index];
			if (name && value.trim() !== '') values[name] = value;
		});
		yield { ok: true as const, line: row.lineNumber, values, raw: row.raw };
	}
}

const OLDEST = -1e18;

interface Staging {
	scratch: WarehouseScratch;
	lookups: WarehouseLookups & { admins: Map<string, Admin>; teams: Map<string, string> };
	tags: Map<string, string | null>;
	context: AdapterContext;
}

/** Stages one table; yields rejects for conversation and part rows that cannot be used. */
async function* stage(file: OpenedInput, table: Table, s: Staging): AsyncGenerator<AdapterItem> {
	const time = (value: string | undefined) => {
		const at = warehouseTime(value, s.lookups.zone);
		return typeof at === 'number' ? at : OLDEST;
	};
	let unreadable = 0;
	for await (const row of csvRows(file)) {
		const locator = `${file.fileName} line ${row.line}`;
		const counted = table === 'conversation_history' || table === 'conversation_part_history';
		if (!row.ok) {
			if (counted) yield { kind: 'reject', locator, records: 1, reason: row.error, raw: row.raw };
			else unreadable++;
			continue;
		}
		const v = row.values;
		const missing = (column: string) =>
			({
				kind: 'reject',
				locator,
				records: 1,
				reason: `${column}: missing`,
				raw: row.raw
			}) as const;
		const version = { version: time(v.updated_at), tiebreak: time(v._fivetran_synced) };
		switch (table) {
			case 'conversation_history':
				if (!v.id) yield missing('id');
				else
					s.scratch.put(
						'conversation',
						{ id: v.id, parent: null, ...version },
						JSON.stringify(v),
						row.raw
					);
				break;
			case 'conversation_part_history':
				if (!v.id) yield missing('id');
				else if (!v.conversation_id) yield missing('conversation_id');
				else
					s.scratch.put(
						'part',
						{ id: v.id, parent: v.conversation_id, ...version },
						JSON.stringify(v),
						row.raw
					);
				break;
			case 'contact_history':
				if (v.id)
					s.scratch.put('contact', { id: v.id, parent: null, ...version }, JSON.stringify(v), '');
				else unreadable++;
				break;
			case 'conversation_tag_history':
			case 'conversation_contact_history': {
				const child = table === 'conversation_tag_history' ? v.tag_id : v.contact_id;
				if (v.conversation_id && child) {
					s.scratch.link(table, v.conversation_id, child, time(v.conversation_updated_at));
				} else unreadable++;
				break;
			}
			case 'tag':
				if (v.id)
					s.tags.set(v.id, v._fivetran_deleted?.toLowerCase() === 'true' ? null : (v.name ?? null));
				else unreadable++;
				break;
			case 'admin':
				if (v.id) s.lookups.admins.set(v.id, { name: v.name, email: v.email });
				else unreadable++;
				break;
			case 'team':
				if (v.id && v.name) s.lookups.teams.set(v.id, v.name);
				else unreadable++;
				break;
		}
	}
	if (unreadable > 0) {
		s.context.warn(
			`${file.fileName}: ${count(unreadable, 'row')} unreadable or without an id, ignored`
		);
	}
}

/** The customer: the source's author when a contact wrote in, else the first linked contact. */
function customerId(row: Row, linked: readonly string[]): string | null {
	const type = row.source_author_type?.toLowerCase();
	if (row.source_author_id && (type === 'user' || type === 'lead' || type === 'contact')) {
		return row.source_author_id;
	}
	return linked[0] ?? null;
}

async function* emit(s: Staging): AsyncGenerator<AdapterItem> {
	const { scratch, lookups } = s;
	const parse = (data: string) => JSON.parse(data) as Row;
	let unknownTags = 0;
	for (let after = ''; ;) {
		const page = scratch.page('conversation', after, 500);
		if (page.length === 0) break;
		for (const conversation of page) {
			after = conversation.id;
			const row = parse(conversation.data);
			const parts = scratch.children('part', conversation.id);
			const contactId = customerId(
				row,
				scratch.links('conversation_contact_history', conversation.id)
			);
			const contact = contactId ? scratch.get('contact', contactId) : undefined;
			const tags: string[] = [];
			for (const tagId of scratch.links('conversation_tag_history', conversation.id)) {
				const name = s.tags.get(tagId);
				if (name) tags.push(name);
				else if (name === undefined) unknownTags++;
			}
			yield {
				kind: 'conversation',
				locator: `conversation ${conversation.id}`,
				records: conversation.versions + parts.reduce((sum, part) => sum + part.versions, 0),
				draft: mapWarehouseConversation(
					{
						conversation: row,
						parts: parts.map((part) => parse(part.data)),
						tags,
						contactId,
						contact: contact ? parse(contact.data) : null
					},
					lookups
				),
				raw: () => [conversation.raw, ...parts.map((part) => part.raw)].join('\n')
			};
		}
	}
	for (let after = ''; ;) {
		const ids = scratch.orphanParents('part', 'conversation', after, 500);
		if (ids.length === 0) break;
		for (const id of ids) {
			after = id;
			const parts = scratch.children('part', id);
			yield {
				kind: 'conversation',
				locator: `conversation_part rows of conversation ${id}`,
				records: parts.reduce((sum, part) => sum + part.versions, 0),
				draft: mapOrphanParts(
					id,
					parts.map((part) => parse(part.data)),
					lookups
				),
				raw: () => parts.map((part) => part.raw).join('\n')
			};
		}
	}
	if (unknownTags > 0) {
		s.context.warn(
			`${count(unknownTags, 'conversation tag')} ${noun(unknownTags, 'names', 'name')} a tag id missing from the tag table`
		);
	}
	for (const table of ['conversation_tag_history', 'conversation_contact_history'] as const) {
		const orphans = scratch.countOrphanLinks(table, 'conversation');
		if (orphans > 0) {
			s.context.warn(
				`${table}: ${count(orphans, 'row')} ${noun(orphans, 'names', 'name')} conversations not in conversation_history; not applied`
			);
		}
	}
}

export const intercomWarehouseAdapter: Adapter = {
	name: 'intercom-warehouse',
	tool: 'intercom',
	label: 'Intercom warehouse tables (CSV, Fivetran)',
	description:
		"Intercom warehouse tables as CSV (Fivetran's schema): conversation_history with conversation_part_history, contact_history, tags, admins and teams, imported together",
	detect({ sample }) {
		const table = tableFromHeader(sample);
		if (table === 'conversation_history') {
			return {
				confidence: 0.95,
				reason:
					'CSV header of Intercom conversation_history (source_delivered_as, source_author_type)'
			};
		}
		if (table === 'conversation_part_history') {
			return {
				confidence: 0.9,
				reason: 'CSV header of Intercom conversation_part_history (part_type, author_type)'
			};
		}
		return { confidence: 0, reason: 'not an Intercom warehouse table' };
	},
	claimGroup(files) {
		// Keyed by the names' folder and prefix; the groups hold paths.
		const groups = new Map<string, Map<Table, string>>();
		for (const { path, name } of files) {
			const found = tableOf(name);
			if (!found) continue;
			const key = `${dirname(name)}\u0000${found.prefix}`;
			const group = groups.get(key) ?? new Map<Table, string>();
			groups.set(key, group);
			if (!group.has(found.table)) group.set(found.table, path);
		}
		const claimed: string[][] = [];
		for (const group of groups.values()) {
			const main = group.get('conversation_history') ?? group.get('conversation_part_history');
			if (main === undefined) continue;
			claimed.push([main, ...[...group.values()].filter((name) => name !== main)]);
		}
		return claimed;
	},
	async *read(input, context) {
		const s: Staging = {
			scratch: openWarehouseScratch(),
			lookups: { admins: new Map(), teams: new Map(), zone: context.mapping?.timeZone ?? 'UTC' },
			tags: new Map(),
			context
		};
		try {
			// Every table is staged before anything is emitted, so the order of reading is free.
			const files = [input, ...context.companions].map((file) => ({
				file,
				table: tableOf(file.fileName)?.table ?? tableFromHeader(file.sample)
			}));
			if (
				files[0]?.table !== 'conversation_history' &&
				files[0]?.table !== 'conversation_part_history'
			) {
				throw new Error(
					`${input.fileName}: not an Intercom conversation_history or conversation_part_history table`
				);
			}
			for (const { file, table } of files) {
				if (table !== null && !UNUSED.has(table)) {
					yield* stage(file, table, s);
					continue;
				}
				// Read to the end all the same: an input left half-read keeps its file open.
				let rows = 0;
				for await (const row of csvRows(file)) if (row.ok) rows++;
				context.warn(
					table === null
						? `${file.fileName}: not an Intercom warehouse table, ${count(rows, 'row')} ignored`
						: `${file.fileName}: ${count(rows, 'row')} of ${table}, which is not part of a conversation, not used`
				);
			}
			yield* emit(s);
		} finally {
			s.scratch.close();
		}
	}
};
