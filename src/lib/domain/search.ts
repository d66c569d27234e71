/**
 * What a text search looks for: words, and "quoted phrases", each of which a conversation
 * must contain (in any message). Words are letters and digits, as the search index reads
 * them; everything else separates words, so no input can become a search-syntax operator.
 * Browser-safe: the transcript page marks the same terms.
 */

export type SearchTerm = string[];

const WORD = /[\p{L}\p{N}]+/gu;
const MAX_TERMS = 8;

export function parseSearch(input: string, limit = MAX_TERMS): SearchTerm[] {
	const terms: SearchTerm[] = [];
	const seen = new Set<string>();
	// Quoted phrases first, then the words outside them.
	const parts = input.split('"');
	parts.forEach((part, index) => {
		const words = (part.toLowerCase().match(WORD) ?? []).slice(0, limit);
		const quoted = index % 2 === 1 && index < parts.length - 1;
		const found = quoted ? (words.length ? [words] : []) : words.map((word) => [word]);
		for (const term of found) {
			const key = term.join(' ');
			if (seen.has(key) || terms.length >= limit) continue;
			seen.add(key);
			terms.push(term);
		}
	});
	return terms;
}

/**
 * What the reader should know about how a search was read, where it is not what they may
 * expect: nothing to search for in it, a minus that does not exclude, words beyond the limit.
 */
export function searchNotes(input: string): string[] {
	const notes: string[] = [];
	const shown = input.trim().slice(0, 40);
	const terms = parseSearch(input);
	if (shown !== '' && terms.length === 0)
		notes.push(
			`“${shown}” has no letters or digits to search for: the list is not narrowed by it.`
		);
	const minus = /(?:^|\s)-([\p{L}\p{N}]+)/u.exec(input);
	if (minus)
		notes.push(
			`A minus sign does not leave words out: every word is looked for (“-${minus[1]}” finds conversations with “${minus[1]}”).`
		);
	if (parseSearch(input, MAX_TERMS + 1).length > MAX_TERMS)
		notes.push(`Only the first ${MAX_TERMS} words and phrases are looked for.`);
	return notes;
}

/** The FTS5 query for these terms: each a quoted string (a phrase), all required. */
export function matchExpression(terms: readonly SearchTerm[]): string {
	return terms.map((term) => `"${term.join(' ')}"`).join(' AND ');
}

export interface TextPiece {
	text: string;
	hit: boolean;
}

function escapeRegex(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A text cut into pieces, the ones matching a term marked, for rendering as text nodes. */
export function markTerms(text: string, terms: readonly SearchTerm[]): TextPiece[] {
	if (terms.length === 0 || text === '') return [{ text, hit: false }];
	const alternatives = terms
		.map((term) => term.map(escapeRegex).join('[^\\p{L}\\p{N}]+'))
		.sort((a, b) => b.length - a.length);
	const pattern = new RegExp(
		`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`,
		'giu'
	);
	const pieces: TextPiece[] = [];
	let last = 0;
	for (const match of text.matchAll(pattern)) {
		const start = match.index;
		if (start > last) pieces.push({ text: text.slice(last, start), hit: false });
		pieces.push({ text: match[0], hit: true });
		last = start + match[0].length;
	}
	if (last < text.length) pieces.push({ text: text.slice(last), hit: false });
	return pieces;
}

/**
 * A window of `text` around its first marked term (or its start), about `width` characters,
 * with an ellipsis where it was cut.
 */
export function snippet(text: string, terms: readonly SearchTerm[], width = 160): TextPiece[] {
	const flat = text.replace(/\s+/g, ' ').trim();
	const pieces = markTerms(flat, terms);
	let offset = 0;
	let first = -1;
	for (const piece of pieces) {
		if (piece.hit) {
			first = offset;
			break;
		}
		offset += piece.text.length;
	}
	const start = first > width / 3 ? Math.max(0, first - Math.floor(width / 3)) : 0;
	const end = Math.min(flat.length, start + width);
	const cut = flat.slice(start, end);
	const out = markTerms(cut, terms);
	if (start > 0) out.unshift({ text: '…', hit: false });
	if (end < flat.length) out.push({ text: '…', hit: false });
	return out;
}
