import { fail } from '@sveltejs/kit';
import { CHANNELS } from '$lib/domain/conversation';
import { MEASURE_IDS, MEASURES, effectUnit } from '$lib/server/alerts/measures';
import { ruleInputFromForm, ruleToForm } from '$lib/server/alerts/rule-form';
import { createRule, deleteRule, listRules, updateRule } from '$lib/server/alerts/service';
import { ALERT_SEVERITIES } from '$lib/server/db/schema/alerts';
import { getSetting } from '$lib/server/db/repos/settings';
import { joinFieldErrors, readFormData } from '$lib/server/http/forms';
import type { FieldErrors } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	const { db } = locals.services;
	return {
		rules: listRules(db).map(ruleToForm),
		measures: MEASURE_IDS.map((id) => ({
			id,
			label: MEASURES[id].label,
			unit: effectUnit(id).label
		})),
		severities: [...ALERT_SEVERITIES],
		channels: [...CHANNELS],
		defaultRecipients: getSetting(db, 'alerts.recipients')
	};
};

export const actions: Actions = {
	save: async ({ request, locals }) => {
		const form = await readFormData(request);
		if (!form)
			return fail(400, {
				ruleId: null,
				errors: { form: 'The form could not be read.' } as FieldErrors
			});
		const id = Number(form.get('id'));
		const input = ruleInputFromForm(form);
		const result =
			Number.isInteger(id) && id > 0
				? updateRule(locals.services.db, id, input)
				: createRule(locals.services.db, input);
		if (!result.ok) {
			// What was typed comes back, so a typo does not cost the rest of the edit.
			const values: Record<string, string> = {};
			for (const key of [
				'name',
				'topics',
				'sources',
				'minEffect',
				'minSample',
				'maxQ',
				'recipients'
			])
				values[key] = String(form.get(key) ?? '');
			return fail(400, {
				ruleId: id || null,
				errors: joinFieldErrors(result.errors) as FieldErrors,
				values
			});
		}
		return { saved: result.rule.id };
	},
	delete: async ({ request, locals }) => {
		const id = Number((await readFormData(request))?.get('id'));
		if (!Number.isInteger(id) || !deleteRule(locals.services.db, id)) {
			const errors: FieldErrors = { _: `no rule #${id}` };
			return fail(404, { ruleId: id, errors });
		}
		return { deleted: id };
	}
};
