import { describe, expect, it } from 'vitest';
import { csatFinding } from '../../../../tests/helpers/alerts';
import { planAlerts, type OpenAlert } from './plan';
import { DEFAULT_ALERT_RULES, segmentKey, type AlertRule } from './rules';

const rules: AlertRule[] = DEFAULT_ALERT_RULES.map((rule, index) => ({ ...rule, id: index + 1 }));
const csatRule = rules[0]!;
const finding = csatFinding({ week: '2026-W47' });
const key = segmentKey(finding.segment);

function open(overrides: Partial<OpenAlert> = {}): OpenAlert {
	return {
		id: 7,
		ruleId: csatRule.id,
		segmentKey: key,
		segment: finding.segment,
		firedWeek: '2026-W45',
		lastSeenWeek: '2026-W46',
		...overrides
	};
}

describe('planAlerts', () => {
	it('fires a new regression once per rule and segment, even if the provider repeats it', () => {
		const plan = planAlerts({
			week: '2026-W47',
			rules,
			openAlerts: [],
			firedInWeek: new Set(),
			findings: [finding, { ...finding }]
		});
		expect(plan.fire).toHaveLength(1);
		expect(plan.fire[0]).toMatchObject({ rule: { id: 1 }, segmentKey: key });
		expect(plan.persist).toEqual([]);
		expect(plan.resolve).toEqual([]);
	});

	it('keeps an open alert quiet while its regression persists', () => {
		const plan = planAlerts({
			week: '2026-W47',
			rules,
			openAlerts: [open()],
			firedInWeek: new Set(),
			findings: [finding]
		});
		expect(plan.fire).toEqual([]);
		expect(plan.persist).toEqual([{ alertId: 7, finding }]);
	});

	it('resolves an open alert when a later week has no matching finding', () => {
		const plan = planAlerts({
			week: '2026-W47',
			rules,
			openAlerts: [open()],
			firedInWeek: new Set(),
			findings: []
		});
		expect(plan.resolve.map((item) => item.alert.id)).toEqual([7]);
	});

	it('does not resolve by re-reading the week the alert was last seen in, or an older one', () => {
		for (const week of ['2026-W46', '2026-W44']) {
			const plan = planAlerts({
				week,
				rules,
				openAlerts: [open()],
				firedInWeek: new Set(),
				findings: []
			});
			expect(plan.resolve).toEqual([]);
		}
	});

	it('resolves when the finding is still there but below the rule’s threshold now', () => {
		const small = { ...finding, effect: { estimate: -0.03, low: -0.05, high: -0.01 } };
		const plan = planAlerts({
			week: '2026-W47',
			rules,
			openAlerts: [open()],
			firedInWeek: new Set(),
			findings: [small]
		});
		expect(plan.resolve).toHaveLength(1);
	});

	it('does not fire again in a week where this rule and segment already fired and resolved', () => {
		const plan = planAlerts({
			week: '2026-W47',
			rules,
			openAlerts: [],
			firedInWeek: new Set([`1|${key}`]),
			findings: [finding]
		});
		expect(plan.fire).toEqual([]);
	});

	it('ignores disabled rules, and findings of other weeks', () => {
		const disabled = rules.map((rule) => ({ ...rule, enabled: false }));
		expect(
			planAlerts({
				week: '2026-W47',
				rules: disabled,
				openAlerts: [open()],
				firedInWeek: new Set(),
				findings: [finding]
			})
		).toMatchObject({ fire: [], persist: [], resolve: [] });
		expect(
			planAlerts({
				week: '2026-W48',
				rules,
				openAlerts: [],
				firedInWeek: new Set(),
				findings: [finding]
			}).fire
		).toEqual([]);
	});
});
