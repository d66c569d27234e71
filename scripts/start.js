// `npm start`: build the production server when the sources are newer than the build,
// then run it (adapter-node) on PORT (default 3000).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { servePlainHttp } from './serve-plain-http.js';

const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'build', 'index.js');

function newestChange(dir) {
	let newest = 0;
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
	}
	return newest;
}

const inputs = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'].map((p) =>
	join(root, p)
);
const sourcesChanged = Math.max(
	...inputs
		.filter(existsSync)
		.map((p) => (statSync(p).isDirectory() ? newestChange(p) : statSync(p).mtimeMs))
);
if (!existsSync(stamp) || statSync(stamp).mtimeMs < sourcesChanged) {
	console.log('Building the dashboard (first start, or the sources changed)…');
	const build = spawnSync(
		process.execPath,
		// Warnings and errors only: the setup code printed after the build should not scroll away.
		[join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
		{
			cwd: root,
			stdio: 'inherit'
		}
	);
	if (build.status !== 0) process.exit(build.status ?? 1);
}

process.env.PORT ??= '3000';
process.env.BODY_SIZE_LIMIT ??= 'Infinity';
process.chdir(root);
console.log(`Parity on http://localhost:${process.env.PORT}`);
// Behind a proxy or on a named address, adapter-node's own server takes ORIGIN or
// PROTOCOL_HEADER (README, "Behind HTTPS"); otherwise the dashboard is reached over plain http.
if (process.env.ORIGIN || process.env.PROTOCOL_HEADER) await import(stamp);
else await servePlainHttp(root);
