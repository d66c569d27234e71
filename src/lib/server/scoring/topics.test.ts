import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileTaxonomy, normalizeTag, Taxonomy } from './topics';

const taxonomy = Taxonomy.parse({
	topics: [
		{
			name: 'billing',
			label: 'Billing',
			keywords: ['invoice', 'charged twice'],
			tags: ['charges']
		},
		{
			name: 'refunds',
			label: 'Refunds',
			keywords: ['refund', 'money back'],
			tags: ['refund request']
		},
		{
			name: 'disputes',
			label: 'Disputes and fraud',
			keywords: ['fraud', 'charged twice'],
			tags: []
		}
	]
});
const matcher = compileTaxonomy(taxonomy);

describe('topic matching', () => {
	it('normalises tags so that spellings of one tag agree', () => {
		expect(normalizeTag(' Refund_Request ')).toBe('refund request');
		expect(normalizeTag('refund-request')).toBe('refund request');
	});

	it('a tag matching a name, label or alias wins over keywords; the first topic listed wins ties', () => {
		expect(matcher.match(['refund-request'], 'fraud fraud')).toEqual({
			topic: 'refunds',
			origin: 'tag'
		});
		expect(matcher.match(['Disputes and fraud'], '')).toEqual({ topic: 'disputes', origin: 'tag' });
		expect(matcher.match(['refunds', 'charges'], '')).toEqual({ topic: 'billing', origin: 'tag' });
	});

	it('keywords: whole words and phrases, a phrase counts by its words, each keyword once', () => {
		// "charged twice" (2) scores billing and disputes; "invoice" (1) tips billing.
		expect(matcher.match([], 'I was CHARGED   twice on my invoice')).toEqual({
			topic: 'billing',
			origin: 'keywords'
		});
		// refund ×3 counts once (1) against fraud (1) + charged twice (2) for disputes.
		expect(matcher.match([], 'refund refund refund, this is fraud, charged twice')).toEqual({
			topic: 'disputes',
			origin: 'keywords'
		});
		expect(matcher.match([], 'refunded')).toEqual({ topic: 'other', origin: 'none' });
		expect(matcher.match(['unknown tag'], 'hello')).toEqual({ topic: 'other', origin: 'none' });
	});

	it('the shipped taxonomy is valid and covers the seeded support topics', () => {
		const shipped = Taxonomy.parse(JSON.parse(readFileSync('data/topics.json', 'utf8')));
		expect(shipped.topics.map((topic) => topic.name)).toEqual([
			'billing',
			'refunds',
			'payments',
			'disputes',
			'delivery',
			'account-access',
			'app-errors',
			'cancellations'
		]);
		const shippedMatcher = compileTaxonomy(shipped);
		expect(
			shippedMatcher.match([], 'I do not recognise this payment, someone used my card').topic
		).toBe('disputes');
		expect(shippedMatcher.match(['chargeback'], '').topic).toBe('disputes');
		expect(shippedMatcher.match([], 'The app keeps crashing after the update').topic).toBe(
			'app-errors'
		);
	});

	it('rejects a taxonomy with a duplicate or reserved name', () => {
		const topic = { name: 'billing', label: 'B', keywords: [], tags: [] };
		expect(Taxonomy.safeParse({ topics: [topic, topic] }).success).toBe(false);
		expect(Taxonomy.safeParse({ topics: [{ ...topic, name: 'other' }] }).success).toBe(false);
		expect(Taxonomy.safeParse({ topics: [{ ...topic, name: 'Billing Stuff' }] }).success).toBe(
			false
		);
	});
});
