// Alerts: how long the chart, composing, evaluating and delivering take, and how big the
// emails are. Prints figures; asserts nothing. `npm run bench:alerts`
import { renderSegmentTrendPng } from '../src/lib/server/alerts/chart';
import { deliverOutbox } from '../src/lib/server/alerts/deliver';
import { sendDigest } from '../src/lib/server/alerts/digest';
import { evaluateAlerts } from '../src/lib/server/alerts/evaluate';
import { smtpTransport } from '../src/lib/server/alerts/transport';
import type { AlertFinding } from '../src/lib/server/alerts/types';
import { listOutbox } from '../src/lib/server/db/repos/outbox';
import { setSetting } from '../src/lib/server/db/repos/settings';
import { csatFinding, digestContent } from '../tests/helpers/alerts';
import { testDb } from '../tests/helpers/db';
import { startSmtpServer } from '../tests/helpers/smtp';

const ms = (start: number) => `${(performance.now() - start).toFixed(0)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

const finding = csatFinding();
let start = performance.now();
const first = renderSegmentTrendPng(finding.trend ?? [], { label: 'CSAT %', kind: 'share' });
console.log(`chart: first render ${ms(start)} (loads fonts), PNG ${kb(first.length)}`);
start = performance.now();
for (let i = 0; i < 10; i++)
	renderSegmentTrendPng(finding.trend ?? [], { label: 'CSAT %', kind: 'share' });
console.log(`chart: next renders ${((performance.now() - start) / 10).toFixed(0)} ms each`);

const handle = testDb();
setSetting(handle, 'alerts.recipients', ['lead@example.com']);
const topics = 200;
const findings: AlertFinding[] = Array.from({ length: topics }, (_, i) =>
	csatFinding({ segment: { handler: 'ai', channel: 'chat', topic: `topic ${i}`, source: null } })
);
start = performance.now();
const report = await evaluateAlerts(handle, {
	findingsForWeek: () => findings,
	week: finding.week
});
console.log(
	`evaluate: ${topics} regressions → ${report.fired.length} alerts fired and ${report.notices.queued} emails composed in ${ms(start)}`
);
start = performance.now();
const again = await evaluateAlerts(handle, { findingsForWeek: () => findings, week: finding.week });
console.log(
	`evaluate again: ${again.fired.length} fired, ${again.notices.queued} queued in ${ms(start)}`
);

await sendDigest(handle, { digestForWeek: (week) => digestContent(week), week: finding.week });
const sizes = listOutbox(handle, { limit: 1000 });
const alertSize = sizes.find((message) => message.kind === 'alert')?.sizeBytes ?? 0;
const digestSize = sizes.find((message) => message.kind === 'digest')?.sizeBytes ?? 0;
console.log(`sizes: alert email ${kb(alertSize)} (with chart), digest ${kb(digestSize)}`);

const server = await startSmtpServer();
const transport = smtpTransport(server.url);
start = performance.now();
let sent = 0;
for (;;) {
	const pass = await deliverOutbox(handle, transport, { limit: 50 });
	if (!pass.sent) break;
	sent += pass.sent;
}
const seconds = (performance.now() - start) / 1000;
console.log(
	`deliver: ${sent} messages to a loopback SMTP server in ${seconds.toFixed(2)} s (${(sent / seconds).toFixed(0)}/s, one connection per message)`
);
transport.close();
await server.close();
handle.close();
