import { once } from 'node:events';
import { scoreSentiment } from '../lib/server/scoring/sentiment';
import { parseCommandArgs, UsageError } from './args';

export const summary = 'score the sentiment of each line of stdin, one score per line (-1..1)';
export const usage = 'parity sentiment < messages.txt > scores.txt';

/** Four decimals, as VADER prints them; a score that rounds to zero is "0.0000", never "-0.0000". */
export function formatScore(score: number): string {
	const text = score.toFixed(4);
	return text === '-0.0000' ? '0.0000' : text;
}

/**
 * Scores every complete line of `text` (LF or CRLF); returns the scores, one per line, and the
 * unfinished last line to carry into the next chunk. Lines are cut here rather than yielded one
 * by one from an async generator: a promise per line cost more than scoring it.
 */
export function scoreLines(text: string): { scores: string; rest: string } {
	let scores = '';
	let start = 0;
	for (;;) {
		const newline = text.indexOf('\n', start);
		if (newline === -1) break;
		const end = newline > start && text.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
		scores += formatScore(scoreSentiment(text.slice(start, end))) + '\n';
		start = newline + 1;
	}
	return { scores, rest: text.slice(start) };
}

export async function run(argv: string[]): Promise<number> {
	const { positionals } = parseCommandArgs(argv, {});
	if (positionals.length > 0) throw new UsageError(`no arguments expected. Usage: ${usage}`);
	// A reader that closes early (`| head`) is not an error: stop scoring and exit quietly.
	let closed = false;
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code !== 'EPIPE') throw error;
		closed = true;
	});
	process.stdin.setEncoding('utf8');
	let carry = '';
	let first = true;
	for await (const chunk of process.stdin as AsyncIterable<string>) {
		// A byte-order mark is encoding, not text.
		const text = first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
		first = false;
		const { scores, rest } = scoreLines(carry + text);
		carry = rest;
		if (scores !== '' && !process.stdout.write(scores) && !closed) {
			try {
				await once(process.stdout, 'drain');
			} catch {
				closed = true;
			}
		}
		if (closed) break;
	}
	if (carry.endsWith('\r')) carry = carry.slice(0, -1);
	if (carry !== '' && !closed) process.stdout.write(formatScore(scoreSentiment(carry)) + '\n');
	return 0;
}
