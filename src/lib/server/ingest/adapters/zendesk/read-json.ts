import { z } from 'zod';
import { openRowStage } from '../../../db/repos/row-stage';
import { parseInstant } from '../../dates';
import type { OpenedInput } from '../../input';
import { readJsonItems, unreadableItem } from '../../readers/json-any';
import type { AdapterContext, AdapterItem } from '../../types';
import { describeIssue } from '../../issues';
import { idString, type Directory, type Person } from './directory';
import { assembleTicket, type TicketParts } from './map';
import {
	Audit,
	Comment,
	Group,
	SatisfactionRating,
	Ticket,
	TicketEvent,
	User,
	type Comment as CommentValue
} from './schema';
import { count, noun } from '../../../../plural';

/**
 * Reading a Zendesk API JSON file: a ticket, a page of tickets (list or incremental export,
 * with or without embedded comments), a page of comments, audits, incremental ticket
 * events or satisfaction ratings, as one document or NDJSON.
 *
 * Records are staged on disk grouped by ticket before any draft is built, because what a
 * record means depends on parts that may come later in the file: side-loaded users (who is
 * an agent) follow the tickets, a ticket's audits or events are spread over the page, the
 * time-based incremental export can repeat a ticket. Users and groups are held in memory.
 */

const LIST_KEYS = [
	'ticket',
	'tickets',
	'comments',
	'audit',
	'audits',
	'ticket_events',
	'satisfaction_rating',
	'satisfaction_ratings',
	'users',
	'groups'
];

type Kind = 'ticket' | 'comment' | 'audit' | 'event' | 'rating';
const KINDS: readonly Kind[] = ['ticket', 'comment', 'audit', 'event', 'rating'];
const SCHEMAS: Record<Kind, z.ZodType> = {
	ticket: Ticket,
	comment: Comment,
	audit: Audit,
	event: TicketEvent,
	rating: SatisfactionRating
};
const KEY_KINDS: Record<string, Kind | 'user' | 'group'> = {
	ticket: 'ticket',
	tickets: 'ticket',
	comments: 'comment',
	audit: 'audit',
	audits: 'audit',
	ticket_events: 'event',
	satisfaction_rating: 'rating',
	satisfaction_ratings: 'rating',
	users: 'user',
	groups: 'group'
};
/** Comments whose ticket is not known yet: the file name or a lone ticket may tell. */
const UNASSIGNED = 'c:?';

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What a record is when no key says so (NDJSON lines, array elements, a lone object). */
function kindOf(value: unknown): { kind: Kind; value: unknown } | null {
	if (!isObject(value)) return null;
	if (isObject(value.ticket)) return { kind: 'ticket', value: value.ticket };
	if (Array.isArray(value.events) && 'ticket_id' in value) return { kind: 'audit', value };
	if ('child_events' in value || ('ticket_id' in value && 'event_type' in value)) {
		return { kind: 'event', value };
	}
	if ('score' in value && 'ticket_id' in value) return { kind: 'rating', value };
	if ('requester_id' in value || isObject(value.via)) return { kind: 'ticket', value };
	if ('author_id' in value && ('body' in value || 'html_body' in value)) {
		return { kind: 'comment', value };
	}
	return null;
}

/**
 * The ticket a comments page belongs to, from its file name: the digits right after
 * "ticket"/"tickets" (`tickets_35436_comments.json`), when the name holds exactly one such id.
 */
export function ticketIdFromFileName(fileName: string): string | null {
	const ids = new Set(
		[...fileName.matchAll(/(?:^|[^a-z])tickets?[-_. ]?(\d+)(?!\d)/gi)].map((match) => match[1])
	);
	return ids.size === 1 ? ([...ids][0] ?? null) : null;
}

function instantOf(raw: unknown): number | null {
	if (raw === null || raw === undefined || raw === '') return null;
	const parsed = parseInstant(raw, { zone: 'UTC' });
	return parsed.ok ? parsed.instant : null;
}

interface StagedPayload {
	path: string;
	value: unknown;
	raw: string;
}

function describeGroup(paths: string[], ticketId: string): string {
	const shown = paths.slice(0, 3).join(', ');
	return `ticket ${ticketId} (${shown}${paths.length > 3 ? `, +${paths.length - 3} more` : ''})`;
}

