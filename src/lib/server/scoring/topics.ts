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

function escapeRegex(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Keywords score by their length in words (a phrase says more than a word), each distinct
 * keyword once; the topic with the highest score wins, ties going to the topic listed first.
 */
export function compileTaxonomy(taxonomy: Taxonomy): TopicMatcher {
	const byTag = new Map<string, number>();
	taxonomy.topics.forEach((topic, index) => {
		for (const tag of [topic.name, topic.label, ...topic.tags]) {
			const key = normalizeTag(tag);
			if (key && !byTag.has(key)) byTag.set(key, index);
		}
	});
	const keywordTopics = new Map<string, number[]>();
	taxonomy.topics.forEach((topic, index) => {
		for (const keyword of topic.keywords) {
			const key = keyword.toLowerCase().replace(/\s+/g, ' ').trim();
			const list = keywordTopics.get(key) ?? [];
			if (!list.includes(index)) list.push(index);
			keywordTopics.set(key, list);
		}
	});
	const keywords = [...keywordTopics.keys()].sort((a, b) => b.length - a.length);
	const pattern = keywords.length
		? new RegExp(
				`(?<![\\p{L}\\p{N}])(?:${keywords.map((k) => escapeRegex(k).replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`,
				'giu'
			)
		: null;
	const weight = new Map(keywords.map((k) => [k, k.split(' ').length]));

	return {
		match(tags, customerText) {
			let best = Infinity;
			for (const tag of tags) {
				const index = byTag.get(normalizeTag(tag));
				if (index !== undefined && index < best) best = index;
			}
			if (best !== Infinity) return { topic: taxonomy.topics[best]!.name, origin: 'tag' };
			if (!pattern) return { topic: OTHER_TOPIC, origin: 'none' };

			const seen = new Set<string>();
			const scores = new Array<number>(taxonomy.topics.length).fill(0);
			for (const found of customerText.matchAll(pattern)) {
				const key = found[0].toLowerCase().replace(/\s+/g, ' ');
				if (seen.has(key)) continue;
				seen.add(key);
				for (const index of keywordTopics.get(key) ?? []) {
					scores[index]! += weight.get(key) ?? 1;
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
