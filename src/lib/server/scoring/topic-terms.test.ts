import { describe, expect, it } from 'vitest';
import { candidateTerms, characteristicTerms } from './topic-terms';

const taxonomy = {
	topics: [
		{ name: 'refunds', label: 'Refunds', keywords: ['refund'], tags: [] },
		{ name: 'delivery', label: 'Delivery', keywords: ['parcel'], tags: [] }
	]
};

describe('characteristic terms per topic', () => {
	it('ranks what is frequent in a topic and rare elsewhere, without the topic’s own keywords', () => {
		const documents = [
			{ topic: 'refunds', text: 'Where is my refund? The reimbursement is late, please help' },
			{
				topic: 'refunds',
				text: 'I want a refund, reimbursement for the broken kettle, please help'
			},
			{ topic: 'delivery', text: 'My parcel is late, the courier did not come, please help' },
			{ topic: 'delivery', text: 'The courier left my parcel at the wrong door, please help' },
			{ topic: 'other', text: 'Do you sell gift vouchers? Gift vouchers for my mum, please help' }
		];
		const result = characteristicTerms(documents, taxonomy, 3);
		expect(result.map((entry) => [entry.topic, entry.conversations])).toEqual([
			['refunds', 2],
			['delivery', 2],
			['other', 1]
		]);
		const [refunds, delivery, other] = result;
		expect(refunds?.terms[0]).toMatchObject({ term: 'reimbursement', share: 1 });
		expect(refunds?.terms.map((t) => t.term)).not.toContain('refund');
		expect(delivery?.terms[0]).toMatchObject({ term: 'courier', share: 1 });
		// "gift" and "vouchers" are only ever used together: the phrase stands for both.
		expect(other?.terms.map((t) => t.term).slice(0, 2)).toEqual(['gift vouchers', 'mum']);
		// "please" and "help" are everywhere: never characteristic of one topic.
		for (const entry of result) expect(entry.terms.map((t) => t.term)).not.toContain('help');
	});

	it('leaves out greetings every topic has, though the IDF alone ranked them first', () => {
		const documents = [
			{ topic: 'refunds', text: 'hello invoice wrong' },
			{ topic: 'refunds', text: 'hello invoice missing' },
			{ topic: 'delivery', text: 'hello parcel late' },
			{ topic: 'delivery', text: 'parcel lost' }
		];
		const [refunds, delivery] = characteristicTerms(documents, taxonomy, 5);
		// "hello": 2 of 2 refunds conversations, 1 of 2 elsewhere: lift 1 / ((1 + 1) / 3) = 1.5.
		// "invoice": lift 1 / (1 / 3) = 3; IDF 1 + ln(4 / 3); score IDF × log2(3).
		expect(refunds?.terms).toEqual([
			{ term: 'invoice', share: 1, score: expect.closeTo((1 + Math.log(4 / 3)) * Math.log2(3), 9) }
		]);
		// Words one conversation used are not yet a pattern; "parcel" is a keyword already.
		expect(delivery?.terms).toEqual([]);
	});

	it('never suggests contraction fragments, references with digits or filler every topic uses', () => {
		// natural's own tokenizer read "doesn't" as "doesn" and "INV-2041" as "inv", and both
		// topped their topics' suggestions on the demo data.
		const app = (n: number) => ({
			topic: 'app-errors',
			text: `The app doesn't open, I tried again today. Error E-${n}00 after the latest update.`
		});
		const billing = (n: number) => ({
			topic: 'billing',
			text: `Invoice INV-${2040 + n} shows £${n}9.99, please check. I just need help.`
		});
		const documents = [1, 2, 3, 4].flatMap((n) => [app(n), billing(n)]);
		const result = characteristicTerms(documents, { topics: [] }, 10);
		const suggested = result.flatMap((entry) => entry.terms.map((t) => t.term));
		for (const word of ['doesn', 'inv', 'please', 'check', 'just', 'help', 'tried', 'today'])
			expect(suggested).not.toContain(word);
		expect(suggested.some((term) => /\d/.test(term))).toBe(false);
		expect(result.find((entry) => entry.topic === 'app-errors')?.terms.map((t) => t.term)).toEqual(
			expect.arrayContaining(['app', 'open', 'latest update'])
		);
	});

	it('reads two-word phrases within a sentence, never across its end', () => {
		expect(candidateTerms('Session expired. Brilliant support, really')).toEqual([
			'session',
			'session expired',
			'expired',
			'brilliant',
			'brilliant support',
			'support'
		]);
	});
});
