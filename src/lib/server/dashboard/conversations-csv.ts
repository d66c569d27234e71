import {
	CHANNEL_LABELS,
	HANDLER_LABELS,
	SIGNAL_LABELS,
	SUBSET_LABELS,
	CSAT_LABELS,
	type ConversationFilters
} from '../../domain/conversation-filters';
import { instantToWallTime, isoWeekOf } from '../../domain/time';
import { csvCell, csvFileName, type CsvValue } from '../../csv';
import type { DbHandle } from '../db/client';
import { getSetting } from '../db/repos/settings';
import { allConversationRows, type ConversationRow } from './conversations';

/**
 * The transcript list as a CSV file: every conversation the filters match, one row each, with
 * the facts the list shows and a link to each transcript, so an analyst can hand "the 41
 * conversations behind this CSAT" to a QA team or a vendor. No customer name, address or
 * text: the file leaves the app, and the transcripts it links to stay behind the sign-in.
 */

export const CONVERSATION_CSV_COLUMNS = [
	'conversation',
	'link',
	'external_id',
	'source',
	'started_local',
	'started_utc',
	'week',
	'channel',
	'handled_by',
	'topic',
	'messages',
	'csat',
	'csat_score_1_5',
	'sentiment_start',
	'sentiment_end',
	'first_response_seconds',
	'resolution_seconds',
	'signals',
	'came_back'
] as const;

const CSAT_WORDS = {
	top2: 'satisfied',
	low: 'not satisfied',
	unanswered: 'not answered',
	'not-offered': 'not offered'
} as const;

const pad = (n: number) => String(n).padStart(2, '0');

function localTime(instant: number, zone: string): string {
	const t = instantToWallTime(instant, zone);
	return `${t.year}-${pad(t.month)}-${pad(t.day)} ${pad(t.hour)}:${pad(t.minute)}`;
}

const rounded = (value: number | null, places: number) =>
	value === null ? null : Number(value.toFixed(places));

export function conversationCsvRow(row: ConversationRow, zone: string, origin: string): CsvValue[] {
	return [
		row.id,
		`${origin}/conversations/${row.id}`,
		row.externalId,
		row.source,
		localTime(row.startedAt, zone),
		new Date(row.startedAt).toISOString(),
		isoWeekOf(row.startedAt, zone),
		CHANNEL_LABELS[row.channel] ?? row.channel,
		HANDLER_LABELS[row.handler] ?? row.handler,
		row.topicLabel,
		row.messageCount,
		CSAT_WORDS[row.csat.case as keyof typeof CSAT_WORDS] ?? row.csat.case,
		rounded(row.csat.score, 2),
		rounded(row.sentiment.start, 3),
		rounded(row.sentiment.end, 3),
		rounded(row.seconds.firstResponse, 0),
		rounded(row.seconds.resolution, 0),
		row.signals.map((signal) => SIGNAL_LABELS[signal]).join('; '),
		row.repeated ? 'yes' : 'no'
	];
}

/** "conversations-2026-w47-ai-chat-not-satisfied.csv": the filters in the file's name. */
export function conversationsCsvName(filters: ConversationFilters): string {
	return csvFileName(
		'conversations',
		filters.week ?? 'all weeks',
		filters.weeks && filters.weeks > 1 ? `${filters.weeks} weeks` : '',
		filters.handlers.join(' '),
		filters.channel ?? '',
		filters.topic ?? '',
		filters.source ?? '',
		filters.csat ? CSAT_LABELS[filters.csat].split(' (')[0]! : '',
		filters.subset ? SUBSET_LABELS[filters.subset].split(' (')[0]! : '',
		filters.signals.join(' '),
		filters.q ? 'search' : ''
	);
}

const line = (cells: readonly CsvValue[]) => cells.map(csvCell).join(',') + '\r\n';

/**
 * The file's lines, header first, page by page: a download of 200,000 conversations holds one
 * page of rows in memory, not the list.
 */
export function* conversationsCsvLines(
	handle: DbHandle,
	filters: ConversationFilters,
	origin: string,
	pageSize?: number
): Generator<string> {
	const zone = getSetting(handle, 'org.timeZone');
	// The byte-order mark makes Excel read the file as UTF-8.
	yield '\uFEFF' + line(CONVERSATION_CSV_COLUMNS);
	for (const page of allConversationRows(handle, filters, pageSize)) {
		yield page.map((row) => line(conversationCsvRow(row, zone, origin))).join('');
	}
}
