import { createHash } from 'node:crypto';
import type { DbHandle } from '../db/client';
import { getSetting } from '../db/repos/settings';
import { loadTaxonomy } from '../db/repos/topics';
import { DAY_MS } from '../scoring/repeat-contact';
import type { Taxonomy } from '../scoring/topics';

/**
 * Bump when a change to the scoring code (the sentiment scorer, a signal's definition)
 * should re-derive every stored score: databases built with an older version are rescored
 * on their next derivation.
 */
export const SCORING_VERSION = 2;

/** Everything stored derivations depend on besides the conversations themselves. */
export interface DerivationConfig {
	zone: string;
	windowDays: number;
	windowMs: number;
	sameTopicOnly: boolean;
	taxonomy: Taxonomy;
}

/** What a database's derivations were built with; a mismatch means something is stale. */
export interface BuiltWith {
	version: number;
	taxonomy: string;
	zone: string;
	windowDays: number;
	sameTopicOnly: boolean;
}

export function currentConfig(handle: DbHandle): DerivationConfig {
	const windowDays = getSetting(handle, 'repeat.windowDays');
	return {
		zone: getSetting(handle, 'org.timeZone'),
		windowDays,
		windowMs: windowDays * DAY_MS,
		sameTopicOnly: getSetting(handle, 'repeat.sameTopicOnly'),
		taxonomy: loadTaxonomy(handle)
	};
}

export function builtWith(config: DerivationConfig): BuiltWith {
	return {
		version: SCORING_VERSION,
		taxonomy: createHash('sha1').update(JSON.stringify(config.taxonomy)).digest('base64url'),
		zone: config.zone,
		windowDays: config.windowDays,
		sameTopicOnly: config.sameTopicOnly
	};
}
