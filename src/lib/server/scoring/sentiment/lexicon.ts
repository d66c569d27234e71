import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { EMOJI_VALENCE } from './emoji';
import { ESCALATION_TARGETS, EXPECTED, OVERRIDES, PHRASES, REPEAT_ORDINALS } from './support';
import {
	BOOST_DOWN,
	BOOST_UP,
	CONCESSIVE,
	CONTRAST,
	DAMPENERS,
	EXPLETIVES,
	IDIOMS,
	INTENSIFIERS,
	IRREALIS_WORDS,
	LAUGHTER,
	NEGATORS,
	THANKS_WORDS
} from './words';

/** Bits of `WordInfo.flags`. */
export const NEGATOR = 1;
export const CONTRASTS = 2;
export const EXPECTS = 4;
export const PHRASE_START = 8;
export const ELONGATED = 16;
export const ORDINAL = 32;
export const ESCALATION_TARGET = 64;
export const KIND = 128;
export const LIKE = 256;
export const LEAST = 512;
export const LAUGH = 1024;
export const IRREALIS = 2048;
export const THANKS = 4096;
export const COMPARATIVE = 8192;
export const EXCESS = 16384;
export const EXPLETIVE = 32768;
export const CONCEDES = 65536;

/** Everything the rules need to know about one lower-cased word, found with one Map lookup. */
export interface WordInfo {
	/** The word as the rules compare it: lower-cased, apostrophes as `'`, stretching undone. */
	readonly word: string;
	/** Lexicon valence, -4..+4; 0 for words without one. */
	readonly valence: number;
	/** Booster shift (intensifier > 0, dampener < 0), or 0. */
	readonly boost: number;
	readonly flags: number;
}

/**
 * The word lexicon is VADER's (Hutto & Gilbert 2014; MIT), read as data from the copy shipped in
 * the vader-sentiment package (Apache-2.0). Emoticons in it are kept apart: they are matched by
 * the tokenizer, not looked up as words.
 */
