// `npm start`: build the production server when the sources are newer than the build,
// then run it (adapter-node) on PORT (default 3000).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
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

process.env.PORT ??= '3000';

/** Resolves to the listen error's code when the port is taken, null when it is free. */
function portTaken(port, host) {
	return new Promise((resolve) => {
		const probe = createServer();
		probe.once('error', (error) => resolve(error.code ?? 'error'));
		probe.listen(port, host, () => probe.close(() => resolve(null)));
	});
}

// Before anything else: a second `npm start` after an upgrade would otherwise rebuild the
// files a running server is serving (taking it down) and then fail on the port anyway.
const taken = await portTaken(Number(process.env.PORT), process.env.HOST || '0.0.0.0');
if (taken) {
	console.error(
		taken === 'EADDRINUSE'
			? `Port ${process.env.PORT} is already in use: is Parity already running? Stop it first, or start on another port: PORT=3001 npm start`
			: `Cannot listen on port ${process.env.PORT} (${taken}). Choose another: PORT=3001 npm start`
	);
	process.exit(1);
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

process.env.BODY_SIZE_LIMIT ??= 'Infinity';
process.chdir(root);
console.log(`Parity on http://localhost:${process.env.PORT}`);
// Behind a proxy or on a named address, adapter-node's own server takes ORIGIN or
// PROTOCOL_HEADER (README, "Behind HTTPS"); otherwise the dashboard is reached over plain http.
if (process.env.ORIGIN || process.env.PROTOCOL_HEADER) await import(stamp);
else await servePlainHttp(root);
