import { IDENTITY_KINDS } from '../lib/domain/conversation';
import { openAppDatabase } from '../lib/server/app';
import { cliActor } from '../lib/server/audit';
import { count } from '../lib/plural';
import { eraseCustomer, ErasureRequest, previewErasure } from '../lib/server/privacy/erase';
import { parseCommandArgs, UsageError } from './args';

export const summary = "erase a customer's conversations and everything derived from them";
export const usage = `parity erase --customer <email|phone|handle|id> [--kind ${IDENTITY_KINDS.join('|')}] [--yes]`;

export async function run(argv: string[]): Promise<number> {
	const { values } = parseCommandArgs(argv, {
		customer: { type: 'string' },
		kind: { type: 'string' },
		yes: { type: 'boolean', default: false }
	});
	const request = ErasureRequest.safeParse({ identity: values.customer ?? '', kind: values.kind });
	if (!request.success) {
		throw new UsageError(
			`${request.error.issues[0]?.path[0] === 'kind' ? `--kind must be one of ${IDENTITY_KINDS.join(', ')}` : '--customer is required'}. Usage: ${usage}`
		);
	}
	const handle = openAppDatabase(undefined, { recoverImports: false });
	try {
		const preview = previewErasure(handle, request.data);
		if (preview.customers === 0) {
			console.error('No customer with this identity is stored. Nothing erased.');
			return 1;
		}
		const found = `${count(preview.conversations, 'conversation')}, ${count(preview.messages, 'message')} of ${count(preview.customers, 'customer record')}`;
		if (!values.yes) {
			console.log(`Would erase ${found}. Run again with --yes to erase them.`);
			return 0;
		}
		const result = eraseCustomer(handle, cliActor(), request.data);
		if (!result.ok) throw new Error(Object.values(result.errors).join('; '));
		console.log(
			`Erased ${found}; scrubbed ${count(result.value.rejectsScrubbed, 'rejected record')}. Backups taken earlier still hold them.`
		);
		return 0;
	} finally {
		handle.close();
	}
}
