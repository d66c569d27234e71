import { TfIdf } from 'natural/lib/natural/tfidf/index.js';
import { words, type Taxonomy } from './topics';

/**
 * The terms that characterise each topic's conversations, so that an analyst can grow the
 * taxonomy: what "other" conversations talk about, and words a topic's customers use that
 * its keywords miss. Each conversation is one TF-IDF document (natural's TfIdf: lower-cased,
 * English stop words removed); a term's score for a topic is its mean TF-IDF over the
 * topic's conversations, weighted by its lift: how much more of the topic's conversations
 * use it than the rest's. Greetings and sign-offs ("hello", "regards") are in half of all
 * conversations, so the IDF alone let them top every topic; a term must be used at least
 * twice as often in the topic as elsewhere (MIN_LIFT) to be suggested at all.
 */

const MIN_LIFT = 2;

export interface TopicTerms {
	topic: string;
	conversations: number;
	terms: Array<{
		term: string;
		score: number;
		/** Share of the topic's conversations that use the term. */
		share: number;
	}>;
}

export function characteristicTerms(
	documents: ReadonlyArray<{ topic: string; text: string }>,
	taxonomy: Taxonomy,
	perTopic = 15
): TopicTerms[] {
	const tfidf = new TfIdf();
	for (const document of documents) tfidf.addDocument(document.text);

	const known = new Map<string, Set<string>>();
	for (const topic of taxonomy.topics) {
		known.set(topic.name, new Set(topic.keywords.flatMap((keyword) => words(keyword))));
	}
	const byTopic = new Map<
		string,
		{ conversations: number; sums: Map<string, number>; uses: Map<string, number> }
	>();
	documents.forEach((document, index) => {
		let entry = byTopic.get(document.topic);
		if (!entry)
			byTopic.set(document.topic, (entry = { conversations: 0, sums: new Map(), uses: new Map() }));
		entry.conversations++;
		for (const { term, tfidf: value } of tfidf.listTerms(index)) {
			if (term.length < 3 || /^\d+$/.test(term)) continue;
			entry.sums.set(term, (entry.sums.get(term) ?? 0) + value);
			entry.uses.set(term, (entry.uses.get(term) ?? 0) + 1);
		}
	});

	const everywhere = new Map<string, number>();
	for (const entry of byTopic.values()) {
		for (const [term, uses] of entry.uses) everywhere.set(term, (everywhere.get(term) ?? 0) + uses);
	}

	const order = [...taxonomy.topics.map((topic) => topic.name), 'other'];
	return [...byTopic.entries()]
		.sort(([a], [b]) => (order.indexOf(a) + 1 || Infinity) - (order.indexOf(b) + 1 || Infinity))
		.map(([topic, entry]) => {
			const own = known.get(topic) ?? new Set<string>();
			const elsewhere = documents.length - entry.conversations;
			const terms = [...entry.sums.entries()]
				.filter(([term]) => !own.has(term))
				.flatMap(([term, sum]) => {
					const uses = entry.uses.get(term) ?? 0;
					const share = uses / entry.conversations;
					// Add-one smoothing: a term no other topic uses has a large, finite lift.
					const shareElsewhere = ((everywhere.get(term) ?? 0) - uses + 1) / (elsewhere + 1);
					const lift = share / shareElsewhere;
					if (lift < MIN_LIFT || uses < Math.min(2, entry.conversations)) return [];
					return [{ term, score: (sum / entry.conversations) * Math.log2(lift), share }];
				})
				.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1))
				.slice(0, perTopic);
			return { topic, conversations: entry.conversations, terms };
		});
}