function readVaderLexicon(): { words: Map<string, number>; emoticons: Map<string, number> } {
	const file = createRequire(import.meta.url).resolve('vader-sentiment/vader_lexicon.txt');
	const words = new Map<string, number>();
	const emoticons = new Map<string, number>();
	for (const line of readFileSync(file, 'utf8').split('\n')) {
		const tab = line.indexOf('\t');
		if (tab <= 0) continue;
		const token = line.slice(0, tab);
		const valence = Number.parseFloat(line.slice(tab + 1));
		if (!Number.isFinite(valence)) continue;
		// A word listed twice takes its last value, as in VADER's own reading of the file. An
		// emoticon keeps its first: the file lists emoticons first, and its later word-section
		// entries "d:" and "d=" (+1.2, +1.5) would turn the dismay faces "D:" and "D=" happy.
		if (/^[a-z][a-z']*$/.test(token)) words.set(token, valence);
		else if (/[^a-z0-9]/i.test(token) && !emoticons.has(token)) emoticons.set(token, valence);
		// Tokens of letters and digits only ("143", "187", "2g2b4g") are texting codes that would
		// misfire on order numbers and durations in support text: dropped.
	}
	return { words, emoticons };
}

const vader = readVaderLexicon();

/** Emoticons and emoji (exact spelling) → valence. */
export const EMOTICONS: ReadonlyMap<string, number> = (() => {
	const map = new Map(vader.emoticons);
	for (const [emoji, valence] of Object.entries(EMOJI_VALENCE)) map.set(emoji, valence);
	return map;
})();

/** Phrases by their first word: the rest of the words and the phrase valence. */
export const PHRASES_BY_FIRST: ReadonlyMap<string, { rest: string[]; valence: number }[]> = (() => {
	const map = new Map<string, { rest: string[]; valence: number }[]>();
	for (const [phrase, valence] of [...Object.entries(IDIOMS), ...Object.entries(PHRASES)]) {
		const [first = '', ...rest] = phrase.split(' ');
		const list = map.get(first) ?? [];
		list.push({ rest, valence });
		map.set(first, list);
	}
	return map;
})();

function buildBase(): Map<string, WordInfo> {
	const valence = new Map(vader.words);
	for (const [word, value] of Object.entries(OVERRIDES)) valence.set(word, value);
	const boost = new Map<string, number>();
	for (const word of INTENSIFIERS) boost.set(word, BOOST_UP);
	for (const word of DAMPENERS) boost.set(word, BOOST_DOWN);
	for (const word of EXPLETIVES) boost.set(word, BOOST_UP);
	const flags = new Map<string, number>();
	const mark = (words: Iterable<string>, flag: number) => {
		for (const word of words) flags.set(word, (flags.get(word) ?? 0) | flag);
	};
	mark(NEGATORS, NEGATOR);
	mark(CONTRAST, CONTRASTS);
	mark(EXPECTED, EXPECTS);
	mark(PHRASES_BY_FIRST.keys(), PHRASE_START);
	mark(REPEAT_ORDINALS, ORDINAL);
	mark(ESCALATION_TARGETS, ESCALATION_TARGET);
	mark(['kind', 'sort'], KIND);
	mark(['like'], LIKE);
	mark(['least'], LEAST);
	mark(LAUGHTER, LAUGH);
	mark(IRREALIS_WORDS, IRREALIS);
	mark(THANKS_WORDS, THANKS);
	mark(['better', 'worse'], COMPARATIVE);
	mark(['too'], EXCESS);
	mark(EXPLETIVES, EXPLETIVE);
	mark(CONCESSIVE, CONCEDES);

	const words = new Set([...valence.keys(), ...boost.keys(), ...flags.keys()]);
	const base = new Map<string, WordInfo>();
	for (const word of words) {
		// "can't" is listed as the start of "can't wait", and is a negator all the same.
		if (word.endsWith("n't")) flags.set(word, (flags.get(word) ?? 0) | NEGATOR);
		base.set(word, {
			word,
			valence: valence.get(word) ?? 0,
			boost: boost.get(word) ?? 0,
			flags: flags.get(word) ?? 0
		});
	}
	return base;
}

const BASE = buildBase();

/**
 * Words seen so far, base entries plus the resolved unknown ones, so a word is resolved once.
 * Bounded: past the limit it starts again from the base (a text of random ids must not grow it).
 */
let known = new Map(BASE);
const KNOWN_LIMIT = BASE.size + 100_000;

/** Collapses runs of 3+ equal letters to `keep` letters ("soooo" → "soo"/"so"). */
function collapse(word: string, keep: number): string {
	let out = '';
	let run = 0;
	for (let i = 0; i < word.length; i++) {
		run = i > 0 && word[i] === word[i - 1] ? run + 1 : 1;
		if (run <= keep) out += word[i];
	}
	return out;
}

function hasTripleLetter(word: string): boolean {
	for (let i = 2; i < word.length; i++) {
		if (word[i] === word[i - 1] && word[i] === word[i - 2]) return true;
	}
	return false;
}

function resolveUnknown(word: string): WordInfo {
	if (word.endsWith("n't")) return { word, valence: 0, boost: 0, flags: NEGATOR };
	const possessed = word.endsWith("'s") ? BASE.get(word.slice(0, -2)) : undefined;
	if (possessed) return possessed;
	if (hasTripleLetter(word)) {
		// Stretched words are emphatic ("sooo good", "loooove"): same word, marked.
		const found = BASE.get(collapse(word, 2)) ?? BASE.get(collapse(word, 1));
		if (found) return { ...found, flags: found.flags | ELONGATED };
	}
	const inflected = inflectedFrom(word);
	if (inflected) return inflected;
	return { word, valence: 0, boost: 0, flags: 0 };
}

/**
 * Regular English inflections of a lexicon word that the lexicon lacks: g-dropping ("lovin",
 * "nothin") and superlatives ("coolest", "nicest", "sweetest"). Only words with a valence lend
 * it. Not -ly adverbs: "likely" is not "like", "critically acclaimed" not "critical".
 */
function inflectedFrom(word: string): WordInfo | undefined {
	if (word.length < 5) return undefined;
	if (word.endsWith('in')) {
		// Every entry, not only valences: "nothin" negates, "fuckin" boosts.
		const found = BASE.get(word + 'g');
		return found ? { ...found, word } : undefined;
	}
	const candidates: string[] = [];
	if (word.endsWith('iest')) candidates.push(word.slice(0, -4) + 'y');
	else if (word.endsWith('est')) {
		const stem = word.slice(0, -3);
		candidates.push(stem, stem + 'e');
		if (stem[stem.length - 1] === stem[stem.length - 2]) candidates.push(stem.slice(0, -1));
	}
	for (const candidate of candidates) {
		const found = BASE.get(candidate);
		if (found && found.valence !== 0) {
			return { word, valence: found.valence, boost: 0, flags: 0 };
		}
	}
	return undefined;
}

function remember(word: string): WordInfo {
	const info = resolveUnknown(word);
	if (known.size >= KNOWN_LIMIT) known = new Map(BASE);
	known.set(word, info);
	return info;
}

/** The rules' view of a lower-cased word (apostrophes as `'`). */
export function wordInfo(word: string): WordInfo {
	return known.get(word) ?? remember(word);
}
