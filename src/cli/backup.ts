import { resolve } from 'node:path';
import { formatBytes } from '../lib/domain/imports';
import { openAppDatabase } from '../lib/server/app';
import { audit, cliActor } from '../lib/server/audit';
import { backupDatabase } from '../lib/server/db/backup';
import { secretKeyPath } from '../lib/server/privacy/key';
import { parseCommandArgs, UsageError } from './args';

export const summary = 'copy the database consistently, even while the server runs';
export const usage = 'parity backup <file>';

export async function run(argv: string[]): Promise<number> {
	const { positionals } = parseCommandArgs(argv, {});
	const [target] = positionals;
	if (!target || positionals.length > 1) throw new UsageError(`name one file. Usage: ${usage}`);
	const destination = resolve(target);
	const handle = openAppDatabase(undefined, { recoverImports: false });
	try {
		const { bytes } = await backupDatabase(handle, destination);
		audit(handle, cliActor(), 'backup', destination, { bytes });
		console.log(`Backed up ${handle.path} to ${destination} (${formatBytes(bytes)}).`);
		const key = secretKeyPath(handle.path);
		if (key) {
			console.log(
				`Keep a copy of ${key} too (once is enough): without it, new imports cannot be matched to the customers in this backup.`
			);
		}
		return 0;
	} finally {
		handle.close();
	}
}
