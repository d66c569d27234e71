import { adminSettings, AdminSettingsForm, updateAdminSettings } from '$lib/server/admin-settings';
import { queueTestEmail, TestEmailForm } from '$lib/server/alerts/test-email';
import { formAction } from '$lib/server/http/forms';
import { actorOf } from '$lib/server/http/session';
import { ok, refuse } from '$lib/server/result';
import { audit } from '$lib/server/audit';
import { takeScheduledBackup } from '$lib/server/db/scheduled-backups';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';

/** The button carries no fields. */
const BackupNowForm = z.object({});

export const load: PageServerLoad = ({ locals }) => ({
	settings: adminSettings(locals.services.db)
});

export const actions: Actions = {
	save: formAction(AdminSettingsForm, (input, event) => {
		const result = updateAdminSettings(event.locals.services.db, actorOf(event), input);
		return result.ok ? ok({ saved: true }) : result;
	}),
	backupNow: formAction(BackupNowForm, async (_input, event) => {
		const outcome = await takeScheduledBackup(event.locals.services.db);
		audit(event.locals.services.db, actorOf(event), 'backup', outcome.file, {
			bytes: outcome.bytes,
			error: outcome.error
		});
		return outcome.error === null
			? ok({ backedUp: outcome })
			: refuse(503, { backup: `The backup failed: ${outcome.error}` });
	}),
	testEmail: formAction(TestEmailForm, async (input, event) => {
		const result = await queueTestEmail(event.locals.services.db, actorOf(event), input);
		return result.ok ? ok({ testEmail: result.value }) : result;
	})
};
