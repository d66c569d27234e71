import type { DbHandle } from '../db/client';
import { setSetting, type SettingKey, type SettingValue } from '../db/repos/settings';
import { loadTaxonomy, sampleTopicTexts, saveTaxonomy } from '../db/repos/topics';
import { characteristicTerms, type TopicTerms } from '../scoring/topic-terms';
import { Taxonomy } from '../scoring/topics';
import { builtWith, currentConfig } from './config';
import { drainChanges, readBuiltWith, type DrainSummary } from './drain';

/**
 * What analysts and admins change that derived data depends on. Each change is stored first
 * and then derived by the same drain an import runs: the drain notices what no longer
 * matches the stored derivations (drain.ts, `reconcile`), so a change interrupted half-way
 * is completed by the next import or start.
 */

export type TaxonomyUpdate =
	{ ok: true; taxonomy: Taxonomy; derived: DrainSummary } | { ok: false; error: string };

/** Replaces the keyword taxonomy and re-derives every conversation's topic and the rollups. */
export function updateTaxonomy(handle: DbHandle, input: unknown): TaxonomyUpdate {
	const parsed = Taxonomy.safeParse(input);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		return {
			ok: false,
			error: issue ? `${issue.path.join('.') || 'taxonomy'}: ${issue.message}` : 'invalid taxonomy'
		};
	}
	saveTaxonomy(handle, parsed.data);
	return { ok: true, taxonomy: parsed.data, derived: drainChanges(handle) };
}

/**
 * Changes a setting; the week zone and the repeat-contact rules rebuild the weeks, repeat
 * links and rollups that depend on them.
 */
export function updateSetting<K extends SettingKey>(
	handle: DbHandle,
	key: K,
	value: unknown
): { value: SettingValue<K>; derived: DrainSummary } {
	const stored = setSetting(handle, key, value);
	return { value: stored, derived: drainChanges(handle) };
}

/** Recomputes weeks, repeat links and every rollup from the stored scores. */
export function rebuildRollups(handle: DbHandle): DrainSummary {
	return drainChanges(handle, { force: 'repeat-and-weeks' });
}

/** Rescores every conversation from its stored messages, then rebuilds the rollups. */
export function rescoreAll(handle: DbHandle): DrainSummary {
	return drainChanges(handle, { force: 'scores' });
}

/**
 * The terms that characterise each topic's recent conversations (and those of "other"), for
 * growing the taxonomy.
 */
export function topicTermReport(
	handle: DbHandle,
	options: { perTopic?: number; sample?: number } = {}
): TopicTerms[] {
	return characteristicTerms(
		sampleTopicTexts(handle, options.sample ?? 400),
		loadTaxonomy(handle),
		options.perTopic ?? 15
	);
}

/**
 * Whether the stored derivations were built with the current settings, taxonomy and bot
 * rules (false from a change until the derivation that follows it has run).
 */
export function derivationUpToDate(handle: DbHandle): boolean {
	return JSON.stringify(readBuiltWith(handle)) === JSON.stringify(builtWith(currentConfig(handle)));
}
