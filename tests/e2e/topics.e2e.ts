import { describe, expect, it } from 'vitest';
import { newPage, screenshot } from './browser';
import { ownDemoServer } from './own-server';

/**
 * Growing the topic taxonomy from the keyword suggestions, as an analyst does on the demo
 * data: its own server, since adding a keyword re-derives every topic.
 */

const own = ownDemoServer();

// Words every support conversation uses, and what natural's tokenizer made of contractions
// and invoice numbers: suggested on the demo before they were left out.
const NEVER_SUGGESTED = ['please', 'understand', 'check', 'last', 'doesn', 'don', 'hasn', 'inv'];

describe('keyword suggestions', () => {
	it('suggests content words and phrases, and one click adds a term to a topic', async () => {
		const page = await newPage(own.browser, 'analyst', own.server.baseUrl);
		await page.goto(`${own.server.baseUrl}/settings`);
		await page.getByRole('button', { name: 'Suggest keywords from recent conversations' }).click();
		const suggestions = page.locator('section.suggestions');
		// Reading the sample of transcripts takes a few seconds on a busy machine.
		await suggestions
			.getByRole('heading', { name: /Other \(no topic matched\)/ })
			.waitFor({ timeout: 30_000 });
		const terms = await suggestions.locator('.term').allInnerTexts();
		expect(terms.length).toBeGreaterThan(40);
		for (const word of NEVER_SUGGESTED) expect(terms).not.toContain(word);
		expect(terms.filter((term) => /\d/.test(term))).toEqual([]);
		// Phrases are suggested beside single words.
		expect(terms.some((term) => term.includes(' '))).toBe(true);
		await screenshot(page, 'topics-suggestions');

		const keywordCount = async () =>
			Number(
				/(\d+) keywords/.exec(
					await page
						.getByText(/\d+ keywords · \d+ tags/)
						.first()
						.innerText()
				)?.[1]
			);
		const before = await keywordCount();
		const billing = suggestions.locator('.topic', {
			has: page.getByRole('heading', { name: /^Billing/ })
		});
		const first = (await billing.locator('.term').first().innerText()).trim();
		await billing.getByRole('button', { name: `Add “${first}” as a keyword of Billing` }).click();
		await page.getByText(`Added “${first}” to the keywords of Billing.`).waitFor();
		await page.goto(`${own.server.baseUrl}/settings`);
		// Billing is the taxonomy's first topic.
		expect(await keywordCount()).toBe(before + 1);
		await page.context().close();
	});
});
