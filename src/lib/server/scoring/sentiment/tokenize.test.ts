import { describe, expect, it } from 'vitest';
import {
	BREAK,
	CAPS,
	createTokens,
	EMOTICON,
	HASHTAG,
	QUESTION,
	TITLE,
	tokenize,
	WORD
} from './tokenize';

function read(text: string) {
	const tokens = createTokens(4); // small, so growing the buffers is exercised too
	tokenize(text, tokens);
	const out: string[] = [];
	for (let i = 0; i < tokens.count; i++) {
		const kind = tokens.kind[i];
		const style = tokens.caps[i];
		if (kind === BREAK) out.push('|');
		else if (kind === QUESTION) out.push('?|');
		else if (kind === EMOTICON) out.push(`<${tokens.text[i]}>`);
		else if (kind === WORD) {
			const mark = style === CAPS ? '^' : style === TITLE ? '~' : style === HASHTAG ? '#' : '';
			out.push(mark + tokens.text[i]);
		}
	}
	return { tokens: out.join(' '), buffer: tokens };
}

describe('tokenize', () => {
	it('splits words, lower-cases them and marks capitals and title case', () => {
		expect(read('I LOVE Paris and the ROCKS').tokens).toBe('i ^love ~paris and the ^rocks');
	});

	it('keeps contractions whole and reads typographic apostrophes as plain ones', () => {
		expect(read("I don’t know, isn't it").tokens).toBe("i don't know | isn't it");
		expect(read("'quoted' words").tokens).toBe('quoted words');
	});

	it('turns punctuation into one clause break, a question if a "?" is among the marks', () => {
		expect(read('good... really?! yes; fine: ok').tokens).toBe('good | really ?| yes | fine | ok');
	});

	it('counts exclamation marks, also after an emoticon', () => {
		const { buffer } = read('wow!! great :)!!');
		expect(buffer.exclamations).toBe(4);
	});

	it('finds emoticons alone, glued to words, and as HTML entities', () => {
		expect(read(':) thanks:) :-( XD &lt;3 ^_^').tokens).toBe(
			'<:)> thanks <:)> <:-(> ^xd <<3> <^_^>'
		);
	});

	it('does not read a time as an emoticon', () => {
		expect(read('at 10:30 today').tokens).toBe('at 10 | 30 today');
	});

	it('finds emoji, ignoring skin tones, variation selectors and unknown symbols', () => {
		expect(read('ok👍🏽 ❤️ 🦄 😡').tokens).toBe('ok <👍> <❤> <😡>');
	});

	it('skips links and @mentions, keeps hashtag words', () => {
		const { tokens, buffer } = read('@bob see https://x.co/abc and WWW.example.com #fail');
		expect(tokens).toBe('see and #fail');
		expect(buffer.links).toBe(2);
	});

	it('splits hyphenated words and keeps letters of other scripts', () => {
		// Capitals outside ASCII are lower-cased but not taken as emphasis.
		expect(read('well-made café Überall').tokens).toBe('well made café überall');
	});

	it('counts words for the caps rule', () => {
		const { buffer } = read('This is SO BAD');
		expect([buffer.words, buffer.capsWords]).toEqual([4, 2]);
	});
});
