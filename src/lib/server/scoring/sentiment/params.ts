/**
 * The rules' constants. The defaults were chosen by a coordinate search on VADER's tweets set and
 * checked by two-fold cross-validation (bench/sentiment-cv.ts); the bench varies them.
 */
export interface SentimentParams {
	/** Multiplier of a negated positive word ("not good"). */
	negatePositive: number;
	/** Multiplier of a negated negative word: "not bad" is mildly good, not "good". */
	negateNegative: number;
	/** How many content words back a negator reaches (never across a clause break). */
	negationWindow: number;
	/** Valence of a negator that negates no sentiment word ("it doesn't let me change it"). */
	bareNegation: number;
	/** Booster shift of a swear word used as an intensifier ("fucking awful"); others: 0.293. */
	expletive: number;
	/** Added to a sentiment word's magnitude when written in capitals amid lower case. */
	caps: number;
	/** Added to a stretched word's magnitude ("sooo good"). */
	elongated: number;
	/** Weights of the sentiment before and after "but" / "however". */
	beforeContrast: number;
	afterContrast: number;
	/** Added to the total's magnitude per "!" (up to 4). */
	exclamation: number;
	/** Exponent on each word's valence magnitude: strong words count more than in proportion. */
	power: number;
	/** Weight of emoticons and emoji against words. */
	emoticon: number;
	/** Weight of laughter words (lol, haha): partly a softener, not all delight. */
	laughter: number;
	/** Multiplier of a negative total in a text that laughs: "so tired lol" is a shrug. */
	laughSoften: number;
	/** Weight of positive words in a clause that ends with "?" ("is it any good?"). */
	questionPositive: number;
	/** Weight of negative words in a clause that ends with "?" ("does it cover damage?"). */
	questionNegative: number;
	/** Weight of sentiment words after "hope" / "wish" in their clause: wanted, not the case. */
	irrealis: number;
	/** Weight of a capitalised word inside a sentence: a name or a title more than a feeling. */
	title: number;
	/** Weight of a word written as a #hashtag: a topic label ("#win", "#giveaway") more than a feeling. */
	hashtag: number;
	/** Weight of the whole text when it shares a link (headlines and promotions, not feelings). */
	link: number;
	/** Long texts dilute a word: the total is divided by (words / referenceLength)^length. */
	length: number;
	referenceLength: number;
	/** Squashing: score = total / sqrt(total² + alpha), alphaNegative for negative totals. */
	alpha: number;
	alphaNegative: number;
}

export const DEFAULT_PARAMS: Readonly<SentimentParams> = {
	negatePositive: -0.5,
	negateNegative: -0.3,
	negationWindow: 3,
	bareNegation: -0.6,
	expletive: 1,
	caps: 1.3,
	elongated: 0.9,
	beforeContrast: 0.5,
	afterContrast: 1,
	exclamation: 0.6,
	power: 1.2,
	emoticon: 1.3,
	laughter: 0.8,
	laughSoften: 0.6,
	questionPositive: 0.4,
	questionNegative: 0.6,
	irrealis: 0.6,
	title: 0.5,
	hashtag: 0.5,
	link: 0.7,
	length: 0.4,
	referenceLength: 6,
	alpha: 30,
	alphaNegative: 8
};
