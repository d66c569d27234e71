import { TfIdf } from 'natural/lib/natural/tfidf/index.js';
import { words as englishStopWords } from 'natural/lib/natural/util/stopwords.js';
import { words, type Taxonomy } from './topics';

/**
 * The terms that characterise each topic's conversations, so that an analyst can grow the
 * taxonomy: what "other" conversations talk about, and words a topic's customers use that
 * its keywords miss. Each conversation is one TF-IDF document (natural's TfIdf) of its
 * words and two-word phrases; a term's score for a topic is its mean TF-IDF over the
 * topic's conversations, weighted by its lift: how much more of the topic's conversations
 * use it than the rest's. Greetings and sign-offs ("hello", "regards") are in half of all
 * conversations, so the IDF alone let them top every topic; a term must be used at least
 * twice as often in the topic as elsewhere (MIN_LIFT) to be suggested at all.
 *
 * What a keyword can never be is left out before counting: natural's English stop words,
 * the words every support conversation uses whatever it is about (SUPPORT_FILLER),
 * contractions ("doesn't": natural's own tokenizer split it into "doesn", which then
 * topped app errors), and anything holding a digit (order numbers, "INV-2041", amounts).
 */

const MIN_LIFT = 2;
/** A term fewer conversations use than this (or than 2% of the topic's) is not yet a pattern. */
const MIN_USES = 2;
const MIN_SHARE = 0.02;

// Chosen from what the demo's and the fixtures' customers write in every topic alike:
// politeness, effort and time words ("tried", "today", month names), and number words.
const SUPPORT_FILLER = `
	please thanks thank hello hey dear regards cheers sorry okay yes yeah just really
	actually already anyone someone something anything nothing everything help hope need
	needs want wanted know understand tell told say says ask asked asking check checked try
	tried trying getting going goes comes came look looks looked seems keep keeps happen
	happened happening sure thing things yet every last next ago today yesterday tomorrow
	now time times day days week weeks one two three four five first second again usually
	normal instead able supposed january february march april may june july august september
	october november december
`
	.trim()
	.split(/\s+/);
const STOP = new Set([...englishStopWords, ...SUPPORT_FILLER]);
const HOLDS_A_DIGIT = /\S*\d\S*/gu;
// A phrase never runs across these: "attempts. Brilliant" is no phrase.
const PHRASE_BREAK = /[.!?,;:()"\n\r\t]+/u;

/** The candidate terms of one text: content words, and the pairs of them that stand together. */
export function candidateTerms(text: string): string[] {
	const terms: string[] = [];
	for (const part of text.replace(HOLDS_A_DIGIT, ' ').split(PHRASE_BREAK)) {
		const tokens = words(part).map((word) =>
			word.length < 3 || word.includes("'") || STOP.has(word) ? null : word
		);
		tokens.forEach((word, index) => {
			if (word === null) return;
			terms.push(word);
			const next = tokens[index + 1];
			if (next) terms.push(`${word} ${next}`);
		});
	}
	return terms;
}

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

interface Candidate {
	term: string;
	score: number;
	share: number;
	uses: number;
}

/**
 * A word most of whose uses are inside a phrase that is also suggested says less than the
 * phrase ("session" beside "session expired"): the word goes, the phrase stays.
 */
function withoutWordsInsidePhrases(candidates: Candidate[]): Candidate[] {
	const phrases = candidates.filter((candidate) => candidate.term.includes(' '));
	return candidates.filter(
		(candidate) =>
			candidate.term.includes(' ') ||
			!phrases.some(
				(phrase) =>
					phrase.term.split(' ').includes(candidate.term) && phrase.uses >= 0.8 * candidate.uses
			)
	);
}

export function characteristicTerms(
	documents: ReadonlyArray<{ topic: string; text: string }>,
	taxonomy: Taxonomy,
	perTopic = 15
): TopicTerms[] {
	const tfidf = new TfIdf();
	for (const document of documents) tfidf.addDocument(candidateTerms(document.text));

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
			const candidates = [...entry.sums.entries()]
				// A phrase holding one of the topic's keywords is matched by the keyword already.
				.filter(([term]) => !term.split(' ').some((word) => own.has(word)))
				.flatMap(([term, sum]): Candidate[] => {
					const uses = entry.uses.get(term) ?? 0;
					const share = uses / entry.conversations;
					// Add-one smoothing: a term no other topic uses has a large, finite lift.
					const shareElsewhere = ((everywhere.get(term) ?? 0) - uses + 1) / (elsewhere + 1);
					const lift = share / shareElsewhere;
					const fewest = Math.max(MIN_USES, MIN_SHARE * entry.conversations);
					if (lift < MIN_LIFT || uses < Math.min(fewest, entry.conversations)) return [];
					return [{ term, score: (sum / entry.conversations) * Math.log2(lift), share, uses }];
				})
				.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1));
			const terms = withoutWordsInsidePhrases(candidates.slice(0, perTopic * 3))
				.slice(0, perTopic)
				.map(({ term, score, share }) => ({ term, score, share }));
			return { topic, conversations: entry.conversations, terms };
		});
}
