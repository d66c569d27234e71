import type { Audience, ColumnMapping, MappedField } from '../../types';

/**
 * Which column holds which of Parity's fields, from the header alone: each field has a list
 * of names spreadsheets and help desks use for it, compared case- and punctuation-blind
 * ("Ticket ID", "ticket_id" and "ticket-id" are one name). A mapping file names columns
 * explicitly; it overrides the names it gives and the rest is still found by synonym.
 */

/** "Created At (UTC)" → "createdat": case, accents, punctuation and a bracketed note dropped. */
export function headerKey(header: string): string {
	return header
		.replace(/^\uFEFF/, '')
		.replace(/\([^)]*\)|\[[^\]]*\]/g, '')
		.normalize('NFKD')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '');
}

/**
 * Names per field, best first. The order of the fields matters too: a header is given to
 * the first field that claims it, so `author_type` goes to role before `author` is
 * considered, and `author` then becomes the author's name.
 */
const SYNONYMS: ReadonlyArray<[MappedField, string]> = [
	[
		'conversationId',
		'ticket_id ticket_number ticket_no ticket conversation_id conversation_number thread_id case_id case_number case chat_id chat_session_id session_id interaction_id transcript_id dialog_id dialogue_id issue_id call_id'
	],
	[
		'messageId',
		'message_id msg_id comment_id part_id conversation_part_id event_id reply_id post_id utterance_id turn_id'
	],
	[
		'transcript',
		'transcript conversation conversation_transcript conversation_text conversation_log chat_transcript chat_log chat_history chat full_transcript transcript_text dialogue dialog messages log'
	],
	[
		'text',
		'body text message content message_body message_text message_content comment_body comment_text comment plain_body msg utterance reply'
	],
	[
		'timestamp',
		'timestamp message_timestamp message_time message_date sent_at sent created_at created created_date created_time creation_date date_time datetime posted_at time_stamp date time'
	],
	[
		'startedAt',
		'started_at started start_time start_date start chat_start chat_started conversation_start conversation_started_at session_start opened_at'
	],
	[
		'endedAt',
		'ended_at ended end_time end_date end chat_end chat_ended conversation_end conversation_ended_at session_end closed_at resolved_at solved_at'
	],
	[
		'role',
		'role author_role author_type sender_role sender_type speaker_role speaker_type participant_type user_type from_type direction message_direction sender author from speaker participant'
	],
	[
		'authorId',
		'author_id sender_id from_id speaker_id participant_id user_id author_email sender_email'
	],
	[
		'authorName',
		'author_name sender_name from_name speaker_name participant_name user_name display_name author sender from speaker'
	],
	[
		'customerEmail',
		'customer_email requester_email contact_email visitor_email client_email end_user_email user_email email email_address'
	],
	[
		'customerPhone',
		'customer_phone requester_phone contact_phone visitor_phone client_phone phone phone_number mobile mobile_number telephone msisdn'
	],
	[
		'customerId',
		'customer_id requester_id end_user_id contact_id client_id visitor_id customer_external_id customer_number external_id'
	],
	[
		'customerHandle',
		'customer_handle handle user_handle username screen_name twitter_handle social_handle'
	],
	[
		'customerName',
		'customer_name customer requester_name requester contact_name visitor_name client_name end_user_name customer_full_name'
	],
	[
		'channel',
		'channel medium channel_type channel_name contact_channel communication_channel via source origin platform'
	],
	[
		'status',
		'status ticket_status conversation_status case_status chat_status resolution_status state'
	],
	[
		'tags',
		'tags tag tag_list ticket_tags conversation_tags labels label topics topic categories category'
	],
	[
		'assignee',
		'assignee assignee_name assigned_to assigned_agent agent agent_name owner owner_name handled_by assignee_email agent_email assignee_id agent_id'
	],
	['team', 'team team_name assigned_team group group_name assignee_group queue department inbox'],
	[
		'csat',
		'csat csat_score csat_rating rating rating_score satisfaction satisfaction_score satisfaction_rating customer_satisfaction customer_rating conversation_rating conversation_rating_value survey_score survey_rating feedback_score score'
	],
	[
		'csatComment',
		'csat_comment rating_comment satisfaction_comment conversation_rating_remark rating_remark survey_comment csat_feedback feedback_comment feedback_text feedback'
	],
	[
		'isPublic',
		'public is_public visibility internal is_internal internal_note is_note private is_private'
	]
];

