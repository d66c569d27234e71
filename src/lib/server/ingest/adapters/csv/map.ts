import type { IdentityKind } from '../../../../domain/conversation';
import { parseInstant } from '../../dates';
import type { ConversationDraft, DraftMessage, MappedField } from '../../types';
import { ambiguityHint, decidedOrder } from './date-order';
import type { CsvPlan } from './plan';
import { KNOWN_ROLE_WORDS, readRole, readSpeakerLabel, type DraftRole } from './roles';
import { splitTranscript, turnTimes } from './transcript';

/**
 * Rows to drafts, pure. A row is checked on its own (its shape, id, dates, role) and
 * rejected alone with a reason naming the column and value; the rows of a conversation that
 * pass make its draft, and the shared normaliser does the rest.
 */

export interface MappedRow {
	conversationId: string;
	line: number;
	raw: string;
	fields: readonly string[];
	messages: DraftMessage[];
}

export type RowResult = { ok: true; row: MappedRow } | { ok: false; reason: string };

function cell(fields: readonly string[], column: number | undefined): string | undefined {
	if (column === undefined) return undefined;
	const value = fields[column]?.trim();
	return value ? value : undefined;
}

function header(plan: CsvPlan, field: MappedField): string {
	const column = plan.columns[field];
	return column === undefined ? field : (plan.headers[column] ?? field);
}

/** The row's timestamp, joined with a separate time-of-day column when there is one. */
function timestampOf(fields: readonly string[], plan: CsvPlan): string | undefined {
	const date = cell(fields, plan.columns.timestamp);
	const time = cell(fields, plan.timeOfDay);
	return date && time ? `${date} ${time}` : date;
}

type Checked = { ok: true; instant: number } | { ok: false; reason: string };

function checkDate(plan: CsvPlan, name: string, value: string): Checked {
	const result = parseInstant(value, { zone: plan.zone, order: decidedOrder(plan.dates) });
	if (result.ok) return result;
	if (result.reason.startsWith('ambiguous date')) {
		return {
			ok: false,
			reason: `${name}: ambiguous date '${value}': ${ambiguityHint(plan.dates)}`
		};
	}
	return { ok: false, reason: `${name}: ${result.reason}` };
}

const YES = /^(true|yes|y|t|1)$/i;
const NO = /^(false|no|n|f|0)$/i;

function readPublic(plan: CsvPlan, value: string | undefined): boolean | null {
	if (value === undefined) return true;
	if (/^public$/i.test(value)) return true;
	if (/^(internal|private|note|internal note|private note)$/i.test(value)) return false;
	if (YES.test(value)) return !plan.publicInverted;
	if (NO.test(value)) return plan.publicInverted;
	return null;
}

function matchesCustomer(label: string, name?: string, email?: string): boolean {
	const key = label.trim().toLowerCase();
	if (name) {
		const full = name.toLowerCase();
		if (key === full || key === full.split(/\s+/)[0]) return true;
	}
	return email !== undefined && key === email.toLowerCase();
}

function speakerOf(
	label: string,
	plan: CsvPlan,
	customer: { name?: string; email?: string }
): { role: DraftRole; authorName: string | null } {
	const read = readSpeakerLabel(label, plan);
	if (read) return { role: read.role, authorName: read.name };
	if (matchesCustomer(label, customer.name, customer.email)) {
		return { role: 'customer', authorName: label };
	}
	// A name with no role word: someone on the support side, a bot or a human by the rules.
	return { role: 'staff', authorName: label };
}

function clean(text: string): string {
	return text.replace(/\r\n?/g, '\n').trim();
}

function messageOfRow(
	fields: readonly string[],
	line: number,
	plan: CsvPlan
): { ok: true; message: DraftMessage } | { ok: false; reason: string } {
	const roleValue = cell(fields, plan.columns.role);
	const roleName = header(plan, 'role');
	if (roleValue === undefined) return { ok: false, reason: `${roleName}: missing` };
	const role = readRole(roleValue, plan);
	if (role === null) {
		return {
			ok: false,
			reason: `${roleName}: unknown role '${roleValue}' (Parity knows ${KNOWN_ROLE_WORDS}; name others in the mapping file's roleValues)`
		};
	}
	const publicValue = cell(fields, plan.columns.isPublic);
	const isPublic = readPublic(plan, publicValue);
	if (isPublic === null) {
		return { ok: false, reason: `${header(plan, 'isPublic')}: not yes or no: '${publicValue}'` };
	}
	return {
		ok: true,
		message: {
			path: `line ${line}`,
			externalId: cell(fields, plan.columns.messageId),
			role,
			authorId: cell(fields, plan.columns.authorId),
			authorName: cell(fields, plan.columns.authorName),
			at: timestampOf(fields, plan),
			text: clean(fields[plan.textColumn] ?? ''),
			isPublic,
			fields: {
				at: header(plan, 'timestamp'),
				text: plan.headers[plan.textColumn],
				externalId: header(plan, 'messageId')
			}
		}
	};
}

