import {
	COMPARATIVE,
	CONCEDES,
	CONTRASTS,
	ELONGATED,
	EMOTICONS,
	EXCESS,
	EXPLETIVE,
	ESCALATION_TARGET,
	EXPECTS,
	IRREALIS,
	KIND,
	LAUGH,
	LEAST,
	LIKE,
	NEGATOR,
	ORDINAL,
	PHRASE_START,
	PHRASES_BY_FIRST,
	THANKS,
	type WordInfo
} from './lexicon';
import {
	ESCALATION_VALENCE,
	ESCALATION_VERBS,
	FAILED_EXPECTATION,
	REPEAT_NOUNS,
	REPEAT_VALENCE
} from './support';
import { BOOST_UP, list } from './words';
import {
	BREAK,
	CAPS,
	EMOTICON,
	HASHTAG,
	NO_WORD,
	QUESTION,
	TITLE,
	WORD,
	type Tokens
} from './tokenize';

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

/** Booster decay with distance: the word right before counts fully. */
const BOOST_DECAY = [0, 1, 0.95, 0.9];
/** Strength of a negation followed by "at all", against a plain one. */
const AT_ALL = 1.5;
const ESCALATION = new Set(ESCALATION_VERBS);
const REPEAT = new Set(REPEAT_NOUNS);
/** "like" is a feeling after a subject or an adverb ("I like", "really like"), not in "looks like". */
const LIKE_AFTER = new Set(['i', 'we', 'you', 'they', 'really', 'also', 'just', 'totally', 'do']);
const NOT_NEGATING_NEXT = new Set(['only', 'just']);
/** Words after "too" that it does not make excessive: "me too, and", "too as well". */
const NOT_EXCESS = new Set(
	list('a an and as at but by for from in is of on or so the to with was')
);
/** "too long": about half as bad as "problem" (-1.7), a complaint of degree. */
const EXCESS_VALENCE = -0.8;
/** "love it so much": the same shift as a booster before the word. */
const DEGREE_AFTER = BOOST_UP;

/** 1 for tokens in a clause that ends with a question mark. */
let asking = new Uint8Array(256);
/** Per token, 1 after "hope" / "wish" and 2 after "although" / "despite", in the same clause. */
let wishing = new Uint8Array(256);
const NO_INFO: WordInfo = NO_WORD;
/** Laughter words in the text last scored by valenceSum. */
let laughs = 0;

/** The word after token `i`, or '' (the buffers hold stale tokens past `count`). */
function nextWord(tokens: Tokens, i: number): string {
	return i + 1 < tokens.count && tokens.kind[i + 1] === WORD ? (tokens.text[i + 1] ?? '') : '';
}

function sign(x: number): number {
	return x > 0 ? 1 : x < 0 ? -1 : 0;
}

/**
 * Words a negator reaches past without using up its reach: "not such a bad idea". Verbs of
 * opinion pass a negation on to what they report ("I don't think it is good" = "I think it is
 * not good"), as linguists' neg-raising predicates do.
 */
const SEE_THROUGH = new Set([
	'a',
	'an',
	'the',
	'such',
	'be',
	'been',
	'being',
	'think',
	'believe',
	'suppose',
	'expect',
	'imagine',
	'reckon'
]);
/** "nothing but praise" is all praise, and its "but" opposes nothing. */
const ONLY_BEFORE_BUT = new Set(['nothing', 'none']);
/** Modals that make "better" / "worse" a counterfactual: "could have been better". */
const COUNTERFACTUAL = new Set(['could', 'might', 'should', 'would']);
const COUNTERFACTUAL_PERFECT = new Set(["could've", "might've", "should've", "would've"]);

/** Is word `i` inside a negator's reach? "not only" and "no ... to" are not negations. */
function negated(tokens: Tokens, i: number, window: number): boolean {
	let reach = window;
	// Seen-through words do not use up the reach, so the scan also has a hard limit: a text of
	// "the the the …" must not make scoring quadratic.
	for (let j = i - 1; j >= 0 && j >= i - 3 * window && reach > 0; j--) {
		const kind = tokens.kind[j] ?? BREAK;
		if (kind >= BREAK) return false;
		if (kind !== WORD) continue;
		const info = tokens.info[j] ?? NO_INFO;
		const word = tokens.text[j] ?? '';
		if (info.flags & NEGATOR) {
			const next = tokens.text[j + 1] ?? '';
			// "not to mention", "say no to": no negation; "nothing to worry about" is one.
			if (next === 'to') return word !== 'no' && word !== 'not';
			return !NOT_NEGATING_NEXT.has(next) && !(next === 'but' && ONLY_BEFORE_BUT.has(word));
		}
		// "far from perfect", "anything but easy": negations spelt without a negator.
		if (word === 'from' && tokens.text[j - 1] === 'far') return true;
		if (word === 'but' && tokens.text[j - 1] === 'anything') return true;
		if (info.flags & LEAST && j === i - 1) {
			const before = tokens.text[j - 1];
			return before !== 'at' && before !== 'very';
		}
		if (info.boost === 0 && !SEE_THROUGH.has(word)) reach--;
	}
	return false;
}