const SYNONYM_KEYS: ReadonlyArray<[MappedField, string[]]> = SYNONYMS.map(([field, names]) => [
	field,
	names.split(' ').map(headerKey)
]);

/** Headers whose yes means "not public": their values are read inverted. */
export const INVERTED_PUBLIC_KEYS = new Set(
	['internal', 'is_internal', 'internal_note', 'is_note', 'private', 'is_private'].map(headerKey)
);

/**
 * The fields a file must provide; `text` stands for text or transcript. `role` is needed
 * only when the text cells do not name their speaker ("Customer: …"), which the header
 * alone cannot tell: `missingFields` never lists it, the plan's check does (plan.ts).
 */
export type RequiredField = 'conversationId' | 'text' | 'timestamp' | 'role';

export const FIELD_LABELS: Record<RequiredField, string> = {
	conversationId: 'conversation id (e.g. ticket_id, conversation_id, case_id, chat_id)',
	text: 'message text or transcript (e.g. body, message, text, transcript)',
	timestamp: 'timestamp (e.g. created_at, timestamp, sent_at, date)',
	role: 'author role (e.g. role, sender_type, author_type, direction)'
};

export interface ProposedMapping {
	/** Field → header, as found in the file. */
	columns: Partial<Record<MappedField, string>>;
	/** Headers no field claimed: the importer ignores them. */
	unmapped: string[];
	/** Required fields no header provides. */
	missing: RequiredField[];
	/** A time-of-day column read together with a date-only timestamp column. */
	timeOfDay?: string;
}

function missingFields(columns: Partial<Record<MappedField, unknown>>): RequiredField[] {
	const missing: RequiredField[] = [];
	if (columns.conversationId === undefined) missing.push('conversationId');
	if (columns.text === undefined && columns.transcript === undefined) missing.push('text');
	// A transcript carries its own times; the row needs one to anchor `[10:02]`-style clocks,
	// and the conversation's start serves as well as a message time.
	const hasTime =
		columns.timestamp !== undefined ||
		(columns.transcript !== undefined && columns.startedAt !== undefined);
	if (!hasTime) missing.push('timestamp');
	return missing;
}

function assign(
	headers: readonly string[],
	taken: Set<number>,
	columns: Partial<Record<MappedField, number>>
): void {
	const keys = headers.map(headerKey);
	for (const [field, names] of SYNONYM_KEYS) {
		if (columns[field] !== undefined) continue;
		for (const name of names) {
			const index = keys.findIndex((key, i) => key === name && !taken.has(i));
			if (index !== -1) {
				columns[field] = index;
				taken.add(index);
				break;
			}
		}
	}
	// A bare `id` is the conversation's when nothing else is, else the message's.
	const id = keys.findIndex((key, i) => key === 'id' && !taken.has(i));
	if (id !== -1) {
		const field =
			columns.conversationId === undefined
				? 'conversationId'
				: columns.messageId === undefined
					? 'messageId'
					: null;
		if (field) {
			columns[field] = id;
			taken.add(id);
		}
	}
}

const DATE_ONLY_KEYS = ['date', 'messagedate', 'createddate', 'sentdate'];
const TIME_ONLY_KEYS = ['time', 'messagetime', 'createdtime', 'senttime'];

/** A separate time-of-day column beside a date-only timestamp column (Excel's Date, Time). */
function timeOfDayColumn(
	headers: readonly string[],
	index: Partial<Record<MappedField, number>>
): number | undefined {
	if (index.timestamp === undefined) return undefined;
	const keys = headers.map(headerKey);
	if (!DATE_ONLY_KEYS.includes(keys[index.timestamp] as string)) return undefined;
	const used = new Set(Object.values(index));
	const found = keys.findIndex((key, i) => TIME_ONLY_KEYS.includes(key) && !used.has(i));
	return found === -1 ? undefined : found;
}

