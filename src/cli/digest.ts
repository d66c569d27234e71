import { writeFileSync } from 'node:fs';
import { openAppDatabase } from '../lib/server/app';
import { deliverOutbox } from '../lib/server/alerts/deliver';
import { sendDigest } from '../lib/server/alerts/digest';
import { analyticsSource, jsonFileSource } from '../lib/server/alerts/source';
import { transportFromEnv } from '../lib/server/alerts/transport';
import { parseCommandArgs, UsageError } from './args';

export const summary = 'send the weekly digest email (last complete week by default)';
export const usage = 'parity digest [--week 2026-W47] [--dry-run] [--html FILE] [--content FILE]';

export async function run(argv: string[]): Promise<number> {
	const { values } = parseCommandArgs(argv, {
		week: { type: 'string' },
		'dry-run': { type: 'boolean', default: false },
		html: { type: 'string' },
		content: { type: 'string' }
	});
	if (values.week && !/^\d{4}-W\d{2}$/.test(values.week))
		throw new UsageError(`--week takes an ISO week like 2026-W47, not '${values.week}'`);
	const handle = openAppDatabase();
	try {
		const source = values.content ? jsonFileSource(values.content) : analyticsSource(handle);
		if (!source) {
			console.error(
				'parity digest: the analytics layer is not wired in yet; pass --content FILE with a digest to render.'
			);
			return 1;
		}
		// Writing the HTML only previews: it queues nothing, like --dry-run.
		const dryRun = values['dry-run'] || values.html !== undefined;
		const report = await sendDigest(handle, {
			digestForWeek: source.digestForWeek,
			week: values.week,
			dryRun
		});
		if (values.html && report.email) {
			writeFileSync(values.html, report.email.html);
			console.log(`wrote ${values.html}`);
		}
		const messages: Record<typeof report.outcome, string> = {
			queued: `queued as outbox #${report.outboxId}`,
			'already-queued': `already queued before (outbox #${report.outboxId}); nothing new`,
			'no-data': 'no data for this week; nothing to send',
			'no-recipients':
				'no recipients: set the digest or alert recipients in Admin → System settings',
			'dry-run': 'not queued (dry run)'
		};
		console.log(
			`digest for ${report.week}: ${messages[report.outcome]}${report.subject ? `\n  ${report.subject}` : ''}`
		);
		if (report.outcome !== 'queued') return report.outcome === 'no-recipients' ? 1 : 0;
		const transport = transportFromEnv();
		try {
			const delivery = await deliverOutbox(handle, transport);
			for (const message of delivery.messages)
				console.log(`  outbox #${message.id} ${message.outcome}: ${message.detail}`);
			return delivery.failed ? 1 : 0;
		} finally {
			transport.close();
		}
	} finally {
		handle.close();
	}
}
