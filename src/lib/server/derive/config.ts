import { createHash } from 'node:crypto';
import type { DbHandle } from '../db/client';
import { listBotRules } from '../db/repos/bot-rules';
import { getSetting } from '../db/repos/settings';
import type { BotRule } from '../ingest/bot-rules';
import { loadTaxonomy } from '../db/repos/topics';
import { DAY_MS } from '../scoring/repeat-contact';
import type { Taxonomy } from '../scoring/topics';

/**
 * Bump when a change to the scoring code (the sentiment scorer, a signal's definition)
 * should re-derive every stored score: databases built with an older version are rescored
 * on their next derivation.
 */
export const SCORING_VERSION = 2;

/**
 * Bump when what a rollup column counts changes (not the scores it reads): rollups built
 * with an older version are rebuilt from the stored scores, without rescoring. 2: "ended
 * negative" counts only conversations whose customer answered a reply (`ending_known`).
 */
export const ROLLUP_VERSION = 2;

/** Everything stored derivations depend on besides the conversations themselves. */
export interface DerivationConfig {
	zone: string;
	windowDays: number;
	windowMs: number;
	sameTopicOnly: boolean;
	taxonomy: Taxonomy;
	/** Decide agent or AI for authors the tool did not classify (role_origin 'rules'). */
	botRules: BotRule[];
}

/** What a database's derivations were built with; a mismatch means something is stale. */
export interface BuiltWith {
	version: number;
	taxonomy: string;
	zone: string;
	windowDays: number;
	sameTopicOnly: boolean;
	/** Hash of the enabled bot rules (absent in databases derived before it was recorded). */
	botRules?: string;
	/** ROLLUP_VERSION (absent before version 2). */
	rollups?: number;
}

const hash = (value: unknown) =>
	createHash('sha1').update(JSON.stringify(value)).digest('base64url');

export function currentConfig(handle: DbHandle): DerivationConfig {
	const windowDays = getSetting(handle, 'repeat.windowDays');
	return {
		zone: getSetting(handle, 'org.timeZone'),
		windowDays,
		windowMs: windowDays * DAY_MS,
		sameTopicOnly: getSetting(handle, 'repeat.sameTopicOnly'),
		taxonomy: loadTaxonomy(handle),
		botRules: listBotRules(handle).map(({ kind, pattern, tool, enabled }) => ({
			kind,
			pattern,
			tool,
			enabled
		}))
	};
}

export function builtWith(config: DerivationConfig): BuiltWith {
	return {
		version: SCORING_VERSION,
		taxonomy: hash(config.taxonomy),
		zone: config.zone,
		windowDays: config.windowDays,
		sameTopicOnly: config.sameTopicOnly,
		// Disabled rules decide nothing: turning one off and on again changes nothing.
		botRules: hash(
			config.botRules
				.filter((rule) => rule.enabled)
				.map(({ kind, pattern, tool }) => [kind, pattern, tool])
				.sort()
		),
		rollups: ROLLUP_VERSION
	};
}
