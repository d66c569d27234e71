import Database from 'better-sqlite3';
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	authenticateBearer,
	createApiToken,
	revokeApiToken
} from '../../src/lib/server/auth/api-tokens';
import { openAppDatabase } from '../../src/lib/server/app';
import { backupDatabase } from '../../src/lib/server/db/backup';
import { setSetting } from '../../src/lib/server/db/repos/settings';
import { importUpload, UploadQuery } from '../../src/lib/server/uploads/import-upload';
import { jobProgress } from '../../src/lib/server/dashboard/imports';
import { SYSTEM } from '../helpers/auth';
import { testDb } from '../helpers/db';
import { ndjson, scratchDir } from '../helpers/files';

function streamOf(text: string, chunkSize = 1024): ReadableStream<Uint8Array> {
	const bytes = new TextEncoder().encode(text);
	let offset = 0;
	return new ReadableStream({
		pull(controller) {
			if (offset >= bytes.length) return controller.close();
			controller.enqueue(bytes.subarray(offset, offset + chunkSize));
			offset += chunkSize;
		}
	});
}

const record = (id: string) => ({
	id,
	customer: { email: `${id}@example.com` },
	messages: [{ role: 'customer', created_at: '2026-03-02T09:00:00Z', text: 'Hello' }]
});

/** Uploads are imported by a child process: it needs a database file to open. */
function fileDb() {
	const db = openAppDatabase(join(scratchDir(), 'upload.db'));
	setSetting(db, 'privacy.minimizeAtImport', false);
	return db;
}

