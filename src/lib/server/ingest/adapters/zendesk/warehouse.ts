import { openRowStage, type RowStage } from '../../../db/repos/row-stage';
import { parseInstant } from '../../dates';
import type { OpenedInput } from '../../input';
import { readCsv, sniffDelimiter } from '../../readers/csv';
import type { Adapter, AdapterContext, AdapterItem } from '../../types';
import { idString, type Directory, type Person } from './directory';
import {
	CONVERSATION_TABLES,
	claimWarehouseGroups,
	detectWarehouseTable,
	headerColumns,
	missingColumns,
	tableOfHeader,
	tableOfName,
	type TableKind
} from './tables';
import {
	booleanCell,
	cell,
	mapWarehouseTicket,
	syncedColumn,
	type LocatedRow,
	type Row,
	type WarehouseTicket
} from './warehouse-map';
import { count, noun } from '../../../../plural';

/**
 * A Zendesk warehouse export (Fivetran's schema, as CSV files) read as one source: the
 * ticket table, with comments, chat events (through the ticket_chat link table), tags,
 * users, groups and satisfaction fields joined onto each ticket.
 *
 * Memory: the tables that grow with conversations (tickets, comments, chat events, chat
 * links, tags, field history) are staged in a scratch SQLite file and read back grouped by
 * ticket, one ticket at a time; users and groups are held in maps. Fivetran keeps several
 * versions of a row (`_fivetran_synced`): the latest of each is used, and every row read
 * counts in the report.
 */

/** Conversation tables' rows are records; the rest describe them and are not counted. */
const RECORD_KINDS = ['ticket', 'comment', 'chat_event'] as const;
const STAGED_KINDS = [...RECORD_KINDS, 'tag', 'csat'] as const;
const SATISFACTION_FIELDS = new Set(['satisfaction_score', 'satisfaction_comment']);

interface StagedRow {
	locator: string;
	row: Row;
}

function instantOf(value: string | null): number | null {
	if (value === null) return null;
	const parsed = parseInstant(value, { zone: 'UTC' });
	return parsed.ok ? parsed.instant : null;
}

/** Which table a file is: its name says (if its header agrees), else its header alone. */
function tableOf(input: OpenedInput, columns: string[]): TableKind | null {
	const named = tableOfName(input.fileName);
	if (named === null) return tableOfHeader(columns);
	return named === 'ignored' || missingColumns(named, columns).length === 0 ? named : null;
}

async function drain(input: OpenedInput): Promise<void> {
	// Reading to the end releases the file; an unused table is not otherwise closed.
	for await (const chunk of input.text()) void chunk;
}

interface Lookups extends Directory {
	users: Map<string, Person>;
	groups: Map<string, string>;
	/** Versions of users seen, to keep the latest. */
	userVersions: Map<string, number>;
}

function stageRow(
	kind: TableKind,
	row: Row,
	locator: string,
	version: number | null,
	stage: RowStage,
	lookups: Lookups
): string | null {
	const payload = () => JSON.stringify({ locator, row } satisfies StagedRow);
	switch (kind) {
		case 'ticket': {
			const id = cell(row, 'id');
			if (id === null) return 'id: missing';
			stage.add({ kind: 'ticket', group: `t:${id}`, entity: id, version, payload: payload() });
			return null;
		}
		case 'comment': {
			const ticketId = cell(row, 'ticket_id');
			if (ticketId === null) return 'ticket_id: missing';
			stage.add({
				kind: 'comment',
				group: `t:${ticketId}`,
				entity: cell(row, 'id') ?? undefined,
				version,
				payload: payload()
			});
			return null;
		}
		case 'chat_event': {
			const chatId = cell(row, 'chat_id');
			if (chatId === null) return 'chat_id: missing';
			stage.add({
				kind: 'chat_event',
				group: `c:${chatId}`,
				entity: `${chatId}:${cell(row, 'chat_index') ?? ''}`,
				version,
				payload: payload()
			});
			return null;
		}
		case 'chat': {
			const chatId = cell(row, 'chat_id');
			const ticketId = cell(row, 'ticket_id');
			if (chatId !== null && ticketId !== null) {
				stage.add({
					kind: 'chat_link',
					group: `c:${chatId}`,
					entity: chatId,
					version,
					payload: '',
					ref: `t:${ticketId}`
				});
			}
			return null;
		}
		case 'tag': {
			const ticketId = cell(row, 'ticket_id');
			const tag = cell(row, 'tag');
			if (ticketId !== null && tag !== null) {
				stage.add({ kind: 'tag', group: `t:${ticketId}`, entity: tag, payload: tag });
			}
			return null;
		}
		case 'field_history': {
			const field = cell(row, 'field_name');
			const ticketId = cell(row, 'ticket_id');
			if (field !== null && ticketId !== null && SATISFACTION_FIELDS.has(field)) {
				stage.add({
					kind: 'csat',
					group: `t:${ticketId}`,
					entity: field,
					// The change's own time orders a field's history; the sync time does not.
					version: instantOf(cell(row, 'updated', 'updated_at')) ?? version,
					payload: payload()
				});
			}
			return null;
		}
		case 'user': {
			const id = idString(cell(row, 'id'));
			if (id === null) return null;
			const seen = lookups.userVersions.get(id);
			if (seen !== undefined && version !== null && version < seen) return null;
			lookups.userVersions.set(id, version ?? seen ?? 0);
			lookups.users.set(id, {
				id,
				name: cell(row, 'name'),
				email: cell(row, 'email'),
				phone: cell(row, 'phone'),
				externalId: cell(row, 'external_id'),
				role: cell(row, 'role')
			});
			return null;
		}
		case 'group': {
			const id = idString(cell(row, 'id'));
			const name = cell(row, 'name');
			if (id !== null && name !== null) lookups.groups.set(id, name);
			return null;
		}
		case 'ignored':
			return null;
	}
}

