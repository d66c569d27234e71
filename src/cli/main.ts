import { UsageError } from './args';

interface Command {
	summary: string;
	usage: string;
	/** What each option does, for `parity <command> --help` (the list of commands shows usage only). */
	options?: string;
	run(argv: string[]): Promise<number>;
}

/** Each command is a thin file beside this one; loaded on demand so `--help` stays fast. */
const COMMANDS: Record<string, () => Promise<Command>> = {
	import: () => import('./import'),
	sentiment: () => import('./sentiment'),
	alerts: () => import('./alerts'),
	digest: () => import('./digest'),
	report: () => import('./report'),
	user: () => import('./user'),
	erase: () => import('./erase'),
	retention: () => import('./retention'),
	backup: () => import('./backup'),
	demo: () => import('./demo'),
	rollup: () => import('./rollup'),
	source: () => import('./source'),
	note: () => import('./note')
};

function help(): string {
	return ['Usage: parity <command> [options]', '', 'Commands:'].join('\n');
}

async function main(argv: string[]): Promise<number> {
	const [name, ...rest] = argv;
	if (!name || name === '--help' || name === '-h' || name === 'help') {
		const lines = [help()];
		for (const [command, load] of Object.entries(COMMANDS)) {
			const loaded = await load();
			lines.push(`  ${command.padEnd(10)} ${loaded.summary}`, `             ${loaded.usage}`);
		}
		lines.push(
			'',
			'Environment: PARITY_DB (database file, default data/parity.db; a DATABASE_URL of the',
			'             form file:/path/to/parity.db is taken too),',
			'             PARITY_SECRET_FILE (identity key, default secret.key beside the database),',
			"             PARITY_BACKUP_DIR (the server's automatic backups, default backups/ beside",
			'             the database; schedule and how many are kept in Admin → System settings),',
			'             SMTP_URL (smtp://user:pass@host:587; without it emails go to data/outbox/),',
			'             MAIL_FROM (sender address; overrides the mail.from setting),',
			'             ORIGIN, PORT (links in emails start with ORIGIN, else the address the server',
			'             last started on; an address set in Admin → System settings overrides both)'
		);
		console.log(lines.join('\n'));
		return 0;
	}
	const load = COMMANDS[name];
	if (!load) {
		console.error(`parity: unknown command '${name}'. Run 'parity --help' for the list.`);
		return 2;
	}
	const command = await load();
	if (rest.includes('--help') || rest.includes('-h')) {
		console.log(
			`${command.summary}\nUsage: ${command.usage}${command.options ? `\n\n${command.options}` : ''}`
		);
		return 0;
	}
	try {
		return await command.run(rest);
	} catch (error) {
		if (error instanceof UsageError) {
			console.error(`parity ${name}: ${error.message}`);
			return 2;
		}
		console.error(`parity ${name}: ${(error as Error).message}`);
		return 1;
	}
}

process.exitCode = await main(process.argv.slice(2));
