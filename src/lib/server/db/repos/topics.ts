import { asc, eq } from 'drizzle-orm';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../paths';
import { Taxonomy } from '../../scoring/topics';
import type { DbHandle } from '../client';
import { derivationState, topics } from '../schema';

/** The taxonomy shipped with Parity (data/topics.json), read and checked. */
export function shippedTaxonomy(path = join(projectRoot, 'data', 'topics.json')): Taxonomy {
	return Taxonomy.parse(JSON.parse(readFileSync(path, 'utf8')));
}

export function loadTaxonomy(handle: DbHandle): Taxonomy {
	const rows = handle.db.select().from(topics).orderBy(asc(topics.position)).all();
	return {
		topics: rows.map((row) => ({
			name: row.name,
			label: row.label,
			keywords: row.keywords,
			tags: row.tags
		}))
	};
}

/** The taxonomy's label of each topic id: what pages and reports call the topic. */
export function topicLabels(handle: DbHandle): Record<string, string> {
	const rows = handle.db.select({ name: topics.name, label: topics.label }).from(topics).all();
	return Object.fromEntries(rows.map((row) => [row.name, row.label]));
}

/** Replaces the stored taxonomy (the caller re-derives what depends on it). */
export function saveTaxonomy(handle: DbHandle, taxonomy: Taxonomy): void {
	handle.db.transaction(
		(tx) => {
			tx.delete(topics).run();
			if (taxonomy.topics.length) {
				tx.insert(topics)
					.values(taxonomy.topics.map((topic, position) => ({ ...topic, position })))
					.run();
			}
		},
		{ behavior: 'immediate' }
	);
}

const SEEDED = 'topics.seeded';

/**
 * Installs the shipped taxonomy once, on the first start of a database. An analyst who later
 * empties the taxonomy on purpose keeps it empty.
 */
export function seedTopics(handle: DbHandle, taxonomy: Taxonomy = shippedTaxonomy()): void {
	handle.db.transaction(
		(tx) => {
			// Checked inside the write lock: two processes opening a new database at once seed once.
			const seeded = tx
				.select({ key: derivationState.key })
				.from(derivationState)
				.where(eq(derivationState.key, SEEDED))
				.get();
			if (seeded) return;
			const existing = tx.select({ name: topics.name }).from(topics).limit(1).get();
			if (!existing) {
				if (taxonomy.topics.length) {
					tx.insert(topics)
						.values(taxonomy.topics.map((topic, position) => ({ ...topic, position })))
						.run();
				}
			}
			tx.insert(derivationState).values({ key: SEEDED, value: true }).run();
		},
		{ behavior: 'immediate' }
	);
}

/**
 * What customers first wrote (their first three messages) in up to `perTopic` of each
 * topic's most recent conversations. Each topic is read along the transcript list's topic
 * index, newest first, so the sample costs the same on a million conversations as on a
 * thousand.
 */
export function sampleTopicTexts(
	handle: DbHandle,
	perTopic: number
): Array<{ topic: string; text: string }> {
	const topicNames = handle.sqlite
		.prepare<[], { topic: string }>('SELECT DISTINCT topic FROM rollup_weekly ORDER BY topic')
		.all()
		.map((row) => row.topic);
	const statement = handle.sqlite.prepare<[string, number], { topic: string; text: string | null }>(
		`SELECT r.topic AS topic,
		        (SELECT group_concat(body, char(10)) FROM (
		           SELECT m.body FROM messages m
		            WHERE m.conversation_id = r.conversation_id AND m.role = 'customer' AND m.is_public = 1
		            ORDER BY m.created_at, m.id LIMIT 3)) AS text
		   FROM (SELECT conversation_id, topic FROM conversation_scores
		          WHERE topic = ? ORDER BY started_at DESC, conversation_id DESC LIMIT ?) r
		  ORDER BY r.conversation_id`
	);
	return topicNames.flatMap((topic) =>
		statement.all(topic, perTopic).map((row) => ({ topic: row.topic, text: row.text ?? '' }))
	);
}