/** Booster shift from up to 3 words before `i` ("very", "kind of", "SO"). */
function boostBefore(
	tokens: Tokens,
	i: number,
	params: Readonly<SentimentParams>,
	mixedCase: boolean
): number {
	let shift = 0;
	for (let k = 1; k <= 3; k++) {
		const j = i - k;
		if (j < 0 || tokens.kind[j] !== WORD) break;
		const info = tokens.info[j] ?? NO_INFO;
		let boost = info.flags & EXPLETIVE ? params.expletive : info.boost;
		if (boost === 0 && tokens.text[j] === 'of' && (tokens.info[j - 1] ?? NO_INFO).flags & KIND) {
			boost = -0.293;
		}
		if (boost === 0) continue;
		if (mixedCase && tokens.caps[j] === CAPS) boost += sign(boost) * params.caps;
		shift += boost * (BOOST_DECAY[k] ?? 0);
	}
	return shift;
}

/** "could have been better" says it was not good; "could be worse" that it is not bad. */
function counterfactual(tokens: Tokens, i: number): boolean {
	const t = tokens.text;
	if (tokens.kind[i - 1] !== WORD || tokens.kind[i - 2] !== WORD) return false;
	// "you would be better off": advice, not a judgement.
	if (nextWord(tokens, i) === 'off') return false;
	if (t[i - 1] === 'be') return COUNTERFACTUAL.has(t[i - 2] ?? '');
	if (t[i - 1] !== 'been') return false;
	if (COUNTERFACTUAL_PERFECT.has(t[i - 2] ?? '')) return true;
	return t[i - 2] === 'have' && tokens.kind[i - 3] === WORD && COUNTERFACTUAL.has(t[i - 3] ?? '');
}

/**
 * "love it so much", "thank you very much", "hate this a lot": a degree phrase after the verb
 * and its object boosts the verb as a booster before it would.
 */
function degreeAfter(tokens: Tokens, i: number): boolean {
	for (let j = i + 1; j <= i + 3 && j + 1 < tokens.count; j++) {
		if (tokens.kind[j] !== WORD || tokens.kind[j + 1] !== WORD) return false;
		const word = tokens.text[j];
		const next = tokens.text[j + 1];
		if ((word === 'so' || word === 'very') && next === 'much') return true;
		if (word === 'a' && (next === 'lot' || next === 'ton' || next === 'bunch')) return true;
		if ((tokens.info[j] ?? NO_INFO).valence !== 0) return false;
	}
	return false;
}

/** Does a sentiment or expectation word follow `i` in the same clause (for "no", "pretty")? */
function sentimentFollows(tokens: Tokens, i: number, reach: number): boolean {
	for (let j = i + 1; j <= i + reach && j < tokens.count; j++) {
		if (tokens.kind[j] !== WORD) return false;
		const info = tokens.info[j] ?? NO_INFO;
		if (info.flags & NEGATOR) continue;
		if (info.valence !== 0 || info.flags & (EXPECTS | EXCESS)) return true;
	}
	return false;
}
function phraseAt(tokens: Tokens, i: number): { valence: number; length: number } | undefined {
	const candidates = PHRASES_BY_FIRST.get(tokens.text[i] ?? '');
	if (!candidates) return undefined;
	for (const { rest, valence } of candidates) {
		let k = 0;
		while (
			k < rest.length &&
			tokens.kind[i + 1 + k] === WORD &&
			i + 1 + k < tokens.count &&
			tokens.text[i + 1 + k] === rest[k]
		) {
			k++;
		}
		if (k === rest.length) return { valence, length: rest.length + 1 };
	}
	return undefined;
}

/**
 * Does a wish follow "hope" / "wish" at `i`? Not in "exactly what I was hoping for.", where the
 * hope is the one that came true.
 */
