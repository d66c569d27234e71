import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { deliverOutbox, retryDelay } from '../../src/lib/server/alerts/deliver';
import { sendDigest } from '../../src/lib/server/alerts/digest';
import { evaluateAlerts } from '../../src/lib/server/alerts/evaluate';
import { smtpTransport, type MailTransport } from '../../src/lib/server/alerts/transport';
import type { AlertFinding } from '../../src/lib/server/alerts/types';
import { openAppDatabase } from '../../src/lib/server/app';
import type { DbHandle } from '../../src/lib/server/db/client';
import { listOutbox } from '../../src/lib/server/db/repos/outbox';
import { setSetting } from '../../src/lib/server/db/repos/settings';
import { AI_CHAT_REFUNDS, csatFinding, digestContent } from '../helpers/alerts';
import { testDb } from '../helpers/db';
import { scratchDir } from '../helpers/files';
import { leaves, parseMime, pngSize, textOf } from '../helpers/mime';
import { freePort, startSmtpServer, type TestSmtpServer } from '../helpers/smtp';

const T0 = Date.parse('2026-11-23T07:00:00Z'); // Monday 08:00 in Berlin, week 48 begins

/** A clock the test moves by hand: retries are checked by advancing it, never by sleeping. */
function clock(start = T0) {
	let time = start;
	return {
		now: () => time,
		advance: (ms: number) => {
			time += ms;
		}
	};
}

function configure(handle: DbHandle): DbHandle {
	setSetting(handle, 'org.timeZone', 'Europe/Berlin');
	setSetting(handle, 'alerts.recipients', ['support-lead@example.com']);
	setSetting(handle, 'alerts.baseUrl', 'https://parity.example.com/');
	setSetting(handle, 'mail.from', 'Parity <parity@example.com>');
	return handle;
}

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function smtp(options: Parameters<typeof startSmtpServer>[0] = {}) {
	const server = await startSmtpServer(options);
	cleanups.push(() => server.close());
	return server;
}

function transportTo(server: TestSmtpServer | number): MailTransport {
	const port = typeof server === 'number' ? server : server.port;
	const transport = smtpTransport(`smtp://127.0.0.1:${port}`, {
		connectionMs: 2000,
		socketMs: 5000
	});
	cleanups.push(() => transport.close());
	return transport;
}

function findings(...list: AlertFinding[]) {
	return (week: string) => list.filter((finding) => finding.week === week);
}

