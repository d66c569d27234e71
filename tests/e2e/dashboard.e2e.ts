import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CHANNEL_LABELS } from '../../src/lib/domain/conversation-filters';
import { addWeeks } from '../../src/lib/domain/time';
import { shippedTaxonomy } from '../../src/lib/server/db/repos/topics';
import { atBothWidths, DESKTOP, loginAs, newPage, PHONE, screenshot } from './browser';
import { ownDemoServer, startOwnServer } from './own-server';

/**
 * The analytical pages as a viewer sees them, on the demo data set (14 weeks, regressions
 * injected), loaded by `parity demo` into a server of this file's own: the demo's findings
 * would otherwise change what the other files see on the shared server (its alerts, for one).
 * The empty state gets a server of its own too.
 */

const own = ownDemoServer();

const base = () => own.server.baseUrl;

/** The handler filter a finding's segment label stands for. */
const HANDLERS: Record<string, string> = {
	AI: 'ai,hybrid',
	Human: 'human',
	'AI vs human': 'ai,hybrid,human'
};

describe('weekly review', () => {
	it('shows a viewer the headline, the regressions with evidence and the routing verdicts', async () => {
		const page = await newPage(own.browser, 'viewer', base());
		const response = await page.goto(base());
		expect(response?.status()).toBe(200);
		await expect(page.locator('h1').textContent()).resolves.toMatch(/^Weekly review \d{4}-W\d{2}$/);
		await expect(page.locator('aside.demo').textContent()).resolves.toContain(
			'You are looking at demo data.'
		);
		const headline = (await page.locator('.headline p').textContent()) ?? '';
		expect(headline.length).toBeGreaterThan(40);
		expect(headline).toMatch(/\d/);

		const compare = page.locator('.measure-table').first();
		await expect(
			compare.locator('tbody th[scope="row"] .label').allTextContents()
		).resolves.toEqual([
			'CSAT',
			'Ended negative',
			'End sentiment',
			'Repeat contact',
			'Escalation to a human',
			'Abandoned after an AI reply'
		]);
		await expect(
			compare.locator('tbody tr').first().locator('td').first().textContent()
		).resolves.toMatch(/\d+%\s*\d+%–\d+%\s*n = [\d,]+ answered surveys/);

		const regressions = page.locator('table.findings').first().locator('tbody tr');
		expect(await regressions.count()).toBeGreaterThan(0);
		await expect(regressions.first().locator('td.evidence').textContent()).resolves.toMatch(
			/q[<=]0\.\d+.*n=[\d,]+ (in|over) \d{4}-W\d{2}.* vs [\d,]+( and [\d,]+)? in \d{4}-W\d{2}.*(every week since \d{4}-W\d{2}|\d{4}-W\d{2} is the first week) at least/
		);
		const verdicts = page.locator('table.verdicts tbody tr');
		expect(await verdicts.count()).toBeGreaterThan(0);
		for (const label of await verdicts.locator('.verdict').allTextContents()) {
			expect(['Send to humans', 'Watch', 'AI at parity']).toContain(label);
		}
		await expect(verdicts.first().locator('.reason').textContent()).resolves.toMatch(/n=\d+\/\d+/);
		// The sentence over the table names exactly the rows marked with last week's verdict.
		const week = ((await page.locator('h1').textContent()) ?? '').replace('Weekly review ', '');
		const rows = await verdicts.evaluateAll((trs) =>
			trs.map((tr) => ({
				topic: tr.querySelector('th')?.textContent?.trim() ?? '',
				verdict: tr.querySelector('.verdict')?.textContent?.trim() ?? '',
				was: tr.querySelector('.was')?.textContent?.trim().replace(/^was /, '') ?? null
			}))
		);
		const changed = rows.filter((row) => row.was !== null);
		for (const row of changed) expect(row.was).not.toBe(row.verdict);
		const since = `since the review of ${addWeeks(week, -1)}`;
		await expect(
			page.locator('.verdict-changes').evaluate((p) => p.textContent?.replace(/\s+/g, ' ').trim())
		).resolves.toBe(
			changed.length
				? `Changed ${since}: ${changed.map((row) => `${row.topic} from ${row.was} to ${row.verdict}`).join('; ')}.`
				: `No verdict changed ${since}.`
		);
		await atBothWidths(page, 'review');
		await page.close();
	});

	it('says plainly when the oldest week had nothing to test, instead of "over 0 tests"', async () => {
		const page = await newPage(own.browser, 'viewer', base());
		await page.goto(base());
		// The demo's first week has no earlier weeks for a baseline: no test can run on it.
		const oldest = await page.locator('select[name=week] option').last().getAttribute('value');
		await page.goto(`${base()}/?week=${oldest}`);
		const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
		expect(text).toContain('(nothing could be tested: too few conversations)');
		expect(text).toContain('No segment had enough conversations this week and in its baseline');
		expect(text).not.toContain('over 0 tests');
		expect(text).not.toContain('No segment got significantly worse this week');
		await page.close();
	});

	it('takes a regression through to the conversations behind it, with its filters in the URL', async () => {
		const page = await newPage(own.browser, 'viewer', base());
		await page.goto(base());
		const week = (await page.locator('h1 .week').textContent())?.trim() ?? '';
		const rows = page.locator('table.findings').first().locator('tbody tr');
		// The injected regression (the AI on disputes) when it is listed, else the first one.
		const disputes = rows.filter({ hasText: 'Disputes and fraud' });
		const row = (await disputes.count()) ? disputes.first() : rows.first();
		const segment = row.locator('th[scope="row"]');
		const where = ((await segment.locator('.where').textContent()) ?? '').trim();
		const who = ((await segment.textContent()) ?? '').replace(where, '').trim();
		// The first link opens those counting against the measure, and says how many it holds
		// (QA: "40 conversations →" opened 12).
		const link = row.locator('td.go a').first();
		const said = Number(((await link.textContent()) ?? '').replace(/,/g, '').match(/^\d+/)![0]);
		await Promise.all([page.waitForURL(/\/conversations\?/), link.click()]);
		await expect(page.locator('p.count strong').textContent()).resolves.toBe(String(said));
		const url = new URL(page.url());
		expect(url.pathname).toBe('/conversations');
		expect(url.searchParams.get('week')).toBe(week);
		expect(url.searchParams.get('handler')).toBe(HANDLERS[who]);
		// The page names channels and topics as people read them; the address keeps their ids.
		const channelIds = new Map(Object.entries(CHANNEL_LABELS).map(([id, label]) => [label, id]));
		const topicIds = new Map(shippedTaxonomy().topics.map((topic) => [topic.label, topic.name]));
		const [first, second] = where.split(' · ');
		if (where === 'all conversations') {
			expect(url.searchParams.get('channel')).toBeNull();
			expect(url.searchParams.get('topic')).toBeNull();
		} else if (second) {
			expect([url.searchParams.get('channel'), url.searchParams.get('topic')]).toEqual([
				channelIds.get(first!),
				topicIds.get(second)
			]);
		} else if (channelIds.has(first!)) {
			expect(url.searchParams.get('channel')).toBe(channelIds.get(first!));
		} else {
			expect(url.searchParams.get('topic')).toBe(topicIds.get(first!));
		}
		await page.close();
	});

	it('lays out a regression card at 390 px with no text drawn over other text', async () => {
		// The walkthrough's phone: the Before column's week span ran over the Change column.
		const page = await newPage(own.browser, 'viewer', base());
		await page.setViewportSize(PHONE);
		await page.goto(base());
		const rows = page.locator('table.findings').first().locator('tbody tr');
		expect(await rows.count()).toBeGreaterThan(0);
		await expect(rows.first().locator('td.before small').textContent()).resolves.toMatch(
			/^in \d{4}-W\d{2}/
		);
		const overlaps = await rows.evaluateAll((trs) =>
			trs.flatMap((tr, row) => {
				// Every line box of every text in the card.
				const boxes: Array<{ text: string; r: DOMRect }> = [];
				const walker = document.createTreeWalker(tr, NodeFilter.SHOW_TEXT);
				for (let node = walker.nextNode(); node; node = walker.nextNode()) {
					const text = node.textContent?.trim() ?? '';
					if (!text || node.parentElement?.closest('.visually-hidden')) continue;
					const range = document.createRange();
					range.selectNodeContents(node);
					for (const r of range.getClientRects())
						if (r.width > 0 && r.height > 0) boxes.push({ text, r });
				}
				const hits: string[] = [];
				for (let i = 0; i < boxes.length; i++)
					for (let j = i + 1; j < boxes.length; j++) {
						const [a, b] = [boxes[i]!.r, boxes[j]!.r];
						const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
						const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
						if (x > 1 && y > 1)
							hits.push(`card ${row + 1}: "${boxes[i]!.text}" / "${boxes[j]!.text}"`);
					}
				return hits;
			})
		);
		expect(overlaps).toEqual([]);
		await screenshot(page, 'review-regressions-390');
		await page.close();
	});

	it('shows the repeat contact of the latest week that has it, and says why, on a phone', async () => {
		const page = await newPage(own.browser, 'viewer', base());
		await page.setViewportSize(PHONE);
		await page.goto(base());
		const repeat = page
			.locator('.measure-table')
			.first()
			.locator('tbody tr')
			.filter({ hasText: 'Repeat contact' });
		const note = repeat.locator('.note');
		await expect(note.isVisible()).resolves.toBe(true);
		await expect(note.textContent()).resolves.toMatch(
			/^Not known yet for \d{4}-W\d{2}: .*; shown for \d{4}-W\d{2}, the latest week it is known\.$/
		);
		await expect(repeat.locator('td[data-label="AI"]').innerText()).resolves.toMatch(
			/^W\d{2}\s+\d+%/
		);
		await page.close();
	});

	it('moves to another week with the keyboard alone', async () => {
		const page = await newPage(own.browser, 'viewer', base());
		await page.goto(base());
		const shown = (await page.locator('h1 .week').textContent())?.trim() ?? '';
		const select = page.getByLabel('Week', { exact: true });
		await select.focus();
		await page.keyboard.press('ArrowDown');
		const chosen = await select.inputValue();
		expect(chosen).not.toBe(shown);
		// past the "next week" link (when there is a later week) to the button
		for (let i = 0; i < 2; i++) {
			await page.keyboard.press('Tab');
			if ((await page.evaluate(() => document.activeElement?.textContent)) === 'Show') break;
		}
		await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Show');
		await Promise.all([
			page.waitForURL((url) => url.search.includes(chosen)),
			page.keyboard.press('Enter')
		]);
		await expect(page.locator('h1 .week').textContent()).resolves.toBe(chosen);
		await page.close();
	});
});