export interface ResolvedColumns {
	/** Field → column index. */
	index: Partial<Record<MappedField, number>>;
	/** A time-of-day column read together with a date-only timestamp column. */
	timeOfDay?: number;
	/** Fields the mapping file named (auto-mapped ones may still be reconsidered). */
	explicit: ReadonlySet<MappedField>;
	/** Mapping-file columns the header lacks. */
	errors: string[];
}

/**
 * The columns to read: those the mapping file names (matched exactly, else by the same
 * blind comparison as synonyms), then synonyms for the fields it leaves open.
 */
export function resolveColumns(
	headers: readonly string[],
	mapping?: ColumnMapping
): ResolvedColumns {
	const index: Partial<Record<MappedField, number>> = {};
	const taken = new Set<number>();
	const explicit = new Set<MappedField>();
	const errors: string[] = [];
	for (const [field, column] of Object.entries(mapping?.columns ?? {}) as Array<
		[MappedField, string]
	>) {
		let found = headers.indexOf(column);
		if (found === -1) found = headers.map(headerKey).indexOf(headerKey(column));
		if (found === -1) {
			errors.push(`the mapping file names column "${column}" for ${field}, and the file has none`);
			continue;
		}
		index[field] = found;
		taken.add(found);
		explicit.add(field);
	}
	assign(headers, taken, index);
	return { index, timeOfDay: timeOfDayColumn(headers, index), explicit, errors };
}

/**
 * The mapping Parity proposes for a header, before any mapping file: what it would read
 * from where, the headers it would ignore, and the required fields it could not find. Pure,
 * for the dashboard's mapping step.
 */
export function proposeMapping(headers: string[]): ProposedMapping {
	const { index, timeOfDay } = resolveColumns(headers);
	const columns: Partial<Record<MappedField, string>> = {};
	for (const [field, at] of Object.entries(index) as Array<[MappedField, number]>) {
		columns[field] = headers[at] as string;
	}
	const used = new Set([...Object.values(index), timeOfDay]);
	return {
		columns,
		unmapped: headers.filter((_, i) => !used.has(i)),
		missing: missingFields(columns),
		...(timeOfDay !== undefined ? { timeOfDay: headers[timeOfDay] as string } : {})
	};
}

export { missingFields };

/** A mapping file to copy, for error messages and docs. */
export const MAPPING_EXAMPLE = JSON.stringify({
	columns: {
		conversationId: 'Case Ref',
		role: 'Who',
		authorName: 'Name',
		text: 'Said',
		timestamp: 'When'
	},
	dateOrder: 'dmy',
	timeZone: 'Europe/Berlin',
	roleValues: { 'Virtual Assistant': 'ai', Advisor: 'agent' }
});

/**
 * The error for a file whose header does not provide the required fields: what it has,
 * what is missing, and how to say which column is which — with a mapping file at the
 * command line, in the upload's mapping step on the dashboard.
 */
export function unmappedHeaderError(
	headers: readonly string[],
	missing: readonly RequiredField[],
	problems: readonly string[] = [],
	options: { audience?: Audience; mapped?: boolean } = {}
): string {
	const found = headers.length ? headers.map((h) => JSON.stringify(h)).join(', ') : '(none)';
	const web = options.audience === 'web';
	// With a mapping, the columns were named: what is lacking is in the mapping.
	const lead = options.mapped
		? 'the column mapping does not give Parity all it needs.'
		: 'cannot tell which columns hold the conversations.';
	const how = web
		? [
				options.mapped
					? 'Delete the saved mapping for these columns (Saved column mappings, on the imports page) and upload the file again to map them afresh.'
					: 'Upload the file again and say which column is which in the mapping step.'
			]
		: [
				`Name the columns in a mapping file and import with --mapping map.json, for example: ${MAPPING_EXAMPLE}`,
				`(fields: conversationId, text or transcript, timestamp, role, authorName, … — see docs/formats.md).`
			];
	return [
		lead,
		`Headers found: ${found}.`,
		missing.length ? `Missing: ${missing.map((field) => FIELD_LABELS[field]).join('; ')}.` : '',
		...problems.map((problem) => (/[.!?]$/.test(problem) ? problem : `${problem}.`)),
		...how
	]
		.filter(Boolean)
		.join(' ');
}