function wishFollows(tokens: Tokens, i: number): boolean {
	const next = nextWord(tokens, i);
	return next !== '' && !(next === 'for' && nextWord(tokens, i + 1) === '');
}

/**
 * "thanks for ruining my day": what is thanked for is a harm done, so the thanks are ironic. Only
 * a harmful act right after "for" counts: "thanks for fixing my broken laptop" is sincere.
 */
function thankedForHarm(tokens: Tokens, i: number): boolean {
	for (let j = i + 1; j <= i + 4 && j + 1 < tokens.count; j++) {
		if (tokens.kind[j] !== WORD) return false;
		if (tokens.text[j] !== 'for') continue;
		const act = tokens.text[j + 1] ?? '';
		return (
			tokens.kind[j + 1] === WORD &&
			act.endsWith('ing') &&
			(tokens.info[j + 1] ?? NO_INFO).valence < 0
		);
	}
	return false;
}

/**
 * "too slow", "too late", "too many steps": "too" before a word without a feeling of its own says
 * there is too much of it, a complaint. Before a feeling ("too good") it is a booster as usual.
 */
function excessive(tokens: Tokens, i: number): boolean {
	const next = nextWord(tokens, i);
	if (next === '' || NOT_EXCESS.has(next)) return false;
	const info = tokens.info[i + 1] ?? NO_INFO;
	return info.valence === 0 && info.boost === 0 && (info.flags & (NEGATOR | LAUGH)) === 0;
}

function escalationBefore(tokens: Tokens, i: number): boolean {
	for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
		if (tokens.kind[j] !== WORD) return false;
		if (ESCALATION.has(tokens.text[j] ?? '')) return true;
	}
	return false;
}

