import type { OpenedInput } from '../input';
import type { AdapterItem } from '../types';
import { JsonStructureError, readJsonRecords } from './json-records';
import { readNdjson } from './lines';

export type JsonShape = 'ndjson' | 'json';

/**
 * NDJSON or one JSON document, from the first bytes: a first line that is a whole JSON
 * object followed by more text is NDJSON; anything else starting with `[` or `{` is JSON.
 */
export function sniffJsonShape(sample: string): JsonShape | null {
	const text = sample.replace(/^\uFEFF/, '').trimStart();
	if (text.startsWith('[')) return 'json';
	if (!text.startsWith('{')) return null;
	const newline = text.indexOf('\n');
	if (newline === -1) return 'json';
	const firstLine = text.slice(0, newline).trim();
	try {
		const value: unknown = JSON.parse(firstLine);
		return typeof value === 'object' && value !== null && text.slice(newline).trim() !== ''
			? 'ndjson'
			: 'json';
	} catch {
		return 'json';
	}
}

/** The longest first line read to tell NDJSON from one JSON document (a conversation of 16 MB). */
const HEAD_LIMIT_CHARS = 16 * 1024 * 1024;

/**
 * The shape of the file, with its text to read. A first line longer than the sample (NDJSON of
 * long conversations) leaves the sample without a line end, which alone would read as one
 * JSON document: then the text is read on to the first line's end to decide, and replayed.
 */
async function shapeOf(
	input: OpenedInput
): Promise<{ shape: JsonShape | null; text: AsyncIterable<string> }> {
	const text = input.text();
	const sampled = sniffJsonShape(input.sample);
	if (
		sampled !== 'json' ||
		!input.sample.trimStart().startsWith('{') ||
		/\n\s*\S/.test(input.sample)
	)
		return { shape: sampled, text };
	// Chunks up to the first line's end and a character after it; only the new chunk is searched.
	// A minified JSON document is one line: past HEAD_LIMIT_CHARS it is read as one, streamed.
	const chunks: string[] = [];
	let lineEnded = false;
	let length = 0;
	// Decided: a line end with more text after it, or the end of the file.
	let decided = false;
	while (!decided && length < HEAD_LIMIT_CHARS) {
		const next = await text.next();
		if (next.done) {
			decided = true;
			break;
		}
		chunks.push(next.value);
		length += next.value.length;
		const newline = lineEnded ? -1 : next.value.indexOf('\n');
		if (newline >= 0) lineEnded = true;
		decided = lineEnded && /\S/.test(newline >= 0 ? next.value.slice(newline) : next.value);
	}
	const head = chunks.join('');
	async function* replay(): AsyncGenerator<string> {
		if (head) yield head;
		yield* text;
	}
	return { shape: decided ? sniffJsonShape(head) : 'json', text: replay() };
}

export type JsonItem =
	| { ok: true; locator: string; key: string | null; value: unknown; text: string }
	| { ok: false; locator: string; key: string | null; error: string; text: string };

/**
 * What every JSON adapter yields for an item that is not JSON: the reader's reason and the
 * text as read.
 */
export function unreadableItem(item: Extract<JsonItem, { ok: false }>): AdapterItem {
	return { kind: 'reject', locator: item.locator, records: 1, reason: item.error, raw: item.text };
}

/**
 * Records of a JSON-family file, whichever shape: NDJSON lines, elements of a top-level
 * array, elements of an array under one of `listKeys`, or a lone object. A broken line
 * rejects that line; a broken JSON document ends the file with an error after the records
 * before the break.
 */
export async function* readJsonItems(
	input: OpenedInput,
	options: {
		listKeys?: readonly string[];
		onTopLevel?: (key: string, value: unknown) => void;
		everyListKey?: boolean;
	} = {}
): AsyncGenerator<JsonItem> {
	const { shape, text } = await shapeOf(input);
	if (shape === 'ndjson') {
		for await (const record of readNdjson(text)) {
			const locator = `line ${record.lineNumber}`;
			if (record.ok) yield { ok: true, locator, key: null, value: record.value, text: record.text };
			else yield { ok: false, locator, key: null, error: record.error, text: record.text };
		}
		return;
	}
	try {
		for await (const record of readJsonRecords(text, options)) {
			const locator = record.key === null ? `[${record.index}]` : `${record.key}[${record.index}]`;
			const key = record.key;
			if (record.ok) yield { ok: true, locator, key, value: record.value, text: record.text };
			else yield { ok: false, locator, key, error: `not JSON: ${record.error}`, text: record.text };
		}
	} catch (error) {
		if (error instanceof JsonStructureError)
			throw new Error(`invalid JSON: ${error.message}`, { cause: error });
		throw error;
	}
}
