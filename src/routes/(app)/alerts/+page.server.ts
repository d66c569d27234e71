import { fail } from '@sveltejs/kit';
import { formatEffect, formatValue, MEASURES, type MeasureId } from '$lib/server/alerts/measures';
import { acknowledgeAlert, alertHistory } from '$lib/server/alerts/service';
import { formatInterval, formatProbability } from '$lib/server/alerts/templates/format';
import { baselineWeeksText, levelText, weekAlone } from '$lib/server/alerts/templates/change';
import { getSetting } from '$lib/server/db/repos/settings';
import { readFormData } from '$lib/server/http/forms';
import type { FieldErrors } from '$lib/server/http/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const status = url.searchParams.get('status');
	const items = alertHistory(locals.services.db, {
		status: status === 'open' || status === 'resolved' ? status : undefined,
		limit: 200
	});
	return {
		status,
		/** Empty: alerts of rules without recipients of their own are recorded, not emailed. */
		defaultRecipients: getSetting(locals.services.db, 'alerts.recipients'),
		alerts: items.map((item) => {
			const finding = item.finding;
			const measure = item.measure as MeasureId;
			return {
				...item,
				finding: null,
				measureLabel: MEASURES[measure]?.label ?? item.measure,
				evidence: finding
					? {
							// The level the change is measured on (smoothed for drift), the week apart.
							value: levelText(finding),
							alone: weekAlone(finding),
							n: finding.n,
							baseline: formatValue(measure, finding.baseline.value),
							baselineWeeks: baselineWeeksText(finding),
							baselineN: finding.baseline.n,
							change: formatEffect(measure, finding.effect.estimate),
							interval: formatInterval(measure, finding.effect),
							sure: `${formatProbability('p', finding.p)}, ${formatProbability('q', finding.q)}`,
							since: finding.since
						}
					: null
			};
		})
	};
};

export const actions: Actions = {
	acknowledge: async ({ request, locals }) => {
		const form = await readFormData(request);
		if (!form)
			return fail(400, {
				alertId: null,
				errors: { id: 'The form could not be read.' } as FieldErrors
			});
		const id = Number(form.get('id'));
		// The guard lets only signed-in users here; the acknowledgement is theirs.
		const by = locals.user?.email;
		if (!by) return fail(400, { alertId: id, errors: { id: 'sign in first' } as FieldErrors });
		const note = String(form.get('note') ?? '');
		const result = acknowledgeAlert(locals.services.db, id, by, note);
		if (!result.ok) return fail(400, { alertId: id, errors: { id: result.reason } as FieldErrors });
		return { acknowledged: id };
	}
};
