import { audit, type Actor } from './audit';
import type { DbHandle } from './db/client';
import { getSetting, setSetting, type SettingKey } from './db/repos/settings';

/**
 * Sets a setting on someone's behalf and audits the change with its old and new value;
 * false, and nothing written, when it already had that value.
 */
export function changeSetting(
	handle: DbHandle,
	actor: Actor,
	key: SettingKey,
	value: unknown
): boolean {
	const before = getSetting(handle, key);
	// By value: list settings (recipients) come back as new arrays.
	if (JSON.stringify(before) === JSON.stringify(value)) return false;
	setSetting(handle, key, value);
	audit(handle, actor, 'setting.change', key, { from: before, to: value });
	return true;
}
