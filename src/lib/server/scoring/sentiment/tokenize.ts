import { EMOTICONS, wordInfo, type WordInfo } from './lexicon';

/** Token kinds. */
export const WORD = 0;
export const EMOTICON = 1;
/** A clause break (. , ; : ! … and the like): negation and boosters do not reach across it. */
export const BREAK = 2;
export const CAPS = 1;
export const TITLE = 2;
/** A word written as a #hashtag. */
export const HASHTAG = 3;

/** A clause break that is a question mark: the clause before it asks rather than asserts. */
export const QUESTION = 3;

/**
 * The tokens of one text, in reusable parallel arrays: scoring is synchronous, so one buffer
 * serves every call and a text costs no per-token objects.
 */
export interface Tokens {
	count: number;
	/** Lower-cased word (apostrophes as `'`) or the emoticon/emoji as written. */
	text: string[];
	/** The lexicon entry of each word (NO_WORD for other tokens). */
	info: WordInfo[];
	kind: Uint8Array;
	/** CAPS for a word in capitals (2+ letters, no lower case), TITLE for "Title" case, else 0. */
	caps: Uint8Array;
	/** Words with at least one letter, and how many of them are in capitals. */
	words: number;
	capsWords: number;
	exclamations: number;
	links: number;
}

export function createTokens(capacity = 256): Tokens {
	return {
		count: 0,
		text: new Array<string>(capacity).fill(''),
		info: new Array<WordInfo>(capacity).fill(NO_WORD),
		kind: new Uint8Array(capacity),
		caps: new Uint8Array(capacity),
		words: 0,
		capsWords: 0,
		exclamations: 0,
		links: 0
	};
}

/** The entry of tokens that are not words. */
export const NO_WORD: WordInfo = { word: '', valence: 0, boost: 0, flags: 0 };

function push(tokens: Tokens, text: string, kind: number, caps: number, info = NO_WORD): void {
	if (tokens.count === tokens.kind.length) {
		const size = tokens.kind.length * 2;
		const kinds = new Uint8Array(size);
		kinds.set(tokens.kind);
		const capsArray = new Uint8Array(size);
		capsArray.set(tokens.caps);
		tokens.kind = kinds;
		tokens.caps = capsArray;
	}
	tokens.text[tokens.count] = text;
	tokens.info[tokens.count] = info;
	tokens.kind[tokens.count] = kind;
	tokens.caps[tokens.count] = caps;
	tokens.count++;
}

/** One break between clauses, however many marks; a "?" among them makes it a question. */
function pushBreak(tokens: Tokens, kind: number): void {
	if (tokens.count === 0) return;
	const last = tokens.count - 1;
	if (tokens.kind[last] === WORD || tokens.kind[last] === EMOTICON) push(tokens, '', kind, 0);
	else if (kind === QUESTION) tokens.kind[last] = QUESTION;
}

function isSpace(c: number): boolean {
	return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || (c >= 0x2000 && c <= 0x200b);
}

