import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage, screenshot } from './browser';
import { ownDemoServer } from './own-server';

/**
 * Printing the dashboard for a meeting (or saving it as PDF), on the demo data set: the page
 * prints its content without the controls that only work on screen, what is folded away
 * prints open, and the printout says where it came from.
 */

const own = ownDemoServer();

/** The page as the browser lays it out for paper: the print event, then print media. */
async function asPrinted(page: Page): Promise<void> {
	await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
	await page.emulateMedia({ media: 'print' });
}

async function backOnScreen(page: Page): Promise<void> {
	await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
	await page.emulateMedia({ media: 'screen' });
}

describe('printing', () => {
	it('prints the weekly review without its controls, with every measure unfolded and where it came from', async () => {
		const page = await newPage(own.browser, 'viewer', own.server.baseUrl);
		await page.goto(own.server.baseUrl);
		const more = page.locator('details', { hasText: 'More measures' });
		await expect(more.evaluate((node: HTMLDetailsElement) => node.open)).resolves.toBe(false);
		await expect(page.locator('footer.printed').isVisible()).resolves.toBe(false);

		// The button hands over to the browser's print dialog (stubbed: headless has none).
		await page.evaluate(() => {
			const counted = window as unknown as { printCalls: number };
			counted.printCalls = 0;
			window.print = () => void counted.printCalls++;
		});
		await page.getByRole('button', { name: 'Print' }).click();
		await expect(
			page.evaluate(() => (window as unknown as { printCalls: number }).printCalls)
		).resolves.toBe(1);

		await asPrinted(page);
		await expect(page.locator('header nav').isVisible()).resolves.toBe(false);
		await expect(page.locator('form.week-picker').isVisible()).resolves.toBe(false);
		await expect(page.getByRole('button', { name: 'Print' }).isVisible()).resolves.toBe(false);
		await expect(page.locator('h1').textContent()).resolves.toMatch(/^Weekly review \d{4}-W\d{2}$/);
		await expect(more.evaluate((node: HTMLDetailsElement) => node.open)).resolves.toBe(true);
		await expect(
			more.locator('tr', { hasText: 'Mean CSAT' }).first().isVisible(),
			'a measure folded away on screen is on paper'
		).resolves.toBe(true);
		const footer = (await page.locator('footer.printed').textContent()) ?? '';
		expect(footer).toMatch(/^\s*Printed from Parity on \d{1,2} \w{3} \d{4}, \d{2}:\d{2} · /);
		expect(footer.trim().endsWith(`${own.server.baseUrl}/`)).toBe(true);
		// A table stays a table on paper, though an A4 page is as narrow as a phone.
		await page.setViewportSize({ width: 718, height: 1000 });
		await expect(
			page.locator('table.findings thead').evaluate((node) => getComputedStyle(node).position)
		).resolves.not.toBe('absolute');
		await screenshot(page, 'print-weekly-review');

		await backOnScreen(page);
		await page.setViewportSize({ width: 1280, height: 800 });
		await expect(more.evaluate((node: HTMLDetailsElement) => node.open)).resolves.toBe(false);
		await expect(page.locator('header nav').isVisible()).resolves.toBe(true);
		await expect(page.locator('footer.printed').isVisible()).resolves.toBe(false);
	});

	it('saves the review as a PDF of a few pages, folding back what printing unfolded', async () => {
		const page = await newPage(own.browser, 'viewer', own.server.baseUrl);
		await page.goto(own.server.baseUrl);
		const pdf = await page.pdf({ format: 'A4' });
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g)?.length ?? 0;
		expect(pages).toBeGreaterThanOrEqual(2);
		expect(pages).toBeLessThanOrEqual(8);
		await expect(page.locator('main details[open]').count()).resolves.toBe(0);
	});

	it('prints a chart without its table and download link, which are for the screen', async () => {
		const page = await newPage(own.browser, 'viewer', own.server.baseUrl);
		await page.goto(`${own.server.baseUrl}/trends`);
		await page.locator('figure.chart svg').first().waitFor();
		await asPrinted(page);
		await expect(page.locator('figure.chart svg').first().isVisible()).resolves.toBe(true);
		await expect(page.locator('.chart-tools').first().isVisible()).resolves.toBe(false);
		await expect(page.locator('details.chart-table[open]').count()).resolves.toBe(0);
		await backOnScreen(page);
	});
});
