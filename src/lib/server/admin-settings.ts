import { z } from 'zod';
import { audit, type Actor } from './audit';
import type { DbHandle } from './db/client';
import { automaticBaseUrl, type Env } from './alerts/base-url';
import { getSetting, httpUrl, SETTINGS, type SettingKey } from './db/repos/settings';
import {
	backupDir,
	listBackups,
	takeScheduledBackup,
	type BackupOutcome
} from './db/scheduled-backups';
import { REDACTED } from './privacy/redact';
import { RETENTION_SCHEDULE, retentionPlan } from './privacy/retention';
import { nextScheduledRun } from './schedule';
import { ok, refuse, type Result } from './result';
import { changeSetting } from './setting-change';

/** The settings an admin changes on the settings page; every change is audited. */

const MB = 1024 * 1024;

/** A checkbox sends 'on' when ticked and nothing when not. */
const checkbox = z
	.literal('on', { error: 'not a checkbox value' })
	.optional()
	.transform((value) => value === 'on');

/** Addresses one per line (or separated by commas); the error names the one that is not. */
const addressList = z
	.string()
	.max(10_000)
	.default('')
	.transform((text, ctx) => {
		const list = [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
		const parsed = SETTINGS['alerts.recipients'].safeParse(list);
		if (parsed.success) return parsed.data;
		const bad = list.find((address) => !SETTINGS['alerts.recipients'].safeParse([address]).success);
		ctx.addIssue({ code: 'custom', message: `not an email address: ${bad ?? text}` });
		return z.NEVER;
	});

export const AdminSettingsForm = z.object({
	minimizeAtImport: checkbox,
	/** Empty: conversations are kept for good. */
	retentionMonths: z
		.string()
		.trim()
		.default('')
		.transform((text, ctx) => {
			if (text === '') return null;
			const months = Number(text);
			if (Number.isInteger(months) && months >= 1 && months <= 120) return months;
			ctx.addIssue({ code: 'custom', message: 'a whole number of months from 1 to 120, or empty' });
			return z.NEVER;
		}),
	uploadMaxMb: z.coerce
		.number({ error: 'a number of megabytes' })
		.int('a whole number of megabytes')
		.min(1, 'at least 1 MB')
		.max(1024 * 1024, 'at most 1 TB'),
	/** Empty: the server's own address. */
	baseUrl: z
		.string()
		.trim()
		.default('')
		.transform((text, ctx) => {
			if (text === '') return null;
			const parsed = httpUrl.safeParse(text);
			if (parsed.success) return parsed.data;
			ctx.addIssue({ code: 'custom', message: 'an address starting with http:// or https://' });
			return z.NEVER;
		}),
	alertRecipients: addressList,
	digestRecipients: addressList,
	digestEnabled: checkbox,
	digestSchedule: z
		.string()
		.trim()
		.refine(
			(text) => SETTINGS['digest.schedule'].safeParse(text).success,
			'a cron pattern such as 0 8 * * 1 (Monday 08:00)'
		),
	backupEnabled: checkbox,
	backupSchedule: z
		.string()
		.trim()
		.refine(
			(text) => SETTINGS['backup.schedule'].safeParse(text).success,
			'a cron pattern such as 0 3 * * * (every day at 03:00)'
		),
	backupKeep: z.coerce
		.number({ error: 'a number of backups' })
		.int('a whole number of backups')
		.min(1, 'at least 1')
		.max(365, 'at most 365')
});
export type AdminSettingsForm = z.output<typeof AdminSettingsForm>;

export function adminSettings(handle: DbHandle, env: Env = process.env) {
	return {
		minimizeAtImport: getSetting(handle, 'privacy.minimizeAtImport'),
		/** What minimising replaces in message text, from the redaction code's own list. */
		redacted: Object.values(REDACTED).map(({ label, placeholder }) => ({ label, placeholder })),
		retentionMonths: getSetting(handle, 'privacy.retentionMonths'),
		retention: retentionStatus(handle),
		uploadMaxMb: Math.round(getSetting(handle, 'upload.maxBytes') / MB),
		baseUrl: getSetting(handle, 'alerts.baseUrl') ?? '',
		/** What links start with when the field is empty, and where that comes from. */
		automaticBaseUrl: automaticBaseUrl(handle, env),
		alertRecipients: getSetting(handle, 'alerts.recipients').join('\n'),
		digestRecipients: getSetting(handle, 'digest.recipients').join('\n'),
		digestEnabled: getSetting(handle, 'digest.enabled'),
		digestSchedule: getSetting(handle, 'digest.schedule'),
		timeZone: getSetting(handle, 'org.timeZone'),
		backupEnabled: getSetting(handle, 'backup.enabled'),
		backupSchedule: getSetting(handle, 'backup.schedule'),
		backupKeep: getSetting(handle, 'backup.keep'),
		backups: backupStatus(handle, env)
	};
}

/** What the retention setting deletes at the next sweep, and what the last sweep did. */
function retentionStatus(handle: DbHandle, now = Date.now()) {
	const next = nextScheduledRun(RETENTION_SCHEDULE, getSetting(handle, 'org.timeZone'), now);
	return {
		// As of the sweep it announces: one that runs on a new day may reach one week further.
		plan: retentionPlan(handle, next ?? now),
		last: getSetting(handle, 'privacy.retentionLast'),
		next
	};
}

/** Where the automatic backups go, what the last run did, what is kept and when the next is. */
function backupStatus(handle: DbHandle, env: Env) {
	const dir = backupDir(handle, env);
	const kept = listBackups(dir);
	return {
		dir,
		last: getSetting(handle, 'backup.last'),
		kept: kept.length,
		keptBytes: kept.reduce((total, backup) => total + backup.bytes, 0),
		next: getSetting(handle, 'backup.enabled')
			? nextScheduledRun(
					getSetting(handle, 'backup.schedule'),
					getSetting(handle, 'org.timeZone'),
					Date.now()
				)
			: null
	};
}

export function updateAdminSettings(
	handle: DbHandle,
	actor: Actor,
	input: AdminSettingsForm,
	env: Env = process.env
): Result<ReturnType<typeof adminSettings>> {
	const changes: Array<[SettingKey, unknown]> = [
		['privacy.minimizeAtImport', input.minimizeAtImport],
		['privacy.retentionMonths', input.retentionMonths],
		['upload.maxBytes', input.uploadMaxMb * MB],
		['alerts.baseUrl', input.baseUrl],
		['alerts.recipients', input.alertRecipients],
		['digest.recipients', input.digestRecipients],
		['digest.enabled', input.digestEnabled],
		['digest.schedule', input.digestSchedule],
		['backup.enabled', input.backupEnabled],
		['backup.schedule', input.backupSchedule],
		['backup.keep', input.backupKeep]
	];
	for (const [key, value] of changes) changeSetting(handle, actor, key, value);
	return ok(adminSettings(handle, env));
}

/** Back up now carries no fields. */
export const BackupNowForm = z.object({});

/** A backup at once, into the automatic backups' folder and pruned like them; audited. */
export async function backupNow(handle: DbHandle, actor: Actor): Promise<Result<BackupOutcome>> {
	const outcome = await takeScheduledBackup(handle);
	audit(handle, actor, 'backup', outcome.file, { bytes: outcome.bytes, error: outcome.error });
	// 503: the server cannot do it as it is set up (a folder it cannot write, a full disk).
	return outcome.error === null
		? ok(outcome)
		: refuse(503, { backup: `The backup failed: ${outcome.error}` });
}
