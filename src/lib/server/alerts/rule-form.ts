import { effectUnit, MEASURES, thresholdText, type MeasureId } from './measures';
import type { AlertRule } from './rules';

/**
 * The rule editor's form ↔ a rule. The form shows the minimum effect in the unit people
 * think in (percentage points for shares), the service stores the measure's own units; the
 * result is validated by the service's schema, which names the field that is wrong.
 */

function list(value: FormDataEntryValue | null): string[] {
	return typeof value === 'string'
		? value
				.split(/[,;\n]/)
				.map((item) => item.trim())
				.filter(Boolean)
		: [];
}

function number(value: FormDataEntryValue | null): number {
	return typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
}

/** Form fields → the input `AlertRuleInput` validates. */
export function ruleInputFromForm(form: FormData): Record<string, unknown> {
	const measure = String(form.get('measure') ?? '');
	const scale = measure in MEASURES ? effectUnit(measure as MeasureId).scale : 1;
	const checked = (name: string) => form.getAll(name).map(String);
	return {
		name: String(form.get('name') ?? ''),
		measure,
		handlers: checked('handlers'),
		channels: checked('channels'),
		topics: list(form.get('topics')),
		sources: list(form.get('sources')),
		minEffect: number(form.get('minEffect')) / scale,
		minSample: number(form.get('minSample')),
		maxQ: number(form.get('maxQ')),
		severity: String(form.get('severity') ?? ''),
		recipients: list(form.get('recipients')),
		enabled: form.get('enabled') === 'on'
	};
}

/** A rule as the form shows it. */
export function ruleToForm(rule: AlertRule) {
	const unit = effectUnit(rule.measure);
	return {
		...rule,
		// Rounded so that 0.05 shows as 5, not 5.000000000000001.
		minEffectShown: Number((rule.minEffect * unit.scale).toFixed(4)),
		effectUnit: unit.label,
		minEffectText: thresholdText(rule.measure, rule.minEffect),
		topicsText: (rule.topics ?? []).join(', '),
		sourcesText: (rule.sources ?? []).join(', '),
		recipientsText: rule.recipients.join(', ')
	};
}
