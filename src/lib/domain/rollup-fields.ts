import type { RollupCounts } from './rollup';

/**
 * The numeric fields of a rollup cell as a runtime list, for code that must walk them: adding
 * cells together, reading `rollup_weekly` rows (columns are the snake_case of these names).
 * The check below fails to compile if a field is added to RollupCell and not listed here.
 */
export const ROLLUP_COUNT_FIELDS = [
	'conversations',
	'messages',
	'csatOffered',
	'csatAnswered',
	'csatTop2',
	'csatSum',
	'csatSumSq',
	'sentimentN',
	'sentimentStartSum',
	'sentimentEndSum',
	'sentimentEndSumSq',
	'sentimentDeltaSum',
	'sentimentMinSum',
	'endingKnown',
	'negativeEnd',
	'repeatContacts',
	'repeatEligible',
	'escalationEligible',
	'escalations',
	'repeatedAfterHandoff',
	'abandonments',
	'frustrated',
	'askedForHuman',
	'repeatedQuestion',
	'profanity',
	'shouting',
	'uselessPhrase',
	'aiLoop',
	'firstResponseN',
	'firstResponseSum',
	'resolutionN',
	'resolutionSum'
] as const satisfies ReadonlyArray<keyof RollupCounts>;

type Unlisted = Exclude<keyof RollupCounts, (typeof ROLLUP_COUNT_FIELDS)[number]>;
export const ROLLUP_FIELDS_COMPLETE: [Unlisted] extends [never] ? true : Unlisted = true;

/**
 * camelCase field → snake_case column, the naming rule of the `rollup_weekly` table. Same word
 * split as drizzle's `casing: 'snake_case'` (digits stay with their word: csatTop2 → csat_top2).
 */
export function rollupColumn(field: string): string {
	const words = field.match(/[\da-z]+|[A-Z]+(?![a-z])|[A-Z][\da-z]+/g) ?? [];
	return words.map((word) => word.toLowerCase()).join('_');
}
