import { asc, eq } from 'drizzle-orm';
import { DEFAULT_ALERT_RULES, type AlertRule } from '../../alerts/rules';
import { MEASURES, type MeasureId } from '../../alerts/measures';
import type { DbHandle } from '../client';
import { alertRules } from '../schema';

type Row = typeof alertRules.$inferSelect;
export type AlertRuleValues = Omit<AlertRule, 'id'>;

function toRule(row: Row): AlertRule | null {
	// A rule naming a measure this version does not know is kept in the table (an upgrade
	// may bring the measure back) but cannot be evaluated.
	if (!(row.measure in MEASURES)) return null;
	return {
		id: row.id,
		name: row.name,
		measure: row.measure as MeasureId,
		handlers: row.handlers ?? null,
		channels: row.channels ?? null,
		topics: row.topics ?? null,
		sources: row.sources ?? null,
		minEffect: row.minEffect,
		minSample: row.minSample,
		maxQ: row.maxQ,
		severity: row.severity,
		recipients: row.recipients,
		enabled: row.enabled
	};
}

export function listAlertRules(handle: DbHandle): AlertRule[] {
	return handle.db
		.select()
		.from(alertRules)
		.orderBy(asc(alertRules.id))
		.all()
		.map(toRule)
		.filter((rule): rule is AlertRule => rule !== null);
}

export function getAlertRule(handle: DbHandle, id: number): AlertRule | null {
	const row = handle.db.select().from(alertRules).where(eq(alertRules.id, id)).get();
	return row ? toRule(row) : null;
}

export function insertAlertRule(handle: DbHandle, values: AlertRuleValues, now: number): number {
	return handle.db
		.insert(alertRules)
		.values({ ...values, createdAt: now, updatedAt: now })
		.returning({ id: alertRules.id })
		.get().id;
}

export function updateAlertRule(
	handle: DbHandle,
	id: number,
	values: AlertRuleValues,
	now: number
): boolean {
	return (
		handle.db
			.update(alertRules)
			.set({ ...values, updatedAt: now })
			.where(eq(alertRules.id, id))
			.run().changes > 0
	);
}

export function deleteAlertRule(handle: DbHandle, id: number): boolean {
	return handle.db.delete(alertRules).where(eq(alertRules.id, id)).run().changes > 0;
}

/** Installs the shipped rules into an empty rule table (first start, or a test database). */
export function seedDefaultAlertRules(handle: DbHandle, now = Date.now()): void {
	if (handle.db.select({ id: alertRules.id }).from(alertRules).limit(1).get()) return;
	handle.db
		.insert(alertRules)
		.values(DEFAULT_ALERT_RULES.map((rule) => ({ ...rule, createdAt: now, updatedAt: now })))
		.run();
}