describe('alert email over a real SMTP server', () => {
	it('delivers the alert with its numbers, links and the chart as an inline image', async () => {
		const handle = configure(testDb());
		const time = clock();
		const server = await smtp();
		const report = await evaluateAlerts(handle, {
			findingsForWeek: findings(
				csatFinding(),
				// Not for the shipped rules: too few conversations, and an improvement.
				csatFinding({
					segment: { handler: 'human', channel: 'chat', topic: 'refunds', source: null },
					n: 20
				}),
				csatFinding({ direction: 'improvement', effect: { estimate: 0.08, low: 0.04, high: 0.12 } })
			),
			now: time.now
		});
		// Monday 08:00 Berlin is in week 48: the last complete week is 47.
		expect(report.week).toBe('2026-W47');
		expect(report.fired).toEqual([
			{
				alertId: 1,
				rule: 'CSAT dropped',
				segmentKey: 'handler=ai;channel=chat;topic=refunds;source=*',
				segment: AI_CHAT_REFUNDS
			}
		]);
		expect(report.notices).toEqual({ queued: 1, skipped: 0, errors: [] });

		const delivery = await deliverOutbox(handle, transportTo(server), { now: time.now });
		expect(delivery).toMatchObject({ sent: 1, retried: 0, failed: 0 });
		expect(server.received).toHaveLength(1);
		const mail = server.received[0]!;
		expect(mail.from).toBe('parity@example.com');
		expect(mail.to).toEqual(['support-lead@example.com']);

		const message = parseMime(mail.raw);
		expect(message.headers.get('subject')).toBe(
			'Critical: CSAT fell 8 pts for AI · Chat · Refunds (week 47)'
		);
		expect(message.headers.get('auto-submitted')).toBe('auto-generated');
		const parts = leaves(message);
		const text = textOf(parts.find((part) => part.contentType === 'text/plain'));
		const html = textOf(parts.find((part) => part.contentType === 'text/html'));
		const image = parts.find((part) => part.contentType === 'image/png');

		expect(text).toContain('This week:  64% (n = 212)');
		expect(text).toContain('Baseline:   72% over the 8 weeks before (n = 1,630)');
		expect(text).toContain('Change:     −8 pts (95% interval −12 to −4 pts)');
		expect(text).toContain('p < 0.001, q = 0.004 after Benjamini–Hochberg');
		expect(text).toContain('Since:      week 46 (9–15 Nov 2026) onwards');
		expect(text).toContain(
			'https://parity.example.com/trends?week=2026-W47&channel=chat&topic=refunds'
		);
		// Three examples, linked; nothing of their transcripts.
		expect(text).toContain('https://parity.example.com/conversations/48213');
		expect(text).toContain('https://parity.example.com/conversations/49102');
		expect(text).not.toContain('/conversations/49555');

		expect(html).toContain('src="cid:trend-1@parity"');
		expect(html).toContain('href="https://parity.example.com/alerts#alert-1"');
		expect(html).toContain('Parity #48377');
		expect(image?.headers.get('content-id')).toBe('<trend-1@parity>');
		expect(image?.headers.get('content-disposition')).toMatch(/^inline/);
		expect(pngSize(image!.body)).toEqual({ width: 960, height: 560 });
		// The image sits with the HTML in multipart/related, which is what makes clients show it inline.
		expect(message.contentType).toBe('multipart/alternative');
		expect(message.parts.map((part) => part.contentType)).toEqual([
			'text/plain',
			'multipart/related'
		]);
	});

	it('retries a message the server defers with 451, later, and delivers it exactly once', async () => {
		const handle = configure(testDb());
		const time = clock();
		const server = await smtp({ mode: 'defer-data' });
		const transport = transportTo(server);
		await evaluateAlerts(handle, { findingsForWeek: findings(csatFinding()), now: time.now });

		const first = await deliverOutbox(handle, transport, { now: time.now });
		expect(first).toMatchObject({ sent: 0, retried: 1 });
		expect(first.messages[0]?.detail).toMatch(/451/);
		expect(first.messages[0]?.nextAttemptAt).toBe(T0 + 60_000);
		expect(server.dataAttempts).toBe(1);

		// Not due yet: nothing is tried.
		time.advance(30_000);
		expect(await deliverOutbox(handle, transport, { now: time.now })).toMatchObject({
			sent: 0,
			retried: 0
		});
		expect(server.dataAttempts).toBe(1);

		// Still deferred at the second attempt: the wait doubles.
		time.advance(30_000);
		const second = await deliverOutbox(handle, transport, { now: time.now });
		expect(second.messages[0]?.nextAttemptAt).toBe(time.now() + retryDelay(2));
		expect(retryDelay(2)).toBe(120_000);

		server.mode = 'accept';
		time.advance(120_000);
		expect(await deliverOutbox(handle, transport, { now: time.now })).toMatchObject({ sent: 1 });
		time.advance(3_600_000);
		expect(await deliverOutbox(handle, transport, { now: time.now })).toMatchObject({
			sent: 0,
			retried: 0
		});
		expect(server.received).toHaveLength(1);
		expect(server.dataAttempts).toBe(3);
		const [row] = listOutbox(handle);
		expect(row).toMatchObject({
			status: 'sent',
			attempts: 3,
			deliveredVia: 'smtp',
			lastError: null
		});
	});

	it('treats a 450 at RCPT as temporary too', async () => {
		const handle = configure(testDb());
		const time = clock();
		const server = await smtp({ mode: 'defer-rcpt' });
		const transport = transportTo(server);
		await evaluateAlerts(handle, { findingsForWeek: findings(csatFinding()), now: time.now });
		expect(await deliverOutbox(handle, transport, { now: time.now })).toMatchObject({ retried: 1 });
		server.mode = 'accept';
		time.advance(retryDelay(1));
		expect(await deliverOutbox(handle, transport, { now: time.now })).toMatchObject({ sent: 1 });
		expect(server.received).toHaveLength(1);
	});

	it('keeps retrying while the server is down (port closed) and delivers once when it is back', async () => {
		const handle = configure(testDb());
		const time = clock();
		const port = await freePort();
		const transport = transportTo(port);
		await evaluateAlerts(handle, { findingsForWeek: findings(csatFinding()), now: time.now });

		const down = await deliverOutbox(handle, transport, { now: time.now });
		expect(down).toMatchObject({ sent: 0, retried: 1, failed: 0 });
		expect(down.messages[0]?.detail).toMatch(/ECONNECTION|ECONNREFUSED/);
		time.advance(retryDelay(1));
		expect(await deliverOutbox(handle, transport, { now: time.now })).toMatchObject({ retried: 1 });

		const server = await smtp({ port });
		time.advance(retryDelay(2));
		expect(await deliverOutbox(handle, transport, { now: time.now })).toMatchObject({ sent: 1 });
		time.advance(retryDelay(3));
		expect(await deliverOutbox(handle, transport, { now: time.now })).toMatchObject({ sent: 0 });
		expect(server.received).toHaveLength(1);
		expect(listOutbox(handle)[0]).toMatchObject({ status: 'sent', attempts: 3 });
	});

	it('marks a message refused with 550 as failed at once, with the reason, and does not retry it', async () => {
		const handle = configure(testDb());
		const time = clock();
		const server = await smtp({ mode: 'reject' });
		const transport = transportTo(server);
		await evaluateAlerts(handle, { findingsForWeek: findings(csatFinding()), now: time.now });
		expect(await deliverOutbox(handle, transport, { now: time.now })).toMatchObject({ failed: 1 });
		time.advance(24 * 3_600_000);
		expect(await deliverOutbox(handle, transport, { now: time.now })).toMatchObject({
			failed: 0,
			sent: 0
		});
		expect(listOutbox(handle)[0]).toMatchObject({ status: 'failed', attempts: 1 });
		expect(listOutbox(handle)[0]?.lastError).toMatch(/550/);
	});

	it('loses nothing when the process restarts between evaluation and delivery', async () => {
		const path = join(scratchDir(), 'parity.db');
		const time = clock();
		const server = await smtp();
		const before = configure(openAppDatabase(path));
		await evaluateAlerts(before, { findingsForWeek: findings(csatFinding()), now: time.now });
		before.close();

		const after = openAppDatabase(path);
		cleanups.push(() => after.close());
		expect(await deliverOutbox(after, transportTo(server), { now: time.now })).toMatchObject({
			sent: 1
		});
		expect(server.received).toHaveLength(1);
		// Evaluating again after the restart adds nothing.
		const again = await evaluateAlerts(after, {
			findingsForWeek: findings(csatFinding()),
			now: time.now
		});
		expect(again.fired).toEqual([]);
		expect(await deliverOutbox(after, transportTo(server), { now: time.now })).toMatchObject({
			sent: 0
		});
		expect(server.received).toHaveLength(1);
	});

	it('takes over a message whose sender died mid-send once the claim lapses, and sends it once', async () => {
		const path = join(scratchDir(), 'parity.db');
		const time = clock();
		const server = await smtp();
		const first = configure(openAppDatabase(path));
		await evaluateAlerts(first, { findingsForWeek: findings(csatFinding()), now: time.now });
		// A sender that claims and dies before the server answers: the server never got it.
		const dead: MailTransport = {
			kind: 'smtp',
			description: 'dies',
			send: () => new Promise(() => undefined),
			close: () => undefined
		};
		void deliverOutbox(first, dead, { now: time.now });
		first.close();

		const second = openAppDatabase(path);
		cleanups.push(() => second.close());
		const transport = transportTo(server);
		expect(await deliverOutbox(second, transport, { now: time.now })).toMatchObject({ sent: 0 });
		time.advance(10 * 60_000 + 1);
		expect(await deliverOutbox(second, transport, { now: time.now })).toMatchObject({ sent: 1 });
		expect(server.received).toHaveLength(1);
	});

	it('sends nothing new when the same data is evaluated again', async () => {
		const handle = configure(testDb());
		const time = clock();
		const server = await smtp();
		const transport = transportTo(server);
		const source = findings(csatFinding());
		await evaluateAlerts(handle, { findingsForWeek: source, now: time.now });
		await deliverOutbox(handle, transport, { now: time.now });
		time.advance(3_600_000);
		const again = await evaluateAlerts(handle, { findingsForWeek: source, now: time.now });
		expect(again).toMatchObject({ fired: [], stillOpen: 1, resolved: [] });
		expect(again.notices.queued).toBe(0);
		expect(await deliverOutbox(handle, transport, { now: time.now })).toMatchObject({ sent: 0 });
		expect(server.received).toHaveLength(1);
		expect(listOutbox(handle)).toHaveLength(1);
	});

	it('sends one "resolved" email when the segment recovers in a later week', async () => {
		const handle = configure(testDb());
		const time = clock();
		const server = await smtp();
		const transport = transportTo(server);
		const source = findings(csatFinding({ week: '2026-W47' }));
		await evaluateAlerts(handle, { findingsForWeek: source, week: '2026-W47', now: time.now });

		// Week 48 without data for the segment: no evidence of recovery, the alert stays open.
		const quiet = await evaluateAlerts(handle, {
			findingsForWeek: source,
			measureForWeek: () => null,
			week: '2026-W48',
			now: time.now
		});
		expect(quiet).toMatchObject({ resolved: [], unresolvedForLackOfData: 1 });

		const recovered = await evaluateAlerts(handle, {
			findingsForWeek: source,
			measureForWeek: (week, segment, measure) =>
				week === '2026-W48' && segment.topic === 'refunds' && measure === 'csatPct'
					? { value: 0.731, n: 205 }
					: null,
			week: '2026-W48',
			now: time.now
		});
		expect(recovered.resolved).toEqual([
			{
				alertId: 1,
				rule: 'CSAT dropped',
				segmentKey: 'handler=ai;channel=chat;topic=refunds;source=*',
				segment: AI_CHAT_REFUNDS
			}
		]);
		await deliverOutbox(handle, transport, { now: time.now });
		expect(server.received).toHaveLength(2);
		const resolved = parseMime(server.received[1]!.raw);
		expect(resolved.headers.get('subject')).toBe(
			'Resolved: CSAT for AI · Chat · Refunds is back within its baseline (week 48)'
		);
		const text = textOf(leaves(resolved).find((part) => part.contentType === 'text/plain'));
		expect(text).toContain('Now:           73% (n = 205)');
		expect(text).toContain(
			'When it fired: week 47 (16–22 Nov 2026), 64% against a baseline of 72%'
		);

		const again = await evaluateAlerts(handle, {
			findingsForWeek: source,
			measureForWeek: () => ({ value: 0.731, n: 205 }),
			week: '2026-W48',
			now: time.now
		});
		expect(again).toMatchObject({ fired: [], resolved: [] });
		await deliverOutbox(handle, transport, { now: time.now });
		expect(server.received).toHaveLength(2);
	});

	it('delivers the weekly digest once per week', async () => {
		const handle = configure(testDb());
		const time = clock();
		const server = await smtp();
		const transport = transportTo(server);
		const digestForWeek = (week: string) => (week === '2026-W47' ? digestContent(week) : null);
		const first = await sendDigest(handle, { digestForWeek, now: time.now });
		expect(first).toMatchObject({ week: '2026-W47', outcome: 'queued', outboxId: 1 });
		expect(await sendDigest(handle, { digestForWeek, now: time.now })).toMatchObject({
			outcome: 'already-queued',
			outboxId: 1
		});
		await deliverOutbox(handle, transport, { now: time.now });
		expect(server.received).toHaveLength(1);
		const digest = parseMime(server.received[0]!.raw);
		expect(digest.headers.get('subject')).toBe(
			'Parity weekly review, week 47 (16–22 Nov 2026): 2 regressions, 1 improvement, 1 topic to send to humans'
		);
		const text = textOf(leaves(digest).find((part) => part.contentType === 'text/plain'));
		expect(text).toContain(
			'CSAT: AI 68% (n = 402), human 77% (n = 391), gap −9 pts (−15 to −4 pts)'
		);
		expect(text).toContain('Refunds: Send to humans — CSAT 15 pts below humans');
		expect(text).toContain('Weekly review: https://parity.example.com/?week=2026-W47');
	});
});
