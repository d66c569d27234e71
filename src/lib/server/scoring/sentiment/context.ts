/**
 * Look-arounds of the rules: what a word's neighbours in its clause make of it (negation, boosters,
 * phrases, counterfactuals, ironic thanks, excess, escalation). Pure reads of the token buffers.
 */
import {
	EXCESS,
	EXPECTS,
	EXPLETIVE,
	KIND,
	LAUGH,
	LEAST,
	NEGATOR,
	PHRASES_BY_FIRST,
	type WordInfo
} from './lexicon';
import type { SentimentParams } from './params';
import { ESCALATION_VERBS } from './support';
import { BREAK, CAPS, NO_WORD, WORD, type Tokens } from './tokenize';
import { list } from './words';

export const NO_INFO: WordInfo = NO_WORD;
/** Booster decay with distance: the word right before counts fully. */
const BOOST_DECAY = [0, 1, 0.95, 0.9];
const ESCALATION = new Set(ESCALATION_VERBS);
const NOT_NEGATING_NEXT = new Set(['only', 'just']);
/** Words after "too" that it does not make excessive: "me too, and", "too as well". */
const NOT_EXCESS = new Set(
	list('a an and as at but by for from in is of on or so the to with was')
);

/** The word after token `i`, or '' (the buffers hold stale tokens past `count`). */
export function nextWord(tokens: Tokens, i: number): string {
	return i + 1 < tokens.count && tokens.kind[i + 1] === WORD ? (tokens.text[i + 1] ?? '') : '';
}

export function sign(x: number): number {
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
export const ONLY_BEFORE_BUT = new Set(['nothing', 'none']);
/** Modals that make "better" / "worse" a counterfactual: "could have been better". */
const COUNTERFACTUAL = new Set(['could', 'might', 'should', 'would']);
const COUNTERFACTUAL_PERFECT = new Set(["could've", "might've", "should've", "would've"]);

/** Is word `i` inside a negator's reach? "not only" and "no ... to" are not negations. */
export function negated(tokens: Tokens, i: number, window: number): boolean {
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
export function boostBefore(
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
export function counterfactual(tokens: Tokens, i: number): boolean {
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
export function degreeAfter(tokens: Tokens, i: number): boolean {
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
export function sentimentFollows(tokens: Tokens, i: number, reach: number): boolean {
	for (let j = i + 1; j <= i + reach && j < tokens.count; j++) {
		if (tokens.kind[j] !== WORD) return false;
		const info = tokens.info[j] ?? NO_INFO;
		if (info.flags & NEGATOR) continue;
		if (info.valence !== 0 || info.flags & (EXPECTS | EXCESS)) return true;
	}
	return false;
}
export function phraseAt(
	tokens: Tokens,
	i: number
): { valence: number; length: number } | undefined {
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
export function wishFollows(tokens: Tokens, i: number): boolean {
	const next = nextWord(tokens, i);
	return next !== '' && !(next === 'for' && nextWord(tokens, i + 1) === '');
}

/**
 * "thanks for ruining my day": what is thanked for is a harm done, so the thanks are ironic. Only
 * a harmful act right after "for" counts: "thanks for fixing my broken laptop" is sincere.
 */
export function thankedForHarm(tokens: Tokens, i: number): boolean {
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
export function excessive(tokens: Tokens, i: number): boolean {
	const next = nextWord(tokens, i);
	if (next === '' || NOT_EXCESS.has(next)) return false;
	const info = tokens.info[i + 1] ?? NO_INFO;
	return info.valence === 0 && info.boost === 0 && (info.flags & (NEGATOR | LAUGH)) === 0;
}

export function escalationBefore(tokens: Tokens, i: number): boolean {
	for (let j = i - 1; j >= 0 && j >= i - 4; j--) {
		if (tokens.kind[j] !== WORD) return false;
		if (ESCALATION.has(tokens.text[j] ?? '')) return true;
	}
	return false;
}
