import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { renderSegmentTrendPng } from '../../src/lib/server/alerts/chart';
import { measureInfo } from '../../src/lib/server/alerts/measures';
import { alertEmail } from '../../src/lib/server/alerts/templates/alert';
import { digestEmail } from '../../src/lib/server/alerts/templates/digest';
import { csatFinding, digestContent, TOPIC_LABELS } from '../helpers/alerts';
import { ACCOUNTS } from './accounts';
import { atBothWidths, launchBrowser, newPage, screenshot, screenshotDir } from './browser';

let browser: Browser;
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

const root = new URL('../..', import.meta.url).pathname;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1024, height: 900 };

/**
 * The HTML as a mail client gets it, with the inline image swapped for a data URL: a
 * browser cannot resolve cid: references, a mail client resolves them to the same PNG.
 */
function writeEmailFile(name: string, html: string): string {
	mkdirSync(screenshotDir, { recursive: true });
	const path = join(screenshotDir, `${name}.html`);
	writeFileSync(path, html);
	return path;
}

async function open(path: string, viewport: { width: number; height: number }): Promise<Page> {
	const page = await browser.newPage({ viewport, deviceScaleFactor: 2 });
	await page.goto(`file://${path}`);
	return page;
}

/** Nothing may be wider than a phone screen: horizontal scrolling in an email reads as broken. */
async function overflow(page: Page): Promise<number> {
	return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe('alert and digest emails as a manager sees them', () => {
	it('lays the alert email out for a phone, with the chart showing', async () => {
		const finding = csatFinding();
		const png = renderSegmentTrendPng(finding.trend ?? [], {
			label: measureInfo('csatPct').label,
			kind: 'share',
			baseline: finding.baseline.value,
			highlight: finding.week
		});
		const email = alertEmail(finding, {
			alertId: 12,
			ruleName: 'AI CSAT dropped',
			severity: 'critical',
			rule: { minEffect: 0.05, minSample: 30, maxQ: 0.05 },
			baseUrl: 'https://parity.example.com',
			chartCid: 'trend-12@parity',
			topicLabels: TOPIC_LABELS
		});
		const path = writeEmailFile(
			'alert-email',
			email.html.replace('cid:trend-12@parity', `data:image/png;base64,${png.toString('base64')}`)
		);
		for (const [name, viewport] of [
			['alert-email-phone', PHONE],
			['alert-email-desktop', DESKTOP]
		] as const) {
			const page = await open(path, viewport);
			expect(await overflow(page)).toBeLessThanOrEqual(0);
			await expect(page.locator('h1').innerText()).resolves.toBe('CSAT fell 8 pts');
			const chart = page.locator('img[alt^="CSAT for AI · Chat · Refunds and returns"]');
			expect(await chart.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(960);
			const shown = await chart.boundingBox();
			expect(shown?.width).toBeGreaterThan(viewport === PHONE ? 300 : 470);
			await screenshot(page, name);
			await page.close();
		}
	});

	it('lays the weekly digest out for a phone', async () => {
		const email = digestEmail(digestContent(), {
			baseUrl: 'https://parity.example.com',
			topicLabels: TOPIC_LABELS
		});
		const path = writeEmailFile('digest-email', email.html);
		for (const [name, viewport] of [
			['digest-email-phone', PHONE],
			['digest-email-desktop', DESKTOP]
		] as const) {
			const page = await open(path, viewport);
			expect(await overflow(page)).toBeLessThanOrEqual(0);
			await expect(page.locator('h2').allInnerTexts()).resolves.toEqual([
				'AI vs human',
				'Regressions vs each segment’s own baseline',
				'Improvements',
				'Routing by topic'
			]);
			await screenshot(page, name);
			await page.close();
		}
	});
});

describe('alert pages', () => {
	it('lists the shipped rules and saves an edit', async () => {
		const page = await newPage(browser, 'admin');
		await page.goto(`${inject('baseUrl')}/alerts/rules`);
		const names = await page.locator('tbody tr:not(.edit) td:nth-child(2)').allTextContents();
		expect(names).toEqual([
			'CSAT dropped',
			'More conversations ended negative',
			'Conversations end angrier',
			'Repeat contact rose',
			'AI escalation rate rose'
		]);
		await page.locator('summary', { hasText: 'Edit rule #1' }).click();
		const form = page.locator('details[open] form.rule-form');
		await form.locator('input[name="minEffect"]').fill('7');
		await form.locator('input[name="recipients"]').fill('cx-lead@example.com, bad address');
		await form.locator('button[type="submit"]').click();
		await expect(page.locator('details[open] .error').allTextContents()).resolves.toContain(
			'not an email address'
		);
		const retry = page.locator('details[open] form.rule-form');
		await retry.locator('input[name="recipients"]').fill('cx-lead@example.com');
		await retry.locator('button[type="submit"]').click();
		await expect(page.locator('.notice').textContent()).resolves.toBe('Rule #1 saved.');
		const row = page.locator('tbody tr:not(.edit)').first();
		await expect(row.locator('td:nth-child(5)').textContent()).resolves.toBe('7 pts');
		await expect(row.locator('td:nth-child(8)').textContent()).resolves.toBe('cx-lead@example.com');
		// The rules table was 721 px wide at 390 px, Severity off the screen.
		await atBothWidths(page, 'alert-rules', { reachable: true });
		await page.goto(`${inject('baseUrl')}/alerts`);
		await expect(page.locator('.empty').textContent()).resolves.toContain('No alerts yet');
		await page.close();
	});

	it('shows an alert fired by `parity alerts run` with its evidence, and takes an acknowledgement', async () => {
		// The CLI evaluates hand-made findings against the server's own database.
		const dataDir = inject('dataDir');
		const findings = join(dataDir, 'findings.json');
		writeFileSync(findings, JSON.stringify({ findings: [csatFinding()] }));
		const cli = spawnSync(
			process.execPath,
			[join(root, 'bin/parity.js'), 'alerts', 'run', '--week', '2026-W47', '--findings', findings],
			{
				cwd: root,
				env: {
					...process.env,
					PARITY_DATA_DIR: dataDir,
					PARITY_DB: join(dataDir, 'parity.db'),
					SMTP_URL: ''
				},
				encoding: 'utf8'
			}
		);
		expect(cli.status, cli.stderr).toBe(0);

		const page = await newPage(browser, 'admin');
		await page.goto(`${inject('baseUrl')}/alerts`);
		const alert = page.locator('#alert-1');
		await expect(alert.locator('h2').innerText()).resolves.toBe('#1 CSAT: AI · Chat · Refunds');
		await expect(alert.innerText()).resolves.toContain(
			'64% (n = 212) against a baseline of 72% over the 8 weeks before (n = 1,630): −8 pts, 95% interval −12 to −4 pts'
		);
		await expect(alert.locator('.links').innerText()).resolves.toBe(
			'Segment trends · 76 not satisfied of 212 answered surveys measured in week 47 · Worst first: Parity #48213 (no longer stored), Parity #48377 (no longer stored), Parity #49102 (no longer stored), Parity #49555 (no longer stored)'
		);
		await alert.locator('input[name="note"]').fill('refund macro changed on Tuesday');
		await alert.locator('button[type="submit"]').click();
		await expect(page.locator('#alert-1 .ack').innerText()).resolves.toMatch(
			new RegExp(
				`^Acknowledged by ${ACCOUNTS.admin.email.replace('.', '\\.')} on .*: refund macro changed on Tuesday$`
			)
		);
		await atBothWidths(page, 'alert-history');

		await page.goto(`${inject('baseUrl')}/alerts/outbox`);
		const row = page.locator('tbody tr').first();
		await expect(row.innerText()).resolves.toContain(
			'Critical: CSAT fell 8 pts for AI · Chat · Refunds'
		);
		await expect(row.locator('.status').innerText()).resolves.toBe('sent');
		const download = await page.request.get(`${inject('baseUrl')}/alerts/outbox/1`);
		expect(download.headers()['content-type']).toBe('message/rfc822');
		expect((await download.text()).includes('Content-Type: image/png')).toBe(true);
		// The outbox was 773 px wide at 390 px, the .eml download off the screen.
		await atBothWidths(page, 'alert-outbox', { reachable: true });
		await page.close();
	});
});