describe('upload', () => {
	it('streams the body to a temporary file, imports it under its own name in a background job, then removes the file', async () => {
		const db = fileDb();
		const dir = scratchDir();
		const body = ndjson([record('a'), record('b')]);
		const query = UploadQuery.parse({
			filename: 'C:\\Users\\ana\\..\\export.ndjson',
			wait: '1'
		});
		expect(query.filename).toBe('export.ndjson');
		const result = await importUpload(db, SYSTEM, {
			body: streamOf(body, 7),
			declaredBytes: null,
			query,
			dir
		});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		const [file] = result.value.files ?? [];
		expect(file).toMatchObject({ fileName: 'export.ndjson', format: 'canonical', status: 'done' });
		expect(file?.counts.conversationsCreated).toBe(2);
		expect(file && 'path' in file).toBe(false);
		expect(readdirSync(dir)).toEqual([]);
		expect(db.sqlite.prepare('SELECT file_name FROM imports').get()).toEqual({
			file_name: 'export.ndjson'
		});
		expect(
			db.sqlite.prepare("SELECT actor, target FROM audit_log WHERE action = 'import'").get()
		).toEqual({
			actor: 'test',
			target: '#1'
		});
		expect(db.sqlite.prepare('SELECT kind, label, status, actor FROM jobs').get()).toEqual({
			kind: 'import',
			label: 'export.ndjson',
			status: 'done',
			actor: 'test'
		});
		db.close();
	}, 60_000);

	it('answers at once with the job, whose progress is on its imports rows', async () => {
		const db = fileDb();
		const result = await importUpload(db, SYSTEM, {
			body: streamOf(ndjson([record('c')])),
			declaredBytes: null,
			query: UploadQuery.parse({ filename: 'later.ndjson', wait: '0' }),
			dir: scratchDir()
		});
		expect(result.ok && result.value.files).toBe(undefined);
		if (!result.ok) return;
		const job = result.value.job;
		expect(jobProgress(db, job)).toMatchObject({ job, fileName: 'later.ndjson' });
		const deadline = Date.now() + 50_000;
		while (jobProgress(db, job)?.phase !== 'done' && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		expect(jobProgress(db, job)).toMatchObject({
			phase: 'done',
			imports: [{ fileName: 'later.ndjson', status: 'done', recordsRead: 1, fraction: 1 }]
		});
		db.close();
	}, 60_000);

	it('refuses a file over the limit, declared or streamed, and leaves nothing behind', async () => {
		const db = fileDb();
		setSetting(db, 'upload.maxBytes', 1024 * 1024);
		const dir = scratchDir();
		const query = UploadQuery.parse({ filename: 'big.ndjson' });
		const big = 'x'.repeat(1024 * 1024 + 1);
		const declared = await importUpload(db, SYSTEM, {
			body: streamOf(big),
			declaredBytes: big.length,
			query,
			dir
		});
		expect(declared).toMatchObject({ ok: false, status: 413 });
		const streamed = await importUpload(db, SYSTEM, {
			body: streamOf(big, 64 * 1024),
			declaredBytes: null,
			query,
			dir
		});
		expect(streamed).toMatchObject({
			ok: false,
			status: 413,
			errors: { file: 'the file is larger than the upload limit of 1.0 MB.' }
		});
		expect(readdirSync(dir)).toEqual([]);
		expect(db.sqlite.prepare('SELECT COUNT(*) AS n FROM imports').get()).toEqual({ n: 0 });
	});

	it('answers an unreadable file with its report, and an empty body with a reason', async () => {
		const db = fileDb();
		const dir = scratchDir();
		const query = UploadQuery.parse({ filename: 'notes.txt', wait: 'true' });
		const result = await importUpload(db, SYSTEM, {
			body: streamOf('just words\n'),
			declaredBytes: null,
			query,
			dir
		});
		expect(result.ok && result.value.files?.[0]?.error).toMatch(
			/notes\.txt: not a format Parity recognises/
		);
		expect(db.sqlite.prepare('SELECT status, error FROM jobs').get()).toMatchObject({
			status: 'failed',
			error: expect.stringMatching(/not a format Parity recognises/)
		});
		expect(
			await importUpload(db, SYSTEM, { body: streamOf(''), declaredBytes: 0, query, dir })
		).toMatchObject({
			ok: false,
			status: 400,
			errors: { file: 'The file is empty.' }
		});
		expect(UploadQuery.safeParse({ filename: '../..' }).success).toBe(false);
		expect(UploadQuery.safeParse({}).success).toBe(false);
		db.close();
	}, 60_000);
});

describe('API tokens', () => {
	it('are shown once, stored as a hash, scoped, and stop working when revoked', () => {
		const db = testDb();
		const created = createApiToken(db, SYSTEM, { name: 'Nightly export', scope: 'ingest' });
		expect(created.ok).toBe(true);
		if (!created.ok) return;
		const { token, id } = created.value;
		expect(token).toMatch(/^pty_[\w-]{43}$/);
		expect(JSON.stringify(db.sqlite.prepare('SELECT * FROM api_tokens').all())).not.toContain(
			token.slice(4)
		);
		expect(authenticateBearer(db, `Bearer ${token}`)).toEqual({
			id,
			name: 'Nightly export',
			scope: 'ingest'
		});
		expect(authenticateBearer(db, `Bearer ${token}x`)).toBeNull();
		expect(authenticateBearer(db, token)).toBeNull();
		expect(revokeApiToken(db, SYSTEM, id).ok).toBe(true);
		expect(authenticateBearer(db, `Bearer ${token}`)).toBeNull();
		const actions = db.sqlite.prepare('SELECT action, target FROM audit_log ORDER BY id').all();
		expect(actions).toEqual([
			{ action: 'token.create', target: `#${id} Nightly export` },
			{ action: 'token.revoke', target: `#${id} Nightly export` }
		]);
	});
});

describe('backup', () => {
	it('copies a live database consistently while another connection keeps writing', async () => {
		const dir = scratchDir();
		const path = join(dir, 'parity.db');
		const live = openAppDatabase(path);
		const writer = new Database(path);
		writer.pragma('busy_timeout = 5000');
		const insert = writer.prepare('INSERT INTO sources (name, tool, created_at) VALUES (?, ?, ?)');
		for (let i = 0; i < 500; i++) insert.run(`before-${i}`, 'csv', i);
		let written = 0;
		const timer = setInterval(() => {
			for (let i = 0; i < 50; i++) insert.run(`during-${written++}`, 'csv', 0);
		}, 1);
		try {
			const target = join(dir, 'copy.db');
			const { bytes } = await backupDatabase(live, target);
			expect(bytes).toBe(statSync(target).size);
			expect(statSync(target).mode & 0o777).toBe(0o600);
			const copy = new Database(target, { readonly: true });
			const n = (copy.prepare('SELECT COUNT(*) AS n FROM sources').get() as { n: number }).n;
			expect(n).toBeGreaterThanOrEqual(500);
			expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
			expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
			copy.close();
			await expect(backupDatabase(live, target)).rejects.toThrow(/exists/);
			expect(existsSync(`${target}.partial`)).toBe(false);
		} finally {
			clearInterval(timer);
			writer.close();
			live.close();
		}
	});
	it('reports why the copy failed, from its own thread, and leaves no partial file behind', async () => {
		const dir = scratchDir();
		const path = join(dir, 'parity.db');
		const live = openAppDatabase(path);
		try {
			// The live connection keeps working on the moved file; a new one finds nothing there.
			renameSync(path, join(dir, 'moved.db'));
			const target = join(dir, 'copy.db');
			await expect(backupDatabase(live, target)).rejects.toThrow(/unable to open database file/);
			expect(readdirSync(dir).filter((name) => name.startsWith('copy.db'))).toEqual([]);
		} finally {
			live.close();
		}
		await expect(backupDatabase(testDb(), join(dir, 'memory.db'))).rejects.toThrow(
			'an in-memory database has no file to copy'
		);
	});
});
