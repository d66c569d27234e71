import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A wrong option is the user's mistake, not a crash: it ends with a one-line reason. */
export class UsageError extends Error {}

export function parseCommandArgs<T extends NonNullable<ParseArgsConfig['options']>>(
	argv: string[],
	options: T
) {
	try {
		return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
	} catch (error) {
		throw new UsageError((error as Error).message);
	}
}
