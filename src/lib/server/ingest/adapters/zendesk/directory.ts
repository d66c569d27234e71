import type { DraftCsat, DraftMessage } from '../../types';

/**
 * Who is who in a Zendesk export: the users and groups a file side-loads (or the warehouse's
 * user and group tables), and the rules that turn them into Parity's roles, identities and
 * names. Shared by the API and the warehouse importers so both read a ticket the same way.
 */

export interface Person {
	id: string;
	name: string | null;
	email: string | null;
	phone: string | null;
	externalId: string | null;
	/** Zendesk's role: end-user, agent or admin. */
	role: string | null;
}

export interface Directory {
	users: ReadonlyMap<string, Person>;
	groups: ReadonlyMap<string, string>;
}

export function emptyDirectory(): Directory {
	return { users: new Map(), groups: new Map() };
}

/** A Zendesk id as a string (ids are numbers in the API, text in warehouses). */
export function idString(raw: unknown): string | null {
	if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
	if (typeof raw === 'string' && raw.trim() !== '') return raw.trim();
	return null;
}

/** The identity Parity gives a Zendesk user id: Zendesk ids mean nothing to other tools. */
export function zendeskUserKey(userId: string): string {
	return `zendesk:${userId}`;
}

/** Zendesk's system user (triggers, automations) writes with author id -1. */
const SYSTEM_AUTHOR = '-1';

/**
 * The role of a comment's author, as far as the export tells. A user record decides first
 * (end-user → customer; agent or admin → staff, for the bot rules to split into ai and
 * agent); without one, the ticket's requester is the customer and anyone else is staff. With
 * neither a user record nor a known requester there is no telling: null.
 */
export function roleOf(
	authorId: string | null,
	requesterId: string | null,
	users: ReadonlyMap<string, Person>
): DraftMessage['role'] | null {
	if (authorId === SYSTEM_AUTHOR) return 'system';
	const role = authorId !== null ? users.get(authorId)?.role?.toLowerCase() : undefined;
	if (role === 'end-user' || role === 'end_user') return 'customer';
	if (role === 'agent' || role === 'admin') return 'staff';
	if (authorId !== null && authorId === requesterId) return 'customer';
	if (requesterId !== null) return 'staff';
	return null;
}

/**
 * Via types of comments Answer Bot posted itself (answer_bot_for_agents, _for_sdk,
 * _for_slack, _for_web_widget, answer_bot_api): the export marks these as the AI agent's.
 */
export function isAnswerBotVia(channel: unknown): boolean {
	return typeof channel === 'string' && /^answer_bot/i.test(channel.trim());
}

/** The requester's identities: their Zendesk id, and what their user record or the email says. */
export function requesterIdentities(
	requesterId: string | null,
	users: ReadonlyMap<string, Person>,
	from?: { email?: unknown; phone?: unknown }
): Array<{ kind: 'email' | 'phone' | 'external'; value: unknown }> {
	const identities: Array<{ kind: 'email' | 'phone' | 'external'; value: unknown }> = [];
	if (requesterId !== null)
		identities.push({ kind: 'external', value: zendeskUserKey(requesterId) });
	const user = requesterId !== null ? users.get(requesterId) : undefined;
	if (user?.email) identities.push({ kind: 'email', value: user.email });
	if (user?.phone) identities.push({ kind: 'phone', value: user.phone });
	if (user?.externalId) identities.push({ kind: 'external', value: user.externalId });
	if (from?.email) identities.push({ kind: 'email', value: from.email });
	if (from?.phone) identities.push({ kind: 'phone', value: from.phone });
	return identities;
}

/** A user's name where the directory has it, else their id: assignees stay traceable. */
export function personLabel(userId: string | null, users: ReadonlyMap<string, Person>) {
	if (userId === null) return null;
	return users.get(userId)?.name ?? userId;
}

export function groupLabel(groupId: string | null, groups: ReadonlyMap<string, string>) {
	if (groupId === null) return null;
	return groups.get(groupId) ?? groupId;
}

/**
 * Zendesk's CSAT: `good`/`bad` answers on a good/bad scale; `offered` is a survey sent and
 * not answered; `unoffered` is no survey. Anything else is not a Zendesk score.
 */
export function csatOf(
	score: unknown,
	comment: unknown,
	answeredAt: unknown
): { ok: true; csat: DraftCsat | null } | { ok: false; reason: string } {
	if (score === null || score === undefined || score === '') return { ok: true, csat: null };
	const value = String(score).trim().toLowerCase();
	switch (value) {
		case 'good':
		case 'bad':
			return { ok: true, csat: { offered: true, value, scale: 'good-bad', comment, answeredAt } };
		case 'offered':
			return { ok: true, csat: { offered: true, value: null, scale: 'good-bad' } };
		case 'unoffered':
			return { ok: true, csat: { offered: false, value: null, scale: 'good-bad' } };
		default:
			return {
				ok: false,
				reason: `not a Zendesk satisfaction score: ${JSON.stringify(score)} (good, bad, offered or unoffered)`
			};
	}
}
