import { z } from 'zod';
import { audit, type Actor } from './audit';
import type { DbHandle } from './db/client';
import { getSetting, setSetting, type SettingKey } from './db/repos/settings';
import { ok, type Result } from './result';

/** The settings an admin changes on the settings page; every change is audited. */

const MB = 1024 * 1024;

/** A checkbox sends 'on' when ticked and nothing when not. */
const checkbox = z
	.literal('on', { error: 'not a checkbox value' })
	.optional()
	.transform((value) => value === 'on');

export const AdminSettingsForm = z.object({
	minimizeAtImport: checkbox,
	uploadMaxMb: z.coerce
		.number({ error: 'a number of megabytes' })
		.int('a whole number of megabytes')
		.min(1, 'at least 1 MB')
		.max(1024 * 1024, 'at most 1 TB')
});
export type AdminSettingsForm = z.output<typeof AdminSettingsForm>;

export function adminSettings(handle: DbHandle) {
	return {
		minimizeAtImport: getSetting(handle, 'privacy.minimizeAtImport'),
		uploadMaxMb: Math.round(getSetting(handle, 'upload.maxBytes') / MB)
	};
}

export function updateAdminSettings(
	handle: DbHandle,
	actor: Actor,
	input: AdminSettingsForm
): Result<ReturnType<typeof adminSettings>> {
	const changes: Array<[SettingKey, unknown]> = [
		['privacy.minimizeAtImport', input.minimizeAtImport],
		['upload.maxBytes', input.uploadMaxMb * MB]
	];
	for (const [key, value] of changes) {
		const before = getSetting(handle, key);
		if (before === value) continue;
		setSetting(handle, key, value);
		audit(handle, actor, 'setting.change', key, { from: before, to: value });
	}
	return ok(adminSettings(handle));
}
