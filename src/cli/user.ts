import { z } from 'zod';
import { Role, ROLES } from '../lib/domain/roles';
import {
	createUser,
	Email,
	NewUser,
	Password,
	resetPassword,
	usersForAdmin
} from '../lib/server/auth/accounts';
import { cliActor } from '../lib/server/audit';
import { openAppDatabase } from '../lib/server/app';
import type { DbHandle } from '../lib/server/db/client';
import { findUserByEmail } from '../lib/server/db/repos/users';
import { parseCommandArgs, UsageError } from './args';
import { newPassword } from './prompt';

export const summary = 'manage accounts: add a user, list users, reset a password';
export const usage = [
	'parity user add --email E --role viewer|analyst|admin [--name N] [--password-stdin]',
	'             parity user list',
	'             parity user reset-password --email E [--password-stdin]'
].join('\n');

function firstIssue(error: z.ZodError): string {
	const issue = error.issues[0];
	return issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'invalid';
}

/**
 * Adds a user as the command line does (the actor in the audit log is the OS user). The
 * browser tests call this to create their accounts before the server starts.
 */
export async function addUser(
	handle: DbHandle,
	input: { email: string; role: string; password: string; name?: string }
): Promise<{ id: number; email: string; role: Role }> {
	const parsed = NewUser.safeParse(input);
	if (!parsed.success) throw new UsageError(firstIssue(parsed.error));
	const result = await createUser(handle, cliActor(), parsed.data);
	if (!result.ok) throw new UsageError(Object.values(result.errors).join('; '));
	return { id: result.value.id, email: result.value.email, role: result.value.role };
}

async function add(argv: string[]): Promise<number> {
	const { values } = parseCommandArgs(argv, {
		email: { type: 'string' },
		role: { type: 'string' },
		name: { type: 'string' },
		'password-stdin': { type: 'boolean', default: false }
	});
	if (!values.email) throw new UsageError('--email is required');
	if (!values.role || !Role.safeParse(values.role).success) {
		throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
	}
	const email = Email.safeParse(values.email);
	if (!email.success) throw new UsageError(`--email: ${firstIssue(email.error)}`);
	const handle = openAppDatabase(undefined, { recoverImports: false });
	try {
		if (findUserByEmail(handle, email.data)) {
			throw new UsageError(`an account for ${email.data} exists`);
		}
		const password = await newPassword(values['password-stdin']);
		const user = await addUser(handle, {
			email: email.data,
			role: values.role,
			password,
			name: values.name
		});
		console.log(`Added ${user.role} ${user.email} (user #${user.id}).`);
		return 0;
	} finally {
		handle.close();
	}
}

function list(): number {
	const handle = openAppDatabase(undefined, { recoverImports: false });
	try {
		const users = usersForAdmin(handle);
		if (users.length === 0) console.log('No users yet.');
		for (const user of users) {
			const status = user.disabledAt === null ? '' : '  (disabled)';
			console.log(`${String(user.id).padStart(4)}  ${user.role.padEnd(8)} ${user.email}${status}`);
		}
		return 0;
	} finally {
		handle.close();
	}
}

async function reset(argv: string[]): Promise<number> {
	const { values } = parseCommandArgs(argv, {
		email: { type: 'string' },
		'password-stdin': { type: 'boolean', default: false }
	});
	if (!values.email) throw new UsageError('--email is required');
	const handle = openAppDatabase(undefined, { recoverImports: false });
	try {
		const user = findUserByEmail(handle, values.email.trim().toLowerCase());
		if (!user) throw new UsageError(`no account for ${values.email}`);
		const password = Password.safeParse(await newPassword(values['password-stdin']));
		if (!password.success) throw new UsageError(`password: ${firstIssue(password.error)}`);
		await resetPassword(handle, cliActor(), user.id, password.data);
		console.log(`New password set for ${user.email}; their sessions have ended.`);
		return 0;
	} finally {
		handle.close();
	}
}

export async function run(argv: string[]): Promise<number> {
	const [sub, ...rest] = argv;
	if (sub === 'add') return add(rest);
	if (sub === 'list') return list();
	if (sub === 'reset-password') return reset(rest);
	throw new UsageError(`unknown subcommand '${sub ?? ''}'. Usage:\n  ${usage}`);
}
