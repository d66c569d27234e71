import { openAppDatabase } from '../lib/server/app';
import { count } from '../lib/plural';
import type { DbHandle } from '../lib/server/db/client';
import { deliverOutbox } from '../lib/server/alerts/deliver';
import { evaluateAlerts } from '../lib/server/alerts/evaluate';
import { acknowledgeAlert, alertHistory, outboxOverview } from '../lib/server/alerts/service';
import { analyticsSource, jsonFileSource } from '../lib/server/alerts/source';
import { segmentName } from '../lib/server/alerts/templates/format';
import { transportFromEnv } from '../lib/server/alerts/transport';
import { topicLabels } from '../lib/server/db/repos/topics';
import { parseCommandArgs, UsageError } from './args';

export const summary = 'evaluate alert rules and send alert emails; list alerts and the outbox';
export const usage =
	'parity alerts run [--week 2026-W47] [--dry-run] [--findings FILE] | deliver | list [--open] | outbox | ack <id> --by NAME [--note TEXT]';

const WEEK = /^\d{4}-W\d{2}$/;
const when = (instant: number | null) => (instant === null ? '–' : new Date(instant).toISOString());

async function deliver(handle: DbHandle): Promise<number> {
	const transport = transportFromEnv();
	try {
		const report = await deliverOutbox(handle, transport);
		console.log(
			`outbox (${transport.description}): ${report.sent} sent, ${report.retried} to retry, ${report.failed} failed`
		);
		for (const message of report.messages)
			console.log(
				`  #${message.id} ${message.outcome}: ${message.detail}${
					message.nextAttemptAt ? ` (next try ${when(message.nextAttemptAt)})` : ''
				}`
			);
		return report.failed ? 1 : 0;
	} finally {
		transport.close();
	}
}

async function evaluate(handle: DbHandle, argv: string[]): Promise<number> {
	const { values } = parseCommandArgs(argv, {
		week: { type: 'string' },
		'dry-run': { type: 'boolean', default: false },
		findings: { type: 'string' }
	});
	if (values.week && !WEEK.test(values.week))
		throw new UsageError(`--week takes an ISO week like 2026-W47, not '${values.week}'`);
	const source = values.findings ? jsonFileSource(values.findings) : analyticsSource(handle);
	const dryRun = values['dry-run'];
	const report = await evaluateAlerts(handle, { ...source, week: values.week, dryRun });
	console.log(
		`${dryRun ? '[dry run] ' : ''}week ${report.week}: ${count(report.findings, 'finding')}; ${report.fired.length} to fire, ${report.stillOpen} still open, ${report.resolved.length} resolved`
	);
	// Segments as the alert pages and emails name them; the keys are the alerts' identities only.
	const labels = topicLabels(handle);
	for (const fired of report.fired)
		console.log(`  fire     ${fired.rule}: ${segmentName(fired.segment, labels)}`);
	for (const resolved of report.resolved)
		console.log(
			`  resolve  #${resolved.alertId} ${resolved.rule}: ${segmentName(resolved.segment, labels)}`
		);
	if (report.unresolvedForLackOfData)
		console.log(
			`  ${count(report.unresolvedForLackOfData, 'open alert')} kept open: no data this week`
		);
	for (const invalid of report.invalidFindings) console.error(`  ignored ${invalid}`);
	for (const error of report.notices.errors) console.error(`  email not queued: ${error}`);
	if (dryRun) return 0;
	console.log(
		`emails: ${report.notices.queued} queued, ${report.notices.skipped} with no recipients`
	);
	const delivered = await deliver(handle);
	return report.notices.errors.length || report.invalidFindings.length ? 1 : delivered;
}

function list(handle: DbHandle, argv: string[]): number {
	const { values } = parseCommandArgs(argv, { open: { type: 'boolean', default: false } });
	const items = alertHistory(handle, { status: values.open ? 'open' : undefined, limit: 50 });
	if (!items.length) console.log('no alerts');
	for (const item of items) {
		const ack = item.acknowledgedAt ? ` · acknowledged by ${item.acknowledgedBy}` : '';
		const resolved = item.resolvedWeek ? ` → resolved ${item.resolvedWeek}` : '';
		console.log(
			`#${item.id} ${item.status.padEnd(8)} ${item.severity.padEnd(8)} ${item.firedWeek}${resolved}  ${item.ruleName}: ${item.segment}${ack}`
		);
	}
	return 0;
}

function outbox(handle: DbHandle): number {
	const { counts, messages } = outboxOverview(handle, 50);
	console.log(
		`outbox: ${counts.pending} pending, ${counts.sending} sending, ${counts.sent} sent, ${counts.failed} failed`
	);
	for (const message of messages)
		console.log(
			`#${message.id} ${message.status.padEnd(7)} ${message.kind.padEnd(8)} ${message.subject}\n` +
				`    to ${message.recipients.join(', ')}; attempts ${message.attempts}` +
				(message.sentAt
					? `; sent ${when(message.sentAt)} via ${message.deliveredVia}: ${message.deliveryResponse}`
					: '') +
				(message.lastError ? `; last error: ${message.lastError}` : '')
		);
	return 0;
}

function ack(handle: DbHandle, argv: string[]): number {
	const { values, positionals } = parseCommandArgs(argv, {
		by: { type: 'string' },
		note: { type: 'string' }
	});
	const id = Number(positionals[0]);
	if (!Number.isInteger(id) || id <= 0)
		throw new UsageError('give the alert number: alerts ack <id> --by NAME');
	if (!values.by) throw new UsageError('say who acknowledges: --by NAME');
	const result = acknowledgeAlert(handle, id, values.by, values.note ?? null);
	if (!result.ok) {
		console.error(`parity alerts ack: ${result.reason}`);
		return 1;
	}
	console.log(`alert #${id} acknowledged by ${values.by}`);
	return 0;
}

export async function run(argv: string[]): Promise<number> {
	const [sub, ...rest] = argv;
	const handle = openAppDatabase();
	try {
		switch (sub) {
			case 'run':
				return await evaluate(handle, rest);
			case 'deliver':
				return await deliver(handle);
			case 'list':
				return list(handle, rest);
			case 'outbox':
				return outbox(handle);
			case 'ack':
				return ack(handle, rest);
			default:
				throw new UsageError(
					`${sub ? `unknown subcommand '${sub}'` : 'no subcommand'}. Usage: ${usage}`
				);
		}
	} finally {
		handle.close();
	}
}