function messagesOfTranscript(
	fields: readonly string[],
	line: number,
	start: number | null,
	plan: CsvPlan
): { ok: true; messages: DraftMessage[] } | { ok: false; reason: string } {
	const name = plan.headers[plan.textColumn] as string;
	const text = fields[plan.textColumn] ?? '';
	if (text.trim() === '') return { ok: false, reason: `${name}: empty` };
	const customer = {
		name: cell(fields, plan.columns.customerName),
		email: cell(fields, plan.columns.customerEmail)
	};
	const split = splitTranscript(
		text,
		(label) =>
			readSpeakerLabel(label, plan) !== null ||
			matchesCustomer(label, customer.name, customer.email)
	);
	if (split.turns.length === 0) {
		return {
			ok: false,
			reason: `${name}: no speaker lines (expected lines like "Customer: …", "[10:02] Agent: …" or "2026-03-01 10:02:11 - Maria Lopez: …")`
		};
	}
	const order = decidedOrder(plan.dates);
	const times = turnTimes(split.turns, start, { zone: plan.zone, order });
	if (!times.ok) {
		const hint = times.reason.startsWith('ambiguous date') ? `: ${ambiguityHint(plan.dates)}` : '';
		return { ok: false, reason: `${name} line ${times.line}: ${times.reason}${hint}` };
	}
	const messages: DraftMessage[] = [];
	if (split.preamble !== null) {
		messages.push({
			path: `line ${line} ${name}`,
			role: 'system',
			at: start ?? times.times[0],
			text: split.preamble
		});
	}
	split.turns.forEach((turn, i) => {
		const speaker = speakerOf(turn.label, plan, customer);
		messages.push({
			path: `line ${line} ${name} line ${turn.line}`,
			role: speaker.role,
			authorName: speaker.authorName,
			at: times.times[i],
			text: turn.text
		});
	});
	return { ok: true, messages };
}

/** One row checked and turned into its messages. */
export function mapRow(
	fields: readonly string[],
	line: number,
	raw: string,
	plan: CsvPlan
): RowResult {
	const width = plan.headers.length;
	// Extra cells that are empty are a trailing delimiter, not a shifted row.
	if (fields.length < width || fields.slice(width).some((value) => value.trim() !== '')) {
		return {
			ok: false,
			reason: `${fields.length} cells where the header has ${width} (a delimiter or quote out of place?)`
		};
	}
	const conversationId = cell(fields, plan.columns.conversationId);
	if (conversationId === undefined) {
		return { ok: false, reason: `${header(plan, 'conversationId')}: missing` };
	}
	const instants: Partial<Record<'timestamp' | 'startedAt' | 'endedAt', number>> = {};
	for (const field of ['timestamp', 'startedAt', 'endedAt'] as const) {
		const value =
			field === 'timestamp' ? timestampOf(fields, plan) : cell(fields, plan.columns[field]);
		if (value === undefined) continue;
		const checked = checkDate(plan, header(plan, field), value);
		if (!checked.ok) return checked;
		instants[field] = checked.instant;
	}

	if (plan.shape === 'messages') {
		if (instants.timestamp === undefined) {
			return { ok: false, reason: `${header(plan, 'timestamp')}: missing` };
		}
		const result = messageOfRow(fields, line, plan);
		if (!result.ok) return result;
		return { ok: true, row: { conversationId, line, raw, fields, messages: [result.message] } };
	}
	const start = instants.startedAt ?? instants.timestamp ?? null;
	const result = messagesOfTranscript(fields, line, start, plan);
	if (!result.ok) return result;
	return { ok: true, row: { conversationId, line, raw, fields, messages: result.messages } };
}

function tagList(value: string): string[] {
	if (value.startsWith('[')) {
		try {
			const parsed: unknown = JSON.parse(value);
			if (Array.isArray(parsed)) return parsed.filter((tag) => typeof tag === 'string');
		} catch {
			// Not JSON: a list written with brackets; the separators still split it.
		}
	}
	return [value];
}

const IDENTITY_FIELDS: ReadonlyArray<[IdentityKind, MappedField]> = [
	['email', 'customerEmail'],
	['phone', 'customerPhone'],
	['external', 'customerId'],
	['handle', 'customerHandle']
];

/**
 * The draft of the conversation (or of a fragment of it) in consecutive rows sharing an id.
 * Values written on every row (status, channel, CSAT) are taken from the last row that has
 * one: exports repeat the conversation's current state on each of its rows.
 */
export function conversationDraft(rows: readonly MappedRow[], plan: CsvPlan): ConversationDraft {
	const last = (field: MappedField) => {
		for (let i = rows.length - 1; i >= 0; i--) {
			const value = cell((rows[i] as MappedRow).fields, plan.columns[field]);
			if (value !== undefined) return value;
		}
		return undefined;
	};
	const first = (pick: (fields: readonly string[]) => string | undefined) => {
		for (const row of rows) {
			const value = pick(row.fields);
			if (value !== undefined) return value;
		}
		return undefined;
	};
	const distinct = (field: MappedField) => [
		...new Set(
			rows.map((row) => cell(row.fields, plan.columns[field])).filter((v) => v !== undefined)
		)
	];

	const startField: MappedField =
		plan.columns.startedAt === undefined && plan.shape === 'transcript' ? 'timestamp' : 'startedAt';
	const csatValue = last('csat');
	const csatComment = last('csatComment');
	const tags = [...new Set(distinct('tags').flatMap(tagList))];
	return {
		externalId: (rows[0] as MappedRow).conversationId,
		channel: last('channel'),
		identities: IDENTITY_FIELDS.flatMap(([kind, field]) =>
			distinct(field).map((value) => ({ kind, value }))
		),
		customerName: last('customerName'),
		startedAt:
			startField === 'timestamp'
				? first((fields) => timestampOf(fields, plan))
				: first((fields) => cell(fields, plan.columns.startedAt)),
		endedAt: last('endedAt'),
		status: last('status'),
		tags: tags.length ? tags.join(',') : undefined,
		assignee: last('assignee'),
		team: last('team'),
		csat:
			csatValue !== undefined || csatComment !== undefined
				? { offered: true, value: csatValue, scale: plan.csatScale, comment: csatComment }
				: null,
		messages: rows.flatMap((row) => row.messages),
		fields: {
			externalId: header(plan, 'conversationId'),
			startedAt: header(plan, startField),
			endedAt: header(plan, 'endedAt'),
			channel: header(plan, 'channel'),
			tags: header(plan, 'tags')
		}
	};
}
