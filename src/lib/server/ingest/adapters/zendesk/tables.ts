import { closeSync, openSync, readSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import { sniffDelimiter } from '../../readers/csv';
import type { Detection, ImportFile } from '../../types';

/**
 * The Zendesk tables a warehouse connector writes (Fivetran's schema: `ticket`,
 * `ticket_comment`, `user`, …; dbt seeds add `_data`), recognised by file name and confirmed
 * by header: other tools export a `ticket_data.csv` too (HubSpot does), so a name alone
 * never claims a file.
 */

export type TableKind =
	| 'ticket'
	| 'comment'
	| 'chat_event'
	| 'chat'
	| 'user'
	| 'group'
	| 'tag'
	| 'field_history'
	| 'ignored';

const TABLES: Record<string, TableKind> = {
	ticket: 'ticket',
	ticket_comment: 'comment',
	ticket_chat_event: 'chat_event',
	ticket_chat: 'chat',
	user: 'user',
	group: 'group',
	ticket_tag: 'tag',
	ticket_field_history: 'field_history'
};

/** Tables of the same export that hold nothing Parity measures: read along, then set aside. */
const IGNORED = [
	'audit_log',
	'brand',
	'daylight_time',
	'domain_name',
	'group_member',
	'organization',
	'organization_member',
	'organization_tag',
	'schedule',
	'schedule_holiday',
	'sla_policy_history',
	'sla_policy_metric_history',
	'ticket_form_history',
	'ticket_schedule',
	'ticket_sla_policy',
	'time_zone',
	'user_tag'
];

/** Columns a table must have to be read as Zendesk's (lower case). */
const REQUIRED: Partial<Record<TableKind, string[]>> = {
	ticket: ['id', 'requester_id', 'submitter_id', 'created_at'],
	comment: ['id', 'ticket_id', 'user_id', 'body', 'public'],
	chat_event: ['chat_id', 'actor_id', 'chat_index', 'type'],
	chat: ['chat_id', 'ticket_id'],
	user: ['id', 'role'],
	group: ['id', 'name'],
	tag: ['tag', 'ticket_id'],
	field_history: ['field_name', 'ticket_id', 'value']
};

/** Tables that hold conversations (the rest describe them). */
export const CONVERSATION_TABLES: readonly TableKind[] = ['ticket', 'comment', 'chat_event'];

export function tableOfName(fileName: string): TableKind | null {
	const match = /^(?:zendesk[_-]+)?([a-z_]+?)(?:_data)?\.(?:csv|tsv|txt)(?:\.gz)?$/i.exec(
		basename(fileName)
	);
	const name = match?.[1]?.toLowerCase();
	if (!name) return null;
	return TABLES[name] ?? (IGNORED.includes(name) ? 'ignored' : null);
}

export function headerColumns(sample: string): string[] {
	const firstLine = sample.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
	const delimiter = sniffDelimiter(firstLine);
	return firstLine.split(delimiter).map((column) =>
		column
			.trim()
			.replace(/^"(.*)"$/, '$1')
			.toLowerCase()
	);
}

export function missingColumns(kind: TableKind, columns: readonly string[]): string[] {
	return (REQUIRED[kind] ?? []).filter((column) => !columns.includes(column));
}

/** The table a header belongs to, when it has every required column of one. */
export function tableOfHeader(columns: readonly string[]): TableKind | null {
	for (const kind of Object.keys(REQUIRED) as TableKind[]) {
		if (missingColumns(kind, columns).length === 0) return kind;
	}
	return null;
}

const HEADER_BYTES = 16 * 1024;

/** The first line of a file, gunzipped if need be; null when it cannot be read. */
function readHeaderSync(path: string): string | null {
	try {
		const fd = openSync(path, 'r');
		let bytes: Buffer;
		try {
			const buffer = Buffer.alloc(HEADER_BYTES);
			bytes = buffer.subarray(0, readSync(fd, buffer, 0, HEADER_BYTES, 0));
		} finally {
			closeSync(fd);
		}
		if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
			// A truncated gzip stream: flush what inflates instead of failing on the missing end.
			bytes = gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
		}
		return bytes.toString('utf8');
	} catch {
		return null;
	}
}

/**
 * The warehouse exports among an import's files: per folder (of the files' names), the
 * Zendesk tables when at least one of them holds conversations and its header confirms it.
 * The ticket table comes first (it is read as the main file), then comments or chat
 * events, then the rest.
 */
export function claimWarehouseGroups(files: readonly ImportFile[]): string[][] {
	const byFolder = new Map<string, Array<{ path: string; kind: TableKind }>>();
	for (const { path, name } of files) {
		const kind = tableOfName(name);
		if (kind === null) continue;
		const folder = dirname(name);
		byFolder.set(folder, [...(byFolder.get(folder) ?? []), { path, kind }]);
	}
	const groups: string[][] = [];
	for (const files of byFolder.values()) {
		const confirmed = files.filter(({ path, kind }) => {
			if (!CONVERSATION_TABLES.includes(kind)) return false;
			const header = readHeaderSync(path);
			return header !== null && missingColumns(kind, headerColumns(header)).length === 0;
		});
		if (confirmed.length === 0) continue;
		const rank = (kind: TableKind) => {
			const index = CONVERSATION_TABLES.indexOf(kind);
			return index === -1 ? CONVERSATION_TABLES.length : index;
		};
		const main = [...confirmed].sort((a, b) => rank(a.kind) - rank(b.kind))[0];
		if (!main) continue;
		groups.push([main.path, ...files.filter((file) => file !== main).map((file) => file.path)]);
	}
	return groups;
}

export function detectWarehouseTable(fileName: string, sample: string): Detection {
	const columns = headerColumns(sample);
	const kind = tableOfHeader(columns);
	if (kind !== null && CONVERSATION_TABLES.includes(kind)) {
		const zendeskOnly =
			kind !== 'ticket' || columns.includes('via_channel') || columns.includes('_fivetran_synced');
		return {
			confidence: zendeskOnly ? 0.9 : 0.8,
			reason: `Zendesk warehouse ${kind.replace('_', ' ')} table (${REQUIRED[kind]?.join(', ')})`
		};
	}
	if (tableOfName(fileName) !== null) {
		return { confidence: 0.2, reason: 'named like a Zendesk warehouse table, without its columns' };
	}
	return { confidence: 0, reason: 'no Zendesk warehouse table header' };
}