/** Letters and digits of any script; symbols, punctuation and emoji are not. */
function isWordChar(c: number): boolean {
	if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
	return (
		(c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
		(c >= 0x370 && c < 0x2000) ||
		(c >= 0x3040 && c < 0xd800) ||
		(c >= 0xf900 && c < 0xfe00)
	);
}

/**
 * Characters of chunks that cannot be an emoticon ("day.", "it's", "#tag"), so the whole-chunk
 * emoticon look-up is skipped for them.
 */
function isWordish(c: number): boolean {
	return (
		isWordChar(c) ||
		c === 46 ||
		c === 44 ||
		c === 33 ||
		c === 63 ||
		c === 39 ||
		c === 35 ||
		c === 64 ||
		c === 45 ||
		c === 0x2019
	);
}

function isApostrophe(c: number): boolean {
	return c === 39 || c === 0x2019 || c === 0x2018;
}

/** Punctuation that closes a clause (besides ! and ?, counted apart). */
function isBreak(c: number): boolean {
	return c === 46 || c === 44 || c === 59 || c === 58 || c === 0x2026 || c === 0x2014;
}

/** Characters an emoticon may start with when it is glued to a word ("thanks:)", "ugh:/"). */
function mayStartEmoticon(c: number): boolean {
	return c === 58 || c === 59 || c === 61 || c === 60 || c === 62;
}

function emoticonAt(text: string, start: number, end: number): string | undefined {
	const s = text.slice(start, end);
	if (EMOTICONS.has(s)) return s;
	const lower = s.toLowerCase();
	return EMOTICONS.has(lower) ? lower : undefined;
}

/** "http…" or "www." (any case) at `i`. */
function isLink(text: string, i: number): boolean {
	const c = text.charCodeAt(i) | 32;
	if (c === 104) {
		return (
			(text.charCodeAt(i + 1) | 32) === 116 &&
			(text.charCodeAt(i + 2) | 32) === 116 &&
			(text.charCodeAt(i + 3) | 32) === 112
		);
	}
	return (
		c === 119 &&
		(text.charCodeAt(i + 1) | 32) === 119 &&
		(text.charCodeAt(i + 2) | 32) === 119 &&
		text.charCodeAt(i + 3) === 46
	);
}

const ENTITIES: Record<string, string> = {
	'&amp;': '&',
	'&lt;': '<',
	'&gt;': '>',
	'&quot;': '"',
	'&#39;': "'",
	'&apos;': "'"
};

/** Exports from web tools keep HTML entities, and "&lt;3" is a heart. */
function decodeEntities(text: string): string {
	return text.replace(/&(?:amp|lt|gt|quot|#39|apos);/g, (entity) => ENTITIES[entity] ?? entity);
}

/**
 * Splits `input` into words, emoticons/emoji and clause breaks, counting ! and ?. One pass over
 * the characters: whitespace-separated chunks are first tried whole as emoticons (":-)", "XD",
 * "<3"), then read character by character. URLs and @mentions are skipped: they name things.
 */
export function tokenize(input: string, tokens: Tokens): void {
	const text = input.indexOf('&') === -1 ? input : decodeEntities(input);
	tokens.count = 0;
	tokens.words = 0;
	tokens.capsWords = 0;
	tokens.exclamations = 0;
	tokens.links = 0;
	const n = text.length;
	let i = 0;
	while (i < n) {
		let c = text.charCodeAt(i);
		if (isSpace(c)) {
			i++;
			continue;
		}
		// One whitespace-separated chunk: [i, end).
		let end = i + 1;
		let wordish = isWordish(c);
		while (end < n) {
			const d = text.charCodeAt(end);
			if (isSpace(d)) break;
			if (wordish && !isWordish(d)) wordish = false;
			end++;
		}
		if (!wordish && end - i <= 8) {
			// Trailing ! ? . , may follow an emoticon: ":)!!" is a happy, emphatic ":)".
			let stem = end;
			while (stem - i > 2 && '!?.,'.includes(text[stem - 1] ?? '')) stem--;
			const whole = emoticonAt(text, i, stem);
			if (whole !== undefined) {
				push(tokens, whole, EMOTICON, 0);
				for (let k = stem; k < end; k++) if (text.charCodeAt(k) === 33) tokens.exclamations++;
				i = end;
				continue;
			}
		}
		if (isLink(text, i)) {
			tokens.links++;
			i = end;
			continue;
		}
		if (c === 64) {
			i = end;
			continue;
		}
		while (i < end) {
			c = text.charCodeAt(i);
			if (isWordChar(c)) {
				const start = i;
				let upper = 0;
				let lowerCount = 0;
				let quote = false;
				let other = false;
				while (i < end) {
					c = text.charCodeAt(i);
					if (c >= 65 && c <= 90) upper++;
					else if (c >= 97 && c <= 122) lowerCount++;
					else if (isApostrophe(c)) {
						// Inside a word only: "don't", "isn’t"; a quote mark otherwise.
						if (!(i + 1 < end && isWordChar(text.charCodeAt(i + 1)))) break;
						if (c !== 39) quote = true;
					} else if (!isWordChar(c)) break;
					else if (c >= 128) other = true;
					i++;
				}
				// Most words are already lower case: lower-casing only the others is much cheaper than
				// lower-casing the whole text once and slicing that (measured: about twice as fast).
				let word = upper > 0 || other ? text.slice(start, i).toLowerCase() : text.slice(start, i);
				if (quote) word = word.replace(/[\u2018\u2019]/g, "'");
				const info = wordInfo(word);
				const caps =
					upper >= 2 && lowerCount === 0
						? CAPS
						: upper === 1 && lowerCount > 0 && text.charCodeAt(start) <= 90
							? TITLE
							: 0;
				if (upper + lowerCount > 0) {
					tokens.words++;
					tokens.capsWords += caps === CAPS ? 1 : 0;
				}
				const style = start > 0 && text.charCodeAt(start - 1) === 35 ? HASHTAG : caps;
				push(tokens, info.word, WORD, style, info);
				continue;
			}
			if (c === 33) {
				tokens.exclamations++;
				pushBreak(tokens, BREAK);
			} else if (c === 63) {
				pushBreak(tokens, QUESTION);
			} else if (c >= 0xd800 && c <= 0xdbff) {
				const emoji = text.slice(i, i + 2);
				if (EMOTICONS.has(emoji)) push(tokens, emoji, EMOTICON, 0);
				i += 2;
				continue;
			} else if (c >= 0x2190 && c <= 0x2bff) {
				const symbol = text[i] ?? '';
				if (EMOTICONS.has(symbol)) push(tokens, symbol, EMOTICON, 0);
			} else if (mayStartEmoticon(c)) {
				let matched = false;
				for (let len = Math.min(4, end - i); len >= 2 && !matched; len--) {
					// An emoticon glued to a word ends the chunk or meets punctuation: "10:30" has none.
					if (i + len < end && isWordChar(text.charCodeAt(i + len))) continue;
					const emoticon = emoticonAt(text, i, i + len);
					if (emoticon !== undefined) {
						push(tokens, emoticon, EMOTICON, 0);
						i += len;
						matched = true;
					}
				}
				if (matched) continue;
				if (isBreak(c)) pushBreak(tokens, BREAK);
			} else if (isBreak(c)) pushBreak(tokens, BREAK);
			i++;
		}
	}
}
