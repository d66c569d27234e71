import { describe, expect, it } from 'vitest';
import { ruleInputFromForm, ruleToForm } from './rule-form';
import { AlertRuleInput, DEFAULT_ALERT_RULES } from './rules';

function form(entries: Array<[string, string]>): FormData {
	const data = new FormData();
	for (const [key, value] of entries) data.append(key, value);
	return data;
}

describe('the rule form', () => {
	it('reads points for share measures and lists from comma-separated text', () => {
		const input = ruleInputFromForm(
			form([
				['name', 'Refund CSAT'],
				['measure', 'csatPct'],
				['handlers', 'ai'],
				['handlers', 'hybrid'],
				['topics', 'refunds, returns ,'],
				['sources', ''],
				['minEffect', '7.5'],
				['minSample', '40'],
				['maxQ', '0.1'],
				['severity', 'critical'],
				['recipients', 'a@example.com; b@example.com'],
				['enabled', 'on']
			])
		);
		expect(AlertRuleInput.parse(input)).toEqual({
			name: 'Refund CSAT',
			measure: 'csatPct',
			handlers: ['ai', 'hybrid'],
			channels: null,
			topics: ['refunds', 'returns'],
			sources: null,
			minEffect: 0.075,
			minSample: 40,
			maxQ: 0.1,
			severity: 'critical',
			recipients: ['a@example.com', 'b@example.com'],
			enabled: true
		});
	});

	it('takes sentiment effects as they are, and an empty number as missing', () => {
		const input = ruleInputFromForm(
			form([
				['measure', 'endSentimentMean'],
				['minEffect', '0.15'],
				['minSample', '']
			])
		);
		expect(input.minEffect).toBe(0.15);
		expect(input.minSample).toBeNaN();
		expect(input.enabled).toBe(false);
	});

	it('shows a stored rule in the units it was typed in', () => {
		const view = ruleToForm({ ...DEFAULT_ALERT_RULES[0]!, id: 1 });
		expect(view).toMatchObject({
			minEffectShown: 5,
			minEffectText: '5 pts',
			effectUnit: 'percentage points'
		});
	});
});
