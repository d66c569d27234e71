import { Cron } from 'croner';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { isValidTimeZone } from '../../../domain/time';
import type { DbHandle } from '../client';
import { settings } from '../schema';

const emailAddress = z
	.string()
	.trim()
	.regex(/^[^\s@<>,;]+@[^\s@<>,;]+$/, 'not an email address');

/** An http(s) address without its trailing slash: links are built by appending paths. */
export const httpUrl = z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, ''));

function isCronPattern(pattern: string): boolean {
	try {
		new Cron(pattern, { paused: true }).stop();
		return true;
	} catch {
		return false;
	}
}

/**
 * Every organisation setting, with its type and default, in one place. Values live in the
 * settings table as JSON; a missing or unreadable value falls back to the default.
 */
export const SETTINGS = {
	/** IANA zone in which weeks (Monday start) are bucketed. */
	'org.timeZone': z.string().refine(isValidTimeZone, 'not a known time zone').default('UTC'),
	/** Zone for import timestamps written without an offset. */
	'import.timeZone': z.string().refine(isValidTimeZone, 'not a known time zone').default('UTC'),
	/** Days after a conversation ends within which another contact counts as a repeat. */
	'repeat.windowDays': z.number().int().min(1).max(90).default(7),
	'repeat.sameTopicOnly': z.boolean().default(false),
	/** Trailing weeks a segment is compared against. */
	'regression.baselineWeeks': z.number().int().min(2).max(52).default(8),
	/**
	 * Where the dashboard is reached from recipients' machines: links in emails start here.
	 * Null: the server's own address (alerts/base-url.ts), which is right unless a proxy
	 * puts the dashboard on another name.
	 */
	'alerts.baseUrl': httpUrl.nullable().default(null),
	/**
	 * The address the server last started on (ORIGIN, else http://localhost:PORT), written by
	 * the server itself so that emails the CLI renders link to it too. Not an admin setting.
	 */
	'server.address': httpUrl.nullable().default(null),
	/** Who gets alerts of rules that name no recipients of their own. */
	'alerts.recipients': z.array(emailAddress).default([]),
	/** Who gets the weekly digest; the alert recipients when empty. */
	'digest.recipients': z.array(emailAddress).default([]),
	'digest.enabled': z.boolean().default(true),
	/** When the weekly digest goes out (cron, in `org.timeZone`): Monday 08:00. */
	'digest.schedule': z
		.string()
		.trim()
		.refine(isCronPattern, 'not a cron pattern')
		.default('0 8 * * 1'),
	/** Sender of every email ("Parity <parity@example.com>"); MAIL_FROM overrides it. */
	'mail.from': z
		.string()
		.trim()
		.regex(/^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, 'not a sender address')
		.default('Parity <parity@localhost>'),
	/**
	 * Replace emails, phone numbers, card numbers and IBANs in stored text by placeholders,
	 * keep customer identities only as keyed hashes, and drop customer names (privacy/).
	 * Applies to what is imported from then on; stored conversations are not rewritten.
	 */
	'privacy.minimizeAtImport': z.boolean().default(true),
	/**
	 * Conversations are kept this many months, then deleted a whole week at a time
	 * (privacy/retention.ts); null keeps them for good.
	 */
	'privacy.retentionMonths': z.number().int().min(1).max(120).nullable().default(null),
	/** What the last retention sweep did, written by the server. Not an admin setting. */
	'privacy.retentionLast': z
		.object({
			at: z.number(),
			/** Conversations that started before this week were deleted. */
			beforeWeek: z.string(),
			conversations: z.number(),
			messages: z.number(),
			rejects: z.number(),
			error: z.string().nullable()
		})
		.nullable()
		.default(null),
	/** The server backs the database up on `backup.schedule` (db/scheduled-backups.ts). */
	'backup.enabled': z.boolean().default(true),
	/** When (cron, in `org.timeZone`): every day at 03:00. */
	'backup.schedule': z
		.string()
		.trim()
		.refine(isCronPattern, 'not a cron pattern')
		.default('0 3 * * *'),
	/** How many automatic backups are kept; older ones are removed after each new one. */
	'backup.keep': z.number().int().min(1).max(365).default(7),
	/** What the last automatic backup did, written by the server. Not an admin setting. */
	'backup.last': z
		.object({
			at: z.number(),
			file: z.string().nullable(),
			bytes: z.number().nullable(),
			removed: z.number(),
			error: z.string().nullable()
		})
		.nullable()
		.default(null),
	/** Largest file the web upload accepts, in bytes (the CLI reads files of any size). */
	'upload.maxBytes': z
		.number()
		.int()
		.min(1024 * 1024)
		.max(1024 ** 4)
		.default(2 * 1024 ** 3)
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]>;

export function getSetting<K extends SettingKey>(handle: DbHandle, key: K): SettingValue<K> {
	const row = handle.db
		.select({ value: settings.value })
		.from(settings)
		.where(eq(settings.key, key))
		.get();
	const schema = SETTINGS[key] as unknown as z.ZodType<SettingValue<K>>;
	const parsed = schema.safeParse(row?.value);
	return parsed.success ? parsed.data : (schema.parse(undefined) as SettingValue<K>);
}

export function setSetting<K extends SettingKey>(
	handle: DbHandle,
	key: K,
	value: unknown
): SettingValue<K> {
	const parsed = (SETTINGS[key] as unknown as z.ZodType<SettingValue<K>>).parse(value);
	// Null is "not set" (the nullable settings default to null): no row, rather than SQL NULL.
	if (parsed === null) {
		handle.db.delete(settings).where(eq(settings.key, key)).run();
		return parsed;
	}
	handle.db
		.insert(settings)
		.values({ key, value: parsed })
		.onConflictDoUpdate({ target: settings.key, set: { value: parsed } })
		.run();
	return parsed;
}
