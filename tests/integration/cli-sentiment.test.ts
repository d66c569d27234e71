import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatScore } from '../../src/cli/sentiment';
import { scoreSentiment } from '../../src/lib/server/scoring/sentiment';

const BIN = fileURLToPath(new URL('../../bin/parity.js', import.meta.url));

function runCli(
	args: string[],
	input: string
): Promise<{ code: number; out: string; err: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
		let out = '';
		let err = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code: code ?? -1, out, err }));
		child.stdin.end(input);
	});
}

describe('npx parity sentiment', () => {
	it('writes one score per input line, in order, and nothing else', async () => {
		// Enough lines to span many stdin chunks and output batches.
		const lines = ['I love it 😍', 'this is useless!!', '', 'still waiting for my refund', 'ok'];
		const many = Array.from({ length: 20_000 }, (_, i) => `${lines[i % lines.length]} #${i}`);
		const input = '\ufeff' + many.join('\r\n'); // a BOM, CRLF, and no final newline
		const { code, out, err } = await runCli(['sentiment'], input);
		expect(err).toBe('');
		expect(code).toBe(0);
		const expected = many.map((line) => formatScore(scoreSentiment(line)));
		expect(out).toBe(expected.join('\n') + '\n');
	});

	it('rejects arguments with a usage error', async () => {
		const { code, out, err } = await runCli(['sentiment', 'file.txt'], '');
		expect(code).toBe(2);
		expect(out).toBe('');
		expect(err).toContain('no arguments expected');
	});
});
