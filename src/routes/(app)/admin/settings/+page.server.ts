import {
	adminSettings,
	AdminSettingsForm,
	BackupNowForm,
	backupNow,
	updateAdminSettings
} from '$lib/server/admin-settings';
import { queueTestEmail, TestEmailForm } from '$lib/server/alerts/test-email';
import { formAction } from '$lib/server/http/forms';
import { actorOf } from '$lib/server/http/session';
import { ok } from '$lib/server/result';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => ({
	settings: adminSettings(locals.services.db)
});

export const actions: Actions = {
	save: formAction(AdminSettingsForm, (input, event) => {
		const result = updateAdminSettings(event.locals.services.db, actorOf(event), input);
		return result.ok ? ok({ saved: true }) : result;
	}),
	backupNow: formAction(BackupNowForm, async (_input, event) => {
		const result = await backupNow(event.locals.services.db, actorOf(event));
		return result.ok ? ok({ backedUp: result.value }) : result;
	}),
	testEmail: formAction(TestEmailForm, async (input, event) => {
		const result = await queueTestEmail(event.locals.services.db, actorOf(event), input);
		return result.ok ? ok({ testEmail: result.value }) : result;
	})
};
