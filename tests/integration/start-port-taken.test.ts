import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchDir } from '../helpers/files';

const root = new URL('../..', import.meta.url).pathname;

function listening(): Promise<Server> {
	return new Promise((resolve) => {
		const server = createServer();
		server.listen(0, '0.0.0.0', () => resolve(server));
	});
}

function npmStart(
	env: NodeJS.ProcessEnv
): Promise<{ code: number | null; out: string; err: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, [join(root, 'scripts/start.js')], {
			cwd: root,
			env: { ...process.env, ...env }
		});
		let out = '';
		let err = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
		child.on('close', (code) => resolve({ code, out, err }));
	});
}

let occupied: Server | undefined;
afterEach(() => {
	occupied?.close();
});

describe('npm start on a port that is taken', () => {
	it('says so and stops before building, opening the database or serving', async () => {
		occupied = await listening();
		const port = (occupied.address() as AddressInfo).port;
		const dir = scratchDir();
		const result = await npmStart({
			PORT: String(port),
			PARITY_DATA_DIR: dir,
			PARITY_DB: join(dir, 'parity.db')
		});
		expect(result.code).toBe(1);
		expect(result.err).toBe(
			`Port ${port} is already in use: is Parity already running? Stop it first, or start on another port: PORT=3001 npm start\n`
		);
		expect(result.out).toBe('');
		expect(existsSync(join(dir, 'parity.db'))).toBe(false);
	});
});
