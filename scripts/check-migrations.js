// Fails when the schema in src/lib/server/db/schema has changes that no committed migration
// in drizzle/ covers: runs `drizzle-kit generate` against a copy and sees if it writes anything.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const copy = mkdtempSync(join(tmpdir(), 'parity-migrations-'));
try {
	cpSync(join(root, 'drizzle'), copy, { recursive: true });
	const before = readdirSync(copy).length;
	execFileSync(
		process.execPath,
		[
			join(root, 'node_modules', 'drizzle-kit', 'bin.cjs'),
			'generate',
			'--dialect',
			'sqlite',
			'--schema',
			'./src/lib/server/db/schema/index.ts',
			'--out',
			copy
		],
		{ cwd: root, stdio: 'pipe' }
	);
	const after = readdirSync(copy).length;
	if (after !== before) {
		console.error(
			'drizzle/ is out of date with the schema: run `npm run db:generate` and commit the migration.'
		);
		process.exit(1);
	}
	console.log('migrations match the schema');
} finally {
	rmSync(copy, { recursive: true, force: true });
}
