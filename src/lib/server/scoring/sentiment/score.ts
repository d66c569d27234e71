import {
	COMPARATIVE,
	CONCEDES,
	CONTRASTS,
	ELONGATED,
	EMOTICONS,
	EXCESS,
	ESCALATION_TARGET,
	EXPECTS,
	IRREALIS,
	KIND,
	LAUGH,
	LIKE,
	NEGATOR,
	ORDINAL,
	PHRASE_START,
	THANKS
} from './lexicon';
import { ESCALATION_VALENCE, FAILED_EXPECTATION, REPEAT_NOUNS, REPEAT_VALENCE } from './support';
import { BOOST_UP } from './words';
import { BREAK, CAPS, EMOTICON, HASHTAG, QUESTION, TITLE, WORD, type Tokens } from './tokenize';
import {
	boostBefore,
	counterfactual,
	degreeAfter,
	escalationBefore,
	excessive,
	NO_INFO,
	negated,
	nextWord,
	ONLY_BEFORE_BUT,
	phraseAt,
	sentimentFollows,
	sign,
	thankedForHarm,
	wishFollows
} from './context';
import { DEFAULT_PARAMS, type SentimentParams } from './params';

export { DEFAULT_PARAMS, type SentimentParams } from './params';

/** Strength of a negation followed by "at all", against a plain one. */
const AT_ALL = 1.5;
const REPEAT = new Set(REPEAT_NOUNS);
/** "like" is a feeling after a subject or an adverb ("I like", "really like"), not in "looks like". */
const LIKE_AFTER = new Set(['i', 'we', 'you', 'they', 'really', 'also', 'just', 'totally', 'do']);
/** "too long": about half as bad as "problem" (-1.7), a complaint of degree. */
const EXCESS_VALENCE = -0.8;
/** "love it so much": the same shift as a booster before the word. */
const DEGREE_AFTER = BOOST_UP;

/** 1 for tokens in a clause that ends with a question mark. */
let asking = new Uint8Array(256);
/** Per token, 1 after "hope" / "wish" and 2 after "although" / "despite", in the same clause. */
let wishing = new Uint8Array(256);
/** Laughter words in the text last scored by valenceSum. */
let laughs = 0;

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
