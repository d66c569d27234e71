import { openAppDatabase } from '../lib/server/app';
import { cliActor } from '../lib/server/audit';
import { count } from '../lib/plural';
import { applyRetention, retentionPlan, type RetentionPlan } from '../lib/server/privacy/retention';
import { changeSetting } from '../lib/server/setting-change';
import { parseCommandArgs, UsageError } from './args';

export const summary =
	'how long conversations are kept, what the next nightly sweep deletes; sweep now';
export const usage = 'parity retention [--months N | --off] [--apply]';

function describe(plan: RetentionPlan | null): string {
	if (plan === null) return 'Conversations are kept for good.';
	const kept = `Conversations are kept ${count(plan.months, 'month')}: those that started before ${plan.beforeWeek}`;
	if (plan.conversations === 0 && plan.rejects === 0) return `${kept} go; none is stored.`;
	return `${kept} go: ${count(plan.conversations, 'conversation')} (${count(plan.messages, 'message')}) and ${count(plan.rejects, 'rejected record')} of imports from before then, at the next sweep or with --apply.`;
}

export async function run(argv: string[]): Promise<number> {
	const { values } = parseCommandArgs(argv, {
		months: { type: 'string' },
		off: { type: 'boolean', default: false },
		apply: { type: 'boolean', default: false }
	});
	if (values.off && values.months !== undefined)
		throw new UsageError(`--months and --off cannot be given together. Usage: ${usage}`);
	const months = values.off
		? null
		: values.months === undefined
			? undefined
			: Number(values.months);
	if (
		months !== undefined &&
		months !== null &&
		!(Number.isInteger(months) && months >= 1 && months <= 120)
	)
		throw new UsageError(`--months must be a whole number from 1 to 120. Usage: ${usage}`);

	const handle = openAppDatabase(undefined, { recoverImports: false });
	try {
		if (months !== undefined) changeSetting(handle, cliActor(), 'privacy.retentionMonths', months);
		if (!values.apply) {
			console.log(describe(retentionPlan(handle)));
			return 0;
		}
		const outcome = await applyRetention(handle, cliActor());
		if (outcome === null) {
			console.log('Conversations are kept for good: nothing to delete.');
			return 0;
		}
		if (outcome.error !== null) {
			console.error(`The sweep failed: ${outcome.error}`);
			return 1;
		}
		console.log(
			`Deleted ${count(outcome.conversations, 'conversation')} (${count(outcome.messages, 'message')}) that started before ${outcome.beforeWeek}, and ${count(outcome.rejects, 'rejected record')}${outcome.conversations > 0 ? '; their weeks were recomputed' : ''}. Backups taken earlier still hold them.`
		);
		return 0;
	} finally {
		handle.close();
	}
}
