import { UsageError } from './args';

/** Reads a secret from the terminal without echoing it. */
export function promptHidden(question: string): Promise<string> {
	const stdin = process.stdin;
	process.stderr.write(question);
	stdin.setRawMode(true);
	stdin.setEncoding('utf8');
	stdin.resume();
	return new Promise((resolve, reject) => {
		let value = '';
		const finish = (error: Error | null) => {
			stdin.setRawMode(false);
			stdin.pause();
			stdin.off('data', onData);
			process.stderr.write('\n');
			if (error) reject(error);
			else resolve(value);
		};
		const onData = (chunk: string) => {
			for (const char of chunk) {
				if (char === '\r' || char === '\n') return finish(null);
				if (char === '\u0003' || char === '\u0004') return finish(new UsageError('cancelled'));
				if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
				else value += char;
			}
		};
		stdin.on('data', onData);
	});
}

/** All of standard input, without the one line break a shell `echo` or a file ends with. */
export async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks)
		.toString('utf8')
		.replace(/\r?\n$/, '');
}

/**
 * A new password: from stdin with --password-stdin (scripts), else typed twice at the
 * terminal. Never from an argument: those end up in shell history and `ps`.
 */
export async function newPassword(fromStdin: boolean): Promise<string> {
	if (fromStdin) return readStdin();
	if (!process.stdin.isTTY) {
		throw new UsageError(
			'no terminal to ask for the password on: pipe it in with --password-stdin'
		);
	}
	const first = await promptHidden('Password (at least 10 characters): ');
	const second = await promptHidden('Password again: ');
	if (first !== second) throw new UsageError('the two passwords differ');
	return first;
}