export async function* readZendeskWarehouse(
	input: OpenedInput,
	context: AdapterContext
): AsyncGenerator<AdapterItem> {
	const stage = openRowStage();
	const lookups: Lookups = { users: new Map(), groups: new Map(), userVersions: new Map() };
	// A mapping's zone means the analyst knows better than the connector's UTC convention.
	const utc = context.mapping?.timeZone === undefined;
	const unreadable = new Map<string, number>();
	try {
		for (const file of [input, ...context.companions]) {
			const columns = headerColumns(file.sample);
			const kind = tableOf(file, columns);
			if (kind === null || kind === 'ignored') {
				const named = tableOfName(file.fileName);
				const missing = named !== null && named !== 'ignored' ? missingColumns(named, columns) : [];
				if (kind === null && (named === null || CONVERSATION_TABLES.includes(named))) {
					throw new Error(
						missing.length > 0
							? `${file.fileName}: a Zendesk ${named} table needs the columns ${missing.join(', ')}`
							: `${file.fileName}: not a Zendesk warehouse table (columns: ${columns.slice(0, 8).join(', ')})`
					);
				}
				context.warn(
					kind === 'ignored'
						? `${file.fileName}: a Zendesk table Parity does not use; not read`
						: `${file.fileName}: lacks the columns ${missing.join(', ')}; not used`
				);
				await drain(file);
				continue;
			}
			const synced = syncedColumn(columns);
			const isRecord = CONVERSATION_TABLES.includes(kind);
			let header: string[] | null = null;
			let lines = 0;
			for await (const line of readCsv(file.text(), { delimiter: sniffDelimiter(file.sample) })) {
				const locator = `${file.fileName} line ${line.lineNumber}`;
				if (header === null) {
					if (!line.ok) throw new Error(`${file.fileName}: unreadable header: ${line.error}`);
					header = line.fields.map((name) => name.trim().toLowerCase());
					continue;
				}
				if (!line.ok) {
					if (isRecord) {
						yield { kind: 'reject', locator, records: 1, reason: line.error, raw: line.raw };
					} else unreadable.set(file.fileName, (unreadable.get(file.fileName) ?? 0) + 1);
					continue;
				}
				lines++;
				const row: Record<string, string> = {};
				header.forEach((column, index) => (row[column] = line.fields[index] ?? ''));
				const version =
					instantOf(synced !== null ? cell(row, synced) : null) ??
					instantOf(cell(row, 'updated_at'));
				const problem = stageRow(kind, row, locator, version, stage, lookups);
				if (problem !== null) {
					yield { kind: 'reject', locator, records: 1, reason: problem, raw: line.raw };
				}
			}
			if (lines === 0) context.warn(`${file.fileName}: no rows`);
		}
		for (const [fileName, rows] of unreadable) {
			context.warn(
				`${fileName}: ${count(rows, 'unreadable row')} skipped (the table describes tickets; no conversation rows were lost)`
			);
		}

		stage.relink('chat_event', 'chat_link');
		const directory: Directory = lookups;
		const skipped = { chatEvents: 0, comments: 0 };
		let describedOnly = 0;
		let withoutMessages = 0;
		for (const group of stage.groups(STAGED_KINDS)) {
			const records = RECORD_KINDS.reduce((sum, kind) => sum + (group.counts.get(kind) ?? 0), 0);
			const rows = group.rows.map((row) => ({
				kind: row.kind,
				...(row.kind === 'tag' ? { locator: '', row: {} } : (JSON.parse(row.payload) as StagedRow)),
				tag: row.kind === 'tag' ? row.payload : null
			}));
			const raw = () =>
				rows
					.filter((row) => row.kind !== 'tag')
					.map((row) => JSON.stringify(row.row))
					.join('\n');
			if (records === 0) {
				describedOnly++;
				continue;
			}
			if (group.group.startsWith('c:')) {
				yield {
					kind: 'reject',
					locator: `chat ${group.group.slice(2)} (${rows[0]?.locator ?? ''})`,
					records,
					reason: `chat_id ${group.group.slice(2)}: no ticket_chat row links this chat to a ticket`,
					raw: raw()
				};
				continue;
			}
			const parts: WarehouseTicket = {
				ticketId: group.group.slice(2),
				comments: [],
				chatEvents: [],
				tags: [],
				satisfaction: {}
			};
			for (const row of rows) {
				const located: LocatedRow = { locator: row.locator, row: row.row };
				if (row.kind === 'ticket') parts.ticket = located;
				else if (row.kind === 'comment') parts.comments.push(located);
				else if (row.kind === 'chat_event') parts.chatEvents.push(located);
				else if (row.kind === 'tag' && row.tag !== null) parts.tags.push(row.tag);
				else if (row.kind === 'csat') {
					if (cell(row.row, 'field_name') === 'satisfaction_score')
						parts.satisfaction.score = located;
					else parts.satisfaction.comment = located;
				}
			}
			const locator = parts.ticket
				? `ticket ${parts.ticketId} (${parts.ticket.locator})`
				: `ticket ${parts.ticketId} (not in the ticket table; ${rows.find((row) => row.kind !== 'tag')?.locator ?? ''})`;
			if (parts.ticket && booleanCell(parts.ticket.row, '_fivetran_deleted') === true) {
				yield {
					kind: 'reject',
					locator,
					records,
					reason: '_fivetran_deleted: true (the ticket was deleted in Zendesk)',
					raw: raw()
				};
				continue;
			}
			const mapped = mapWarehouseTicket(parts, directory, { utc });
			skipped.chatEvents += mapped.skipped.chatEvents;
			skipped.comments += mapped.skipped.comments;
			if (mapped.result.ok) {
				const { draft } = mapped.result;
				if (!draft.partial && draft.messages.length === 0) withoutMessages++;
				yield { kind: 'conversation', locator, records, draft: mapped.result.draft, raw };
			} else {
				yield { kind: 'reject', locator, records, reason: mapped.result.reason, raw: raw() };
			}
		}
		if (skipped.chatEvents > 0) {
			context.warn(
				`${count(skipped.chatEvents, 'chat event')} ${noun(skipped.chatEvents, 'is', 'are')} not messages (joins, transfers, form changes, empty messages): read, not turned into messages`
			);
		}
		if (skipped.comments > 0) {
			context.warn(
				`${count(skipped.comments, 'comment')} marked _fivetran_deleted ${noun(skipped.comments, 'was', 'were')} left out`
			);
		}
		if (withoutMessages > 0) {
			// The ticket's description is not taken for a message: Zendesk repeats it as the
			// first comment, which a later sync with the comments would then add a second time.
			context.warn(
				`${count(withoutMessages, 'ticket')} ${noun(withoutMessages, 'has', 'have')} no comment or chat rows here: imported without messages, so they count in no measure read from the text. Sync ticket_comment with the tickets to bring them`
			);
		}
		if (describedOnly > 0) {
			context.warn(
				`${count(describedOnly, 'ticket')} ${noun(describedOnly, 'has', 'have')} tags or satisfaction fields but no ticket, comment or chat rows here: not used`
			);
		}
	} finally {
		stage.close();
	}
}

export const zendeskWarehouseAdapter: Adapter = {
	name: 'zendesk-warehouse',
	tool: 'zendesk',
	label: 'Zendesk warehouse tables (CSV, Fivetran)',
	description:
		'Zendesk warehouse tables as CSV (Fivetran schema: ticket, ticket_comment, user, group, ticket_tag, ticket_chat, ticket_chat_event, ticket_field_history), imported together',
	detect: ({ fileName, sample }) => detectWarehouseTable(fileName, sample),
	read: readZendeskWarehouse,
	claimGroup: claimWarehouseGroups
};