/** Valence sum of the tokens, before punctuation emphasis and squashing. */
function valenceSum(tokens: Tokens, params: Readonly<SentimentParams>): number {
	const count = tokens.count;
	if (asking.length < count) asking = new Uint8Array(count * 2);
	let inQuestion = 0;
	for (let i = count - 1; i >= 0; i--) {
		const kind = tokens.kind[i];
		if (kind === QUESTION) inQuestion = 1;
		else if (kind === BREAK) inQuestion = 0;
		asking[i] = inQuestion;
	}
	// "why is it so slow?" asks nothing: a why-question about a harm is a complaint (2).
	for (let i = 0, start = 0; i < count; i++) {
		const kind = tokens.kind[i];
		if (kind === BREAK || kind === QUESTION) start = i + 1;
		else if (asking[i] && kind === WORD && tokens.text[i] === 'why') {
			for (let j = start; j < count && (tokens.kind[j] ?? BREAK) < BREAK; j++) asking[j] = 2;
		}
	}
	if (wishing.length < count) wishing = new Uint8Array(count * 2);
	let inWish = 0;
	for (let i = 0; i < count; i++) {
		const kind = tokens.kind[i];
		if (kind === BREAK || kind === QUESTION) inWish = 0;
		wishing[i] = inWish;
		if (kind === WORD) {
			const flags = (tokens.info[i] ?? NO_INFO).flags;
			if (flags & IRREALIS) inWish |= 1;
			if (flags & CONCEDES) inWish |= 2;
		}
	}
	laughs = 0;
	let contrastAt = -1;
	for (let i = 0; i < count; i++) {
		if (
			(tokens.info[i] ?? NO_INFO).flags & CONTRASTS &&
			!ONLY_BEFORE_BUT.has(tokens.text[i - 1] ?? '') &&
			tokens.text[i - 1] !== 'anything'
		) {
			contrastAt = i;
			break;
		}
	}
	// Capitals are emphasis only when the writer also uses lower case.
	const mixedCase = tokens.capsWords > 0 && tokens.capsWords < tokens.words;
	let sum = 0;
	let skipTo = 0;
	for (let i = 0; i < count; i++) {
		if (i < skipTo) continue;
		const kind = tokens.kind[i];
		if (kind === BREAK || kind === QUESTION) continue;
		const weight =
			contrastAt < 0 || i === contrastAt
				? 1
				: i < contrastAt
					? params.beforeContrast
					: params.afterContrast;
		if (kind === EMOTICON) {
			sum += (EMOTICONS.get(tokens.text[i] ?? '') ?? 0) * weight * params.emoticon;
			continue;
		}
		const info = tokens.info[i] ?? NO_INFO;
		const flags = info.flags;
		if (flags & PHRASE_START) {
			const phrase = phraseAt(tokens, i);
			if (phrase) {
				sum += phrase.valence * weight;
				skipTo = i + phrase.length;
				continue;
			}
		}
		if (flags & ORDINAL && REPEAT.has(nextWord(tokens, i))) {
			sum += REPEAT_VALENCE * weight;
			skipTo = i + 2;
			continue;
		}
		if (flags & EXCESS && excessive(tokens, i)) {
			// "not too long" is a relief, mildly: as a negated negative word.
			const negation = negated(tokens, i, params.negationWindow) ? params.negateNegative : 1;
			sum += EXCESS_VALENCE * negation * weight;
			skipTo = i + 2;
			continue;
		}
		if (flags & ESCALATION_TARGET && escalationBefore(tokens, i)) {
			sum += ESCALATION_VALENCE * weight;
			continue;
		}
		let valence = sign(info.valence) * Math.pow(Math.abs(info.valence), params.power);
		if (valence !== 0) {
			// A booster or negator with a sense of its own ("pretty", "super", "no") gives it up
			// when it is modifying the next word.
			if ((info.boost !== 0 || flags & NEGATOR) && sentimentFollows(tokens, i, 3)) continue;
			if (flags & LAUGH) {
				valence *= params.laughter;
				laughs++;
			}
			if (flags & KIND && nextWord(tokens, i) === 'of') continue;
			if (flags & LIKE && !LIKE_AFTER.has(tokens.text[i - 1] ?? '') && !negated(tokens, i, 2)) {
				continue;
			}
		}
		if (valence === 0) {
			if (flags & EXPECTS && negated(tokens, i, params.negationWindow)) {
				sum += FAILED_EXPECTATION * weight;
			} else if (flags & NEGATOR && params.bareNegation !== 0 && !sentimentFollows(tokens, i, 3)) {
				sum += params.bareNegation * weight;
			}
			continue;
		}
		const direction = sign(valence);
		if (mixedCase && tokens.caps[i] === CAPS) valence += direction * params.caps;
		// A capitalised word inside a sentence is usually a name or a title ("Super 8").
		if (tokens.caps[i] === TITLE && tokens.kind[i - 1] === WORD) valence *= params.title;
		if (tokens.caps[i] === HASHTAG) valence *= params.hashtag;
		if (flags & ELONGATED) valence += direction * params.elongated;
		valence += direction * boostBefore(tokens, i, params, mixedCase);
		if (degreeAfter(tokens, i)) valence += direction * DEGREE_AFTER;
		if (
			(!(flags & NEGATOR) && negated(tokens, i, params.negationWindow)) ||
			(flags & COMPARATIVE && counterfactual(tokens, i))
		) {
			valence *= valence > 0 ? params.negatePositive : params.negateNegative;
			// "not helpful at all": the negation in full.
			if (nextWord(tokens, i) === 'at' && nextWord(tokens, i + 1) === 'all') valence *= AT_ALL;
		}
		if (asking[i] === 1 || (asking[i] === 2 && valence > 0)) {
			valence *= valence > 0 ? params.questionPositive : params.questionNegative;
		}
		if ((wishing[i] ?? 0) & 1 || (flags & IRREALIS && wishFollows(tokens, i)))
			valence *= params.irrealis;
		// "although it was cheap, …": what is conceded counts as little as what comes before "but".
		if ((wishing[i] ?? 0) & 2) valence *= params.beforeContrast;
		if (flags & THANKS && valence > 0 && thankedForHarm(tokens, i)) valence = -valence;
		sum += valence * weight;
	}
	return sum;
}

/** Scores tokenized text in [-1, 1]. */
export function scoreTokens(
	tokens: Tokens,
	params: Readonly<SentimentParams> = DEFAULT_PARAMS
): number {
	let sum = valenceSum(tokens, params);
	if (sum === 0) return 0;
	sum += sign(sum) * Math.min(tokens.exclamations, 4) * params.exclamation;
	if (tokens.links > 0) sum *= params.link;
	if (sum < 0 && laughs > 0) sum *= params.laughSoften;
	if (params.length > 0 && tokens.words > params.referenceLength) {
		sum /= Math.pow(tokens.words / params.referenceLength, params.length);
	}
	const alpha = sum > 0 ? params.alpha : params.alphaNegative;
	const score = sum / Math.sqrt(sum * sum + alpha);
	return score > 1 ? 1 : score < -1 ? -1 : score;
}
