import type { ConversationFields } from '../../ingest/fingerprint';

/**
 * A stored conversation's fields as the import store reads and writes them: the columns in
 * one order, the row that order reads back, and the mapping between that row and the
 * ingest's `ConversationFields` (import-store.ts compares and merges on those).
 */

export interface StoredRow {
	id: number;
	channel: string;
	identities: string;
	customer_name: string | null;
	started_at: number;
	ended_at: number | null;
	status: string | null;
	tags: string;
	assignee: string | null;
	team: string | null;
	csat_offered: number;
	csat_value: string | null;
	csat_scale: string | null;
	csat_comment: string | null;
	csat_answered_at: number | null;
	source_hash: string;
	source_updated_at: number | null;
}

export function storedFields(row: StoredRow): ConversationFields {
	return {
		channel: row.channel,
		identities: JSON.parse(row.identities) as string[],
		customerName: row.customer_name,
		startedAt: row.started_at,
		endedAt: row.ended_at,
		status: row.status,
		tags: JSON.parse(row.tags) as string[],
		assignee: row.assignee,
		team: row.team,
		csatOffered: row.csat_offered === 1,
		csatValue: row.csat_value,
		csatScale: row.csat_scale,
		csatComment: row.csat_comment,
		csatAnsweredAt: row.csat_answered_at
	};
}

/** Column values in the order of FIELD_COLUMNS below. */
export function fieldValues(fields: ConversationFields): unknown[] {
	return [
		fields.channel,
		JSON.stringify(fields.identities),
		fields.customerName,
		fields.startedAt,
		fields.endedAt,
		fields.status,
		JSON.stringify(fields.tags),
		fields.assignee,
		fields.team,
		fields.csatOffered ? 1 : 0,
		fields.csatValue,
		fields.csatScale,
		fields.csatComment,
		fields.csatAnsweredAt
	];
}
export const FIELD_COLUMNS = [
	'channel',
	'identities',
	'customer_name',
	'started_at',
	'ended_at',
	'status',
	'tags',
	'assignee',
	'team',
	'csat_offered',
	'csat_value',
	'csat_scale',
	'csat_comment',
	'csat_answered_at'
];
