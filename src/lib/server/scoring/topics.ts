import { z } from 'zod';

/**
 * Topic of a conversation: the tool's own tags where one maps onto a topic (its name or one
 * of its tag aliases), else the taxonomy's keywords in what the customer first wrote, else
 * "other". The taxonomy is data the analyst edits (data/topics.json seeds it).
 */

export const OTHER_TOPIC = 'other';

export const TopicDefinition = z.object({
	/** The key stored on conversations and rollups: lower case, words joined by '-'. */
	name: z
		.string()
		.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lower-case words joined by "-"')
		.refine((name) => name !== OTHER_TOPIC, `"${OTHER_TOPIC}" is what no topic matched`),
	label: z.string().min(1),
	/** Words or phrases in the customer's text that point at this topic. */
	keywords: z.array(z.string().trim().min(2)),
	/** Tool tags and categories that mean this topic, besides its name. */
	tags: z.array(z.string().trim().min(1))
});
export type TopicDefinition = z.infer<typeof TopicDefinition>;

export const Taxonomy = z
	.object({ topics: z.array(TopicDefinition) })
	.refine(
		(taxonomy) =>
			new Set(taxonomy.topics.map((topic) => topic.name)).size === taxonomy.topics.length,
		'topic names must be unique'
	);
export type Taxonomy = z.infer<typeof Taxonomy>;

export type TopicOrigin = 'tag' | 'keywords' | 'none';
export interface TopicMatch {
	topic: string;
	origin: TopicOrigin;
}

export interface TopicMatcher {
	match(tags: readonly string[], customerText: string): TopicMatch;
}

/** "Refund_Request", "refund-request" and "refund request" are one tag. */
export function normalizeTag(tag: string): string {
	return tag
		.toLowerCase()
		.replace(/[_\-./:]+/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/** Lower-case words (letters, digits, inner apostrophes) in order: what keywords match on. */
export function words(text: string): string[] {
	return text.toLowerCase().replace(/’/g, "'").match(WORD) ?? [];
}
const WORD = /[\p{L}\p{N}]+(?:'[\p{L}\p{N}]+)*/gu;

interface Keyword {
	words: string[];
	key: string;
	topics: number[];
}

/**
 * Keywords score by their length in words (a phrase says more than a word), each distinct
 * keyword once; the topic with the highest score wins, ties going to the topic listed first.
 * Keywords match whole words: "refund" does not match "refunded" (list both when both mean it).
 */
export function compileTaxonomy(taxonomy: Taxonomy): TopicMatcher {
	const byTag = new Map<string, number>();
	taxonomy.topics.forEach((topic, index) => {
		for (const tag of [topic.name, topic.label, ...topic.tags]) {
			const key = normalizeTag(tag);
			if (key && !byTag.has(key)) byTag.set(key, index);
		}
	});
	// Keywords indexed by their first word, so the text is read once, word by word.
	const byFirstWord = new Map<string, Keyword[]>();
	const byKey = new Map<string, Keyword>();
	taxonomy.topics.forEach((topic, index) => {
		for (const phrase of topic.keywords) {
			const keywordWords = words(phrase);
			if (keywordWords.length === 0) continue;
			const key = keywordWords.join(' ');
			let keyword = byKey.get(key);
			if (!keyword) {
				keyword = { words: keywordWords, key, topics: [] };
				byKey.set(key, keyword);
				const first = keywordWords[0] as string;
				byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), keyword]);
			}
			if (!keyword.topics.includes(index)) keyword.topics.push(index);
		}
	});

	return {
		match(tags, customerText) {
			let best = Infinity;
			for (const tag of tags) {
				const index = byTag.get(normalizeTag(tag));
				if (index !== undefined && index < best) best = index;
			}
			if (best !== Infinity) return { topic: taxonomy.topics[best]!.name, origin: 'tag' };
			if (byFirstWord.size === 0) return { topic: OTHER_TOPIC, origin: 'none' };

			const text = words(customerText);
			const seen = new Set<Keyword>();
			const scores = new Array<number>(taxonomy.topics.length).fill(0);
			for (let i = 0; i < text.length; i++) {
				const candidates = byFirstWord.get(text[i] as string);
				if (!candidates) continue;
				for (const keyword of candidates) {
					if (seen.has(keyword)) continue;
					let matches = true;
					for (let k = 1; k < keyword.words.length; k++) {
						if (text[i + k] !== keyword.words[k]) {
							matches = false;
							break;
						}
					}
					if (!matches) continue;
					seen.add(keyword);
					for (const index of keyword.topics) scores[index]! += keyword.words.length;
				}
			}
			let winner = -1;
			scores.forEach((score, index) => {
				if (score > 0 && (winner === -1 || score > scores[winner]!)) winner = index;
			});
			return winner === -1
				? { topic: OTHER_TOPIC, origin: 'none' }
				: { topic: taxonomy.topics[winner]!.name, origin: 'keywords' };
		}
	};
}
