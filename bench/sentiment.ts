/**
 * Parity's sentiment scorer against vader-sentiment, measured in the same run.
 *   npm run bench:sentiment [-- tweets-file [more ground-truth files…]]
 * Prints, per data set and scorer: Pearson r against the mean human rating, 3-class macro-F1
 * and sentences per second (single thread, CPU time). Classes: scores at ±0.05; human ratings
 * (−4..+4) at ±0.2, the same band scaled to their range (VADER's paper: ±0.05 on [−1, 1]).
 * Data: VADER's tweets ground truth (not in the repository; default path below) and Parity's
 * hand-labelled support messages (bench/data/support-sentiment.tsv, see bench/data/README.md).
 * Further files in the same format (VADER's movie, Amazon and NYT snippet sets, say) are
 * scored too, each as a data set of its own: the scorer must hold up on text it was not
 * tuned on.
 * Cross-validation of the scorer's constants: npx tsx bench/sentiment-cv.ts
 */
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import vader from 'vader-sentiment';
import { scoreSentiment } from '../src/lib/server/scoring/sentiment';
import {
	macroF1,
	pearson,
	RATING_THRESHOLD,
	readRated,
	SCORE_THRESHOLD,
	throughput,
	type Rated
} from './sentiment-metrics';

const TWEETS =
	process.argv[2] ??
	process.env.PARITY_SENTIMENT_TWEETS ??
	'/work/shared/eval/sentiment/tweets_GroundTruth.txt';
const SUPPORT = new URL('./data/support-sentiment.tsv', import.meta.url).pathname;

const SCORERS: [string, (text: string) => number][] = [
	['parity', scoreSentiment],
	['vader-sentiment', (text) => vader.SentimentIntensityAnalyzer.polarity_scores(text).compound]
];

function report(name: string, rows: Rated[]): void {
	console.log(`\n${name}: ${rows.length} texts`);
	console.log(
		`  ${'scorer'.padEnd(16)} ${'r'.padStart(7)} ${'F1'.padStart(7)} ${'sentences/s'.padStart(12)}`
	);
	const ratings = rows.map((row) => row.rating);
	const texts = rows.map((row) => row.text);
	for (const [scorer, score] of SCORERS) {
		const scores = texts.map(score);
		const rate = Math.round(throughput(texts, score)).toLocaleString('en');
		console.log(
			`  ${scorer.padEnd(16)} ${pearson(scores, ratings).toFixed(4).padStart(7)} ` +
				`${macroF1(scores, ratings).toFixed(4).padStart(7)} ${rate.padStart(12)}`
		);
	}
}

console.log(
	`classes: score ≥ ${SCORE_THRESHOLD} positive, ≤ −${SCORE_THRESHOLD} negative; ` +
		`human mean ≥ ${RATING_THRESHOLD} positive, ≤ −${RATING_THRESHOLD} negative (−4..+4 scale)`
);
if (existsSync(TWEETS)) report('tweets (VADER ground truth)', readRated(TWEETS));
else console.log(`\ntweets: ${TWEETS} not found, skipped (pass its path as the first argument)`);
report('support messages (bench/data, hand-labelled)', readRated(SUPPORT));
for (const path of process.argv.slice(3)) report(basename(path), readRated(path));