describe('trends', () => {
	it('draws each measure with its table and a CSV of exactly those numbers', async () => {
		const page = await newPage(own.browser, 'viewer', base());
		await page.goto(`${base()}/trends`);
		const charts = page.locator('figure.chart');
		await expect(charts.locator('.chart-title').allTextContents()).resolves.toEqual([
			'Conversations by who handled them',
			'CSAT',
			'CSAT response rate',
			'End sentiment',
			'Repeat contact',
			'Escalation to a human',
			'Abandoned after an AI reply',
			'Ended negative',
			'Frustration signals'
		]);
		await page.waitForFunction(
			() => document.querySelectorAll('figure.chart svg[aria-label]').length === 9
		);
		// Above the measures, each week's conversations by handler: a bar part per handler.
		const volume = charts.first();
		await expect(
			volume.locator('svg[aria-label="Conversations by who handled them"] rect').count()
		).resolves.toBeGreaterThan(13 * 2);
		await volume.locator('summary', { hasText: 'Table of the numbers' }).click();
		await expect(volume.locator('thead th').allTextContents()).resolves.toEqual([
			'Week',
			'AI, kept',
			'AI, handed over',
			'Human',
			'Total',
			'AI share (%)',
			'Conversations'
		]);
		await expect(volume.locator('tbody tr').count()).resolves.toBe(13);

		const first = charts.nth(1);
		await expect(first.locator('svg[aria-label="CSAT"] path').count()).resolves.toBeGreaterThan(3);

		await first.locator('summary', { hasText: 'Table of the numbers' }).click();
		const header = await first.locator('thead th').allTextContents();
		expect(header.slice(0, 3)).toEqual(['Week', 'Handler', 'CSAT (%)']);
		const cells = await first.locator('tbody tr').first().locator('td').allTextContents();
		const rowCount = await first.locator('tbody tr').count();

		const [download] = await Promise.all([
			page.waitForEvent('download'),
			first.getByRole('link', { name: 'Download CSV' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/^csat-.*\.csv$/);
		const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
		const lines = csv.trimEnd().split('\r\n');
		expect(lines[0]).toBe(header.slice(0, -1).join(','));
		expect(lines).toHaveLength(rowCount + 1);
		expect(lines[1]).toBe(
			cells
				.slice(0, -1)
				.map((cell) => (cell === '–' ? '' : cell))
				.join(',')
		);
		await atBothWidths(page, 'trends');
		await page.close();
	});

	it('keeps its filters in the URL', async () => {
		const page = await newPage(own.browser, 'viewer', base());
		await page.goto(`${base()}/trends`);
		await page.getByLabel('Topic').selectOption('disputes');
		await page.getByLabel('Channel').selectOption('chat');
		await Promise.all([
			page.waitForURL((url) => url.searchParams.get('topic') === 'disputes'),
			page.getByRole('button', { name: 'Apply' }).click()
		]);
		const url = new URL(page.url());
		expect(url.pathname).toBe('/trends');
		expect(url.searchParams.get('channel')).toBe('chat');
		await expect(page.locator('figure.chart .chart-title').nth(1).textContent()).resolves.toBe(
			'CSAT — Chat · Disputes and fraud'
		);
		// a point's conversations carry the same filters, and the answers that were not satisfied
		await page.locator('figure.chart').nth(1).locator('summary').click();
		const href = await page
			.locator('figure.chart')
			.nth(1)
			.locator('tbody a')
			.first()
			.getAttribute('href');
		expect(href).toMatch(
			/^\/conversations\?week=\d{4}-W\d{2}&handler=[a-z,]+&channel=chat&topic=disputes&csat=low$/
		);
		await page.close();
	});

	it('says it is loading while the next weeks are on their way', async () => {
		const page = await newPage(own.browser, 'viewer', base());
		await page.goto(`${base()}/trends`);
		await page.waitForFunction(
			() => document.querySelectorAll('figure.chart svg[aria-label]').length === 9
		);
		await page.route('**/__data.json*', async (route) => {
			await new Promise((resolve) => setTimeout(resolve, 1500));
			await route.continue();
		});
		await page.getByRole('link', { name: /Previous week/ }).click();
		await page.locator('.loading .bar').waitFor();
		await expect(page.locator('.loading').getAttribute('role')).resolves.toBe('status');
		await screenshot(page, 'trends-loading');
		await page.waitForURL(/week=/);
		await page.close();
	});
});

describe('where automation hurts', () => {
	it('colours topics × measures, hatches thin cells, and opens the conversations of a cell', async () => {
		const page = await newPage(own.browser, 'viewer', base());
		await page.goto(`${base()}/gaps`);
		await expect(page.locator('h1').textContent()).resolves.toBe('Where automation hurts');
		const svg = page.locator('figure.chart svg[aria-label^="AI − human gap by topic"]');
		await svg.waitFor();
		expect(await svg.locator('rect').count()).toBeGreaterThan(20);
		const topics = await svg.locator('[aria-label="y-axis tick label"] text').allTextContents();
		expect(topics[0]).toBe('All topics');
		expect(topics).toContain('Disputes and fraud');

		await page.locator('figure.chart summary').click();
		const header = await page.locator('figure.chart thead th').allTextContents();
		expect(header.slice(0, 6)).toEqual([
			'Topic',
			'Measure',
			'AI',
			'Human',
			'Unit',
			'Gap AI − human'
		]);
		const rows = page.locator('figure.chart tbody tr');
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Download CSV' }).click()
		]);
		const csv = readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
		const lines = csv.trimEnd().split('\r\n');
		expect(lines[0]).toBe(header.slice(0, -1).join(','));
		expect(lines).toHaveLength((await rows.count()) + 1);
		const disputesCsat = lines.find((line) => line.startsWith('Disputes and fraud,CSAT,'));
		expect(disputesCsat).toBeDefined();
		await page.locator('figure.chart summary').click();
		await atBothWidths(page, 'gaps');
		// On a phone the cells' numbers were 10–11 px and the significance dot sat on them
		// ("−0.27"): drawn by the browser, in its font, each number is 12 px or more and clear of
		// every dot.
		await page.setViewportSize(PHONE);
		await page.waitForTimeout(300);
		const drawn = await svg.evaluate((chart) => {
			const texts = [...chart.querySelectorAll('g[aria-label="text"] text')];
			const dots = [...chart.querySelectorAll('g[aria-label="dot"] circle')].map((dot) =>
				dot.getBoundingClientRect()
			);
			return {
				texts: texts.length,
				dots: dots.length,
				smallest: Math.min(...texts.map((text) => parseFloat(getComputedStyle(text).fontSize))),
				covered: texts
					.filter((text) => {
						const box = text.getBoundingClientRect();
						return dots.some(
							(dot) =>
								dot.left < box.right &&
								dot.right > box.left &&
								dot.top < box.bottom &&
								dot.bottom > box.top
						);
					})
					.map((text) => text.textContent)
			};
		});
		expect(drawn.texts).toBeGreaterThan(20);
		expect(drawn.dots).toBeGreaterThan(0);
		expect(drawn.smallest).toBeGreaterThanOrEqual(12);
		expect(drawn.covered).toEqual([]);
		await page.setViewportSize(DESKTOP);

		// Plot writes its links as xlink:href; the cell's tooltip names what it holds.
		const cell = svg
			.locator('a')
			.filter({ has: page.locator('title', { hasText: /^Disputes and fraud · CSAT/ }) })
			.first();
		await Promise.all([page.waitForURL(/\/conversations\?/), cell.click()]);
		const url = new URL(page.url());
		expect(url.searchParams.get('topic')).toBe('disputes');
		expect(url.searchParams.get('handler')).toBe('ai,hybrid,human');
		expect(url.searchParams.get('weeks')).toBe('4');
		await page.close();
	});
});

describe('addresses edited by hand', () => {
	it('names the parameters trends and gaps could not read, rather than silently showing everything', async () => {
		const page = await newPage(own.browser, 'viewer', base());
		await page.goto(`${base()}/trends?channel=fax`);
		await expect(page.locator('p.notice.warn').allTextContents()).resolves.toContain(
			'Left out of this address, as the page does not know them: channel=fax (not chat, email, voice, social, messaging, web or other; showing all channels).'
		);
		await page.goto(`${base()}/gaps?weeks=13`);
		await expect(page.locator('p.notice.warn').allTextContents()).resolves.toContain(
			'Left out of this address, as the page does not know them: weeks=13 (not 1, 4 or 8; showing 4 weeks).'
		);
		await expect(page.locator('.page-head .sub').textContent()).resolves.toContain(
			'over the 4 weeks'
		);
		// What the page reads, it does not mention.
		await page.goto(`${base()}/gaps?weeks=8&channel=chat`);
		await expect(page.locator('p.notice.warn').count()).resolves.toBe(0);
		await page.close();
	});
});

describe('states', () => {
	it('explains how to import when there is nothing yet', async () => {
		const server = await startOwnServer();
		try {
			const context = await own.browser.newContext({ viewport: DESKTOP });
			const page = await context.newPage();
			await loginAs(page, 'viewer', server.baseUrl);
			for (const path of ['/', '/trends', '/gaps']) {
				await page.goto(`${server.baseUrl}${path}`);
				await expect(page.locator('#empty-title').textContent()).resolves.toBe(
					'No conversations yet'
				);
				await expect(page.locator('.empty-state').textContent()).resolves.toContain(
					'npx parity import'
				);
			}
			await page.goto(server.baseUrl);
			await atBothWidths(page, 'review-empty');
			await context.close();
		} finally {
			await server.stop();
		}
	});

	it('says when a page could not be read, and offers to try again', async () => {
		const path = join(own.server.dataDir, 'parity.db');
		const db = new Database(path);
		// A row the rollup reader refuses (no such channel), in a week of its own.
		db.prepare(
			`INSERT INTO rollup_weekly (week, handler, channel, topic, source, conversations)
			 VALUES ('2020-W02', 'ai', 'fax', 'billing', 'broken', 1)`
		).run();
		try {
			const page = await newPage(own.browser, 'viewer', base());
			const response = await page.goto(`${base()}/?week=2020-W02`);
			expect(response?.status()).toBe(500);
			await expect(page.locator('h1').textContent()).resolves.toBe('This page could not be loaded');
			await expect(
				page.getByRole('link', { name: 'Try again' }).getAttribute('href')
			).resolves.toBe('/?week=2020-W02');
			await screenshot(page, 'review-error');
			await page.close();
		} finally {
			db.prepare(`DELETE FROM rollup_weekly WHERE week = '2020-W02'`).run();
			db.close();
		}
	});
});
