import { SentimentAnalyzer } from 'natural/lib/natural/sentiment/index.js';

/**
 * STAND-IN, replaced at merge by the real scorer built on its own branch. It exists so that
 * the scoring and rollup code has the same import and contract to run against: a sentence or
 * message in, a score in [-1, 1] out (negative = angry or unhappy).
 *
 * AFINN-165 word valences (−5..5) as natural ships them, summed with a negation rule (a
 * negator flips the next three words), then squashed like VADER's compound: s / √(s² + 15).
 * The submodule import keeps natural's index (0.5 s, 150 MB) out of the process.
 */

const analyzer = new SentimentAnalyzer('English', undefined, 'afinn') as unknown as {
	vocabulary: Record<string, number>;
};
const VALENCE = new Map<string, number>(Object.entries(analyzer.vocabulary));
const NEGATORS = new Set([
	'not',
	'no',
	'never',
	'neither',
	'nor',
	'nothing',
	'nobody',
	'cannot',
	"can't",
	"don't",
	"doesn't",
	"didn't",
	"isn't",
	"wasn't",
	"aren't",
	"won't",
	"wouldn't",
	"haven't",
	"hasn't",
	"shouldn't",
	"couldn't"
]);
const NEGATION_REACH = 3;
const ALPHA = 15;
const WORD = /[a-z]+(?:'[a-z]+)?/g;

export function scoreSentiment(text: string): number {
	let sum = 0;
	let negatedFor = 0;
	for (const match of text.toLowerCase().replace(/’/g, "'").matchAll(WORD)) {
		const word = match[0];
		if (NEGATORS.has(word)) {
			negatedFor = NEGATION_REACH;
			continue;
		}
		const valence = VALENCE.get(word);
		if (valence !== undefined) sum += negatedFor > 0 ? -valence : valence;
		if (negatedFor > 0) negatedFor--;
	}
	if (text.includes('!') && sum !== 0) sum *= 1.15;
	return sum / Math.sqrt(sum * sum + ALPHA);
}
