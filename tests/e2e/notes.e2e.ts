import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isoWeekStart } from '../../src/lib/domain/time';
import { ACCOUNTS } from './accounts';
import { newPage, screenshot } from './browser';
import { ownDemoServer } from './own-server';

/**
 * Notes on the timeline, as an analyst writes one and a viewer reads it, on the demo data
 * set (a server of this file's own: the notes would show on the other files' pages). That
 * a viewer cannot post one is checked with every other action in routes.e2e.ts.
 */

const own = ownDemoServer();

// The tests tell one story in order: the note the analyst adds is the one the viewer reads and the analyst then removes.
describe('notes on the timeline', () => {
	it('an analyst notes what changed, and every chart and the review of that week show it', async () => {
		const page = await newPage(own.browser, 'analyst', own.server.baseUrl);
		await page.goto(`${own.server.baseUrl}/trends?weeks=8`);
		const notes = page.locator('section.timeline-notes');
		// The demo notes what caused its two injected regressions, each about a demo source.
		const items = notes.locator('li');
		await expect(items.allTextContents()).resolves.toEqual([
			expect.stringMatching(/^\s*1\s.*Two email agents moved to the chat team\s+Zendesk \(demo\)/),
			expect.stringMatching(/^\s*2\s.*New disputes flow for the AI went live\s+Intercom \(demo\)/)
		]);
		const week = await page.locator('form.week-picker select').inputValue();
		// The Wednesday of the last week shown.
		const day = new Date(isoWeekStart(week, 'UTC') + 2 * 86_400_000).toISOString().slice(0, 10);

		await notes.getByText('Add a note').click();
		await notes.getByLabel('Day').fill(day);
		await notes.getByLabel('What changed').fill('Fin moved to the new model');
		await Promise.all([
			page.waitForURL((url) => url.search.includes('/addNote')),
			notes.getByRole('button', { name: 'Add note' }).click()
		]);
		// Back on the same weeks it was posted from.
		expect(new URL(page.url()).searchParams.get('weeks')).toBe('8');
		await expect(notes.locator('[role="status"]').textContent()).resolves.toBe(
			`Noted “Fin moved to the new model” on ${day} (${week}).`
		);
		await expect(items.count()).resolves.toBe(3);
		await expect(items.last().textContent()).resolves.toMatch(
			new RegExp(
				`^\\s*3\\s+${day} · ${week}\\s+Fin moved to the new model\\s+— ${ACCOUNTS.analyst.email}`
			)
		);
		// Each chart draws every note as a numbered line at its week: the demo's two, and this one.
		await everyChartDrawn(page);
		const charts = await page.locator('figure.chart').count();
		await expect(page.locator('figure.chart svg g[aria-label="rule"] line').count()).resolves.toBe(
			charts * 3
		);
		// Their numbers on the chart, and what the new one says when pointed at.
		const labels = page.locator(
			'figure.chart:has(svg[aria-label="CSAT"]) g[aria-label="text"] text'
		);
		await expect(
			labels.evaluateAll((nodes) => nodes.map((node) => node.firstChild?.textContent))
		).resolves.toEqual(['1', '2', '3']);
		await expect(labels.last().locator('title').textContent()).resolves.toBe(
			'3. Fin moved to the new model'
		);
		await screenshot(page, 'notes-trends');

		await page.goto(`${own.server.baseUrl}/?week=${week}`);
		await expect(page.locator('.week-notes').textContent()).resolves.toMatch(
			new RegExp(`Noted this week: Fin moved to the new model \\(${day}\\)`)
		);
		await page.goto(
			`${own.server.baseUrl}/?week=${week.replace(/\d+$/, (n) => String(Number(n) - 1).padStart(2, '0'))}`
		);
		await expect(page.locator('.week-notes').count()).resolves.toBe(0);
	});

	it('refuses a day that does not exist, naming the field, and keeps what was typed', async () => {
		const page = await newPage(own.browser, 'analyst', own.server.baseUrl);
		await page.goto(`${own.server.baseUrl}/trends`);
		// Past the browser's own date check, as a script or an old browser would post it.
		const response = await page.request.post(`${own.server.baseUrl}/trends?/addNote`, {
			headers: { origin: own.server.baseUrl, accept: 'text/html' },
			form: { day: '2026-02-31', text: 'Refund policy changed' }
		});
		expect(response.status()).toBe(400);
		const html = await response.text();
		expect(html).toContain('a day written YYYY-MM-DD, such as 2026-11-12');
		expect(html).toContain('value="Refund policy changed"');
	});

	it('a viewer reads the notes but is offered no form to change them', async () => {
		const page = await newPage(own.browser, 'viewer', own.server.baseUrl);
		await page.goto(`${own.server.baseUrl}/trends?weeks=8`);
		const notes = page.locator('section.timeline-notes');
		await expect(notes.locator('li').count()).resolves.toBeGreaterThan(0);
		await expect(notes.getByText('Add a note').count()).resolves.toBe(0);
		await expect(notes.getByRole('button', { name: /Remove/ }).count()).resolves.toBe(0);
	});

	it('an analyst removes a note, and the charts lose its line', async () => {
		const page = await newPage(own.browser, 'analyst', own.server.baseUrl);
		await page.goto(`${own.server.baseUrl}/trends?weeks=8`);
		const notes = page.locator('section.timeline-notes');
		await notes
			.getByRole('button', { name: 'Remove the note “Fin moved to the new model”' })
			.click();
		await page.waitForURL((url) => url.search.includes('/removeNote'));
		await expect(notes.locator('[role="status"]').textContent()).resolves.toBe(
			'Removed “Fin moved to the new model”.'
		);
		await expect(notes.locator('li').count()).resolves.toBe(2);
		await everyChartDrawn(page);
		const charts = await page.locator('figure.chart').count();
		await expect(page.locator('figure.chart svg g[aria-label="rule"] line').count()).resolves.toBe(
			charts * 2
		);
	});
});

/** Charts are drawn in the browser after the page loads: wait until each figure has its own. */
function everyChartDrawn(page: Page): Promise<unknown> {
	return page.waitForFunction(
		() =>
			document.querySelectorAll('figure.chart svg[aria-label]').length ===
			document.querySelectorAll('figure.chart').length
	);
}
