import { userInfo } from 'node:os';
import type { DbHandle } from './db/client';
import { insertAuditEntry, listAuditEntries, type AuditEntry } from './db/repos/audit-log';

/**
 * The audit log: who did what and when, for sign-ins, imports, erasures, settings, users
 * and tokens. Entries never hold a password, a token or an erased customer's identity.
 */

/** Whoever acts: a signed-in user, an API token, or someone at the command line. */
export interface Actor {
	userId: number | null;
	label: string;
	address: string | null;
}

export const AUDIT_ACTIONS = [
	'auth.setup',
	'auth.login',
	'auth.login_failed',
	'auth.throttled',
	'auth.logout',
	'user.create',
	'user.role',
	'user.disable',
	'user.enable',
	'user.password_reset',
	'user.password_change',
	'token.create',
	'token.revoke',
	'import',
	'erasure',
	'source.remove',
	'retention',
	'setting.change',
	'bot_rule.change',
	'taxonomy.change',
	'mapping.save',
	'annotation.change',
	'backup',
	'email.test'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AUDIT_LABELS: Record<AuditAction, string> = {
	'auth.setup': 'Set up the installation',
	'auth.login': 'Signed in',
	'auth.login_failed': 'Sign-in failed',
	'auth.throttled': 'Sign-in refused (too many failures)',
	'auth.logout': 'Signed out',
	'user.create': 'Added a user',
	'user.role': 'Changed a role',
	'user.disable': 'Disabled a user',
	'user.enable': 'Enabled a user',
	'user.password_reset': 'Reset a password',
	'user.password_change': 'Changed own password',
	'token.create': 'Created an API token',
	'token.revoke': 'Revoked an API token',
	import: 'Imported a file',
	erasure: 'Erased a customer',
	'source.remove': 'Removed a source and its data',
	retention: 'Deleted conversations past the retention period',
	'setting.change': 'Changed a setting',
	'bot_rule.change': 'Changed a bot-detection rule',
	'taxonomy.change': 'Changed the topic taxonomy',
	'mapping.save': 'Saved a column mapping',
	'annotation.change': 'Changed a note on the timeline',
	backup: 'Backed up the database',
	'email.test': 'Sent a test email'
};

/** The audit log's filter: an action's group is what comes before its dot ('auth.login'). */
type GroupOf<A> = A extends `${infer Group}.${string}` ? Group : A;
export type AuditGroup = GroupOf<AuditAction>;

/** Every group has a label: a new action kind will not compile until it is named here. */
export const AUDIT_GROUP_LABELS: Record<AuditGroup, string> = {
	auth: 'sign-ins',
	user: 'users',
	token: 'API tokens',
	import: 'imports',
	erasure: 'erasures',
	source: 'source removals',
	retention: 'retention',
	setting: 'settings',
	bot_rule: 'bot-detection rules',
	taxonomy: 'topic taxonomy',
	mapping: 'column mappings',
	annotation: 'notes on the timeline',
	backup: 'backups',
	email: 'test emails'
};

export function audit(
	handle: DbHandle,
	actor: Actor,
	action: AuditAction,
	target: string | null = null,
	detail: Record<string, unknown> | null = null,
	at = Date.now()
): void {
	insertAuditEntry(handle, {
		at,
		actorUserId: actor.userId,
		actor: actor.label,
		action,
		target,
		detail,
		address: actor.address
	});
}

/** The command line acts as the operating-system user who ran it. */
export function cliActor(): Actor {
	let name = 'unknown';
	try {
		name = userInfo().username;
	} catch {
		/* no passwd entry (some containers): keep 'unknown' */
	}
	return { userId: null, label: `cli (${name})`, address: null };
}

export const AUDIT_PAGE_SIZE = 100;

export function auditPage(
	handle: DbHandle,
	options: { before?: number; action?: string }
): { entries: AuditEntry[]; nextBefore: number | null } {
	const entries = listAuditEntries(handle, { ...options, limit: AUDIT_PAGE_SIZE + 1 });
	const more = entries.length > AUDIT_PAGE_SIZE;
	const page = entries.slice(0, AUDIT_PAGE_SIZE);
	return { entries: page, nextBefore: more ? (page.at(-1)?.id ?? null) : null };
}
