import { describe, expect, it } from 'vitest';
import { defaultDemoConfig, demoRecords, loadDemo } from '../../src/lib/server/demo/index';
import { testDb } from '../helpers/db';

/**
 * The demo's hand-overs as a manager reads them on the Trends page. Some are the AI knowing
 * it cannot help and passing the customer on at once, so not every handed-over conversation
 * carries a frustration signal (when every one did, the "handed over" line sat flat at 100%,
 * which no real desk shows); and those at-once hand-overs are a share of the configured
 * hand-over rate, not hand-overs on top of it.
 */

const config = defaultDemoConfig({
	endWeek: '2026-W20',
	weeks: 8,
	contactsPerWeek: 800,
	regressions: [],
	seed: 11
});

describe('hand-overs in the demo data set', () => {
	it('hands over the configured share of failing AI contacts', () => {
		let failedAi = 0;
		let handedOver = 0;
		for (const { truth } of demoRecords(config)) {
			if (!truth.aiFirst || truth.firstOutcome !== 'failed') continue;
			failedAi++;
			if (truth.handler === 'hybrid') handedOver++;
		}
		expect(failedAi).toBeGreaterThan(600);
		// 0.45 configured; the binomial's standard error at this n is under 0.02
		expect(handedOver / failedAi).toBeGreaterThan(config.escalateOnFailure - 0.06);
		expect(handedOver / failedAi).toBeLessThan(config.escalateOnFailure + 0.06);
	});

	it('leaves some hand-overs without a frustration signal, as scored by the real pipeline', async () => {
		const db = testDb();
		try {
			await loadDemo(db, config);
			const rows = db.sqlite
				.prepare(
					`SELECT frustrated, asked_for_human AS askedForHuman FROM conversation_scores WHERE handler = 'hybrid'`
				)
				.all() as Array<{ frustrated: number; askedForHuman: number }>;
			expect(rows.length).toBeGreaterThan(250);
			const share = (pick: (row: (typeof rows)[number]) => number) =>
				rows.filter((row) => pick(row) === 1).length / rows.length;
			// Most hand-overs follow a customer pushing back; two in five of them come at once.
			expect(share((row) => row.frustrated)).toBeGreaterThan(0.45);
			expect(share((row) => row.frustrated)).toBeLessThan(0.85);
			expect(share((row) => row.askedForHuman)).toBeLessThan(0.6);
		} finally {
			db.close();
		}
	}, 60_000);
});