export async function* readZendeskJson(
	input: OpenedInput,
	context: AdapterContext
): AsyncGenerator<AdapterItem> {
	const stage = openRowStage();
	const users = new Map<string, Person>();
	const groups = new Map<string, string>();
	const directory: Directory = { users, groups };
	// Whether the file holds exactly one ticket (then a comments page beside it is its own).
	let onlyTicket: string | null = null;
	let severalTickets = false;
	// Incremental exports always carry next_page/after_url (the next poll); only
	// end_of_stream: false says this page is not the last. Plain list pages have no
	// end_of_stream, and a next_page only while more pages follow.
	const paging: { endOfStream: boolean | null; nextPage: boolean } = {
		endOfStream: null,
		nextPage: false
	};
	let badUsers = 0;
	try {
		const items = readJsonItems(input, {
			listKeys: LIST_KEYS,
			everyListKey: true,
			onTopLevel: (key, value) => {
				if (key === 'next_page' && typeof value === 'string') paging.nextPage = true;
				if (key === 'end_of_stream' && typeof value === 'boolean') paging.endOfStream = value;
			}
		});
		for await (const item of items) {
			if (!item.ok) {
				yield unreadableItem(item);
				continue;
			}
			const keyed = item.key !== null ? KEY_KINDS[item.key] : undefined;
			if (keyed === 'user' || keyed === 'group') {
				const parsed = (keyed === 'user' ? User : Group).safeParse(item.value);
				if (!parsed.success) {
					badUsers++;
					continue;
				}
				if (keyed === 'user') {
					const user = parsed.data as User;
					users.set(String(user.id), {
						id: String(user.id),
						name: user.name ?? null,
						email: user.email ?? null,
						phone: user.phone ?? null,
						externalId: idString(user.external_id),
						role: user.role ?? null
					});
				} else {
					const group = parsed.data as z.infer<typeof Group>;
					if (group.name) groups.set(String(group.id), group.name);
				}
				continue;
			}
			const found = keyed ? { kind: keyed, value: item.value } : kindOf(item.value);
			if (!found) {
				yield {
					kind: 'reject',
					locator: item.locator,
					records: 1,
					reason: 'not a Zendesk ticket, comment, audit, ticket event or satisfaction rating',
					raw: item.text
				};
				continue;
			}
			const parsed = SCHEMAS[found.kind].safeParse(found.value);
			if (!parsed.success) {
				yield {
					kind: 'reject',
					locator: item.locator,
					records: 1,
					reason: describeIssue(parsed.error, found.value),
					raw: item.text
				};
				continue;
			}
			const value = parsed.data as Record<string, unknown>;
			const payload = JSON.stringify({
				path: item.locator,
				value,
				raw: item.text.slice(0, 4096)
			} satisfies StagedPayload);
			if (found.kind === 'ticket') {
				const id = String(value.id);
				if (onlyTicket === null) onlyTicket = id;
				else if (onlyTicket !== id) severalTickets = true;
				const version =
					instantOf(value.updated_at) ??
					(typeof value.generated_timestamp === 'number' ? value.generated_timestamp * 1000 : null);
				stage.add({ kind: 'ticket', group: `t:${id}`, entity: id, version, payload });
			} else if (found.kind === 'comment') {
				const comment = value as CommentValue;
				stage.add({
					kind: 'comment',
					group: UNASSIGNED,
					entity: idString(comment.id) ?? undefined,
					payload
				});
			} else {
				const ticketId = String(value.ticket_id);
				const version =
					found.kind === 'rating' ? instantOf(value.updated_at ?? value.created_at) : null;
				// An audit or event seen twice (overlapping pages) is one; ratings are all kept,
				// the latest answer wins when the ticket is assembled.
				const entity = found.kind === 'rating' ? undefined : (idString(value.id) ?? undefined);
				stage.add({ kind: found.kind, group: `t:${ticketId}`, entity, version, payload });
			}
		}

		// A comments page names no ticket inside its comments: a lone ticket in the same file,
		// or failing that the file name, says which one it is.
		const owner =
			onlyTicket !== null && !severalTickets ? onlyTicket : ticketIdFromFileName(context.fileName);
		if (owner) {
			stage.add({ kind: 'comment_link', group: UNASSIGNED, payload: '', ref: `t:${owner}` });
			stage.relink('comment', 'comment_link');
		}

		let bare = 0;
		for (const group of stage.groups(KINDS)) {
			const records = [...group.counts.values()].reduce((sum, n) => sum + n, 0);
			const staged = group.rows.map((row) => ({
				kind: row.kind,
				...(JSON.parse(row.payload) as StagedPayload)
			}));
			const raw = () => staged.map((row) => row.raw).join('\n');
			if (group.group === UNASSIGNED) {
				yield {
					kind: 'reject',
					locator: `comments (${records})`,
					records,
					reason:
						'comments page without its ticket: a comment does not say which ticket it belongs to, and the file name does not either (name it like tickets_123_comments.json, or export the ticket with its comments)',
					raw: raw()
				};
				continue;
			}
			const ticketId = group.group.slice(2);
			const parts: TicketParts = { ticketId, audits: [], events: [], comments: [], ratings: [] };
			for (const { kind, path, value } of staged) {
				if (kind === 'ticket') parts.ticket = { path, value: value as Ticket };
				else if (kind === 'audit') parts.audits.push({ path, value: value as Audit });
				else if (kind === 'event') parts.events.push({ path, value: value as TicketEvent });
				else if (kind === 'comment') parts.comments.push({ path, value: value as CommentValue });
				else if (kind === 'rating') {
					parts.ratings.push({ path, value: value as SatisfactionRating });
				}
			}
			const locator = describeGroup(
				staged.map((row) => row.path),
				ticketId
			);
			const result = assembleTicket(parts, directory);
			if (!result.ok) {
				yield { kind: 'reject', locator, records, reason: result.reason, raw: raw() };
				continue;
			}
			if (!result.draft.partial && result.draft.messages.length === 0) bare++;
			yield { kind: 'conversation', locator, records, draft: result.draft, raw };
		}
		if (bare > 0) {
			context.warn(
				`${count(bare, 'ticket')} ${noun(bare, 'carries', 'carry')} no comments (ticket lists, incremental ticket exports and ticket events without include=comment_events do not): ` +
					'their conversations have no messages until their comments, audits or ticket events with comment_events are imported'
			);
		}
		if (paging.endOfStream === false || (paging.endOfStream === null && paging.nextPage)) {
			context.warn(
				'this file is one page of a paged export (next_page or end_of_stream says more follow): import the other pages too'
			);
		}
		if (badUsers > 0)
			context.warn(
				`${count(badUsers, 'side-loaded user or group record')} could not be read and ${noun(badUsers, 'was', 'were')} not used`
			);
	} finally {
		stage.close();
	}
}
