import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ConversationInput } from '../../src/lib/domain/conversation';
import { createImportStore } from '../../src/lib/server/db/repos/import-store';
import { ADAPTERS } from '../../src/lib/server/ingest/adapters';
import { canonicalAdapter } from '../../src/lib/server/ingest/adapters/canonical';
import { compileBotRules, DEFAULT_BOT_RULES } from '../../src/lib/server/ingest/bot-rules';
import { normalizeConversation } from '../../src/lib/server/ingest/normalize';
import { runImport } from '../../src/lib/server/ingest/pipeline';
import { importFiles } from '../../src/lib/server/ingest/service';
import { createMinimizer } from '../../src/lib/server/privacy/minimize';
import { testDb } from '../helpers/db';
import { scratchDir, writeFile } from '../helpers/files';
import { expectConsistentStore } from '../helpers/invariants';

/**
 * Thousands of mutated and random records and files thrown at the importers on this
 * branch (canonical, and the generic entry point importFiles): each must end as a clean
 * reject with a reason or a valid conversation — never a crash, a hang or a half-written
 * conversation.
 */

/** A generous bound: these runs take seconds, but the machine running them may be busy. */
const SLOW = 300_000;

const bots = compileBotRules(DEFAULT_BOT_RULES.map((rule) => ({ ...rule, enabled: true })));
const minimizer = createMinimizer(Buffer.alloc(32, 7));

const date = fc.oneof(
	{
		weight: 8,
		arbitrary: fc
			.integer({ min: 1_500_000_000_000, max: 1_900_000_000_000 })
			.map((ms) => new Date(ms).toISOString())
	},
	{ weight: 1, arbitrary: fc.integer({ min: 1_500_000_000, max: 1_900_000_000 }) },
	{
		weight: 1,
		arbitrary: fc.constantFrom(
			'2026-03-02 09:00',
			'02/03/2026 9:00',
			'31/02/2026',
			'yesterday',
			'',
			'2026-13-45T99:99Z'
		)
	}
);
const text = fc.oneof(
	fc.string({ maxLength: 80 }),
	fc.string({ unit: 'grapheme', maxLength: 40 }),
	fc.constantFrom(
		'Call me on +44 20 7946 0958',
		'card 4111 1111 1111 1111',
		'<p>html &amp; more</p>'
	)
);
const validRecord = fc.record({
	id: fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.integer()),
	channel: fc.constantFrom('chat', 'email', 'whatsapp', 'phone', 'carrier pigeon'),
	customer: fc.record(
		{
			email: fc.constantFrom('jane@example.com', 'Bob@Example.org', 'not-an-email'),
			phone: fc.constantFrom('+44 20 7946 0958', '555', '(415) 555-0123'),
			id: fc.oneof(fc.string({ maxLength: 8 }), fc.integer()),
			name: fc.string({ maxLength: 20 })
		},
		{ requiredKeys: [] }
	),
	tags: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
	csat: fc.option(
		fc.record({
			score: fc.oneof(fc.integer({ min: -5, max: 12 }), fc.constantFrom('good', '👍', 'x'))
		}),
		{
			nil: null
		}
	),
	messages: fc.array(
		fc.record({
			role: fc.constantFrom('customer', 'ai', 'agent', 'system', 'staff'),
			author_name: fc.option(fc.constantFrom('Fin', 'Sam', 'Answer Bot'), { nil: null }),
			created_at: date,
			text
		}),
		{ maxLength: 5 }
	)
});

/** Sets or deletes the value at one of the record's paths, chosen by `pick`. */
function mutate(value: unknown, pick: number, replacement: unknown, remove: boolean): unknown {
	const paths: Array<Array<string | number>> = [];
	const walk = (node: unknown, path: Array<string | number>) => {
		paths.push(path);
		if (node && typeof node === 'object') {
			for (const [key, child] of Object.entries(node)) {
				walk(child, [...path, Array.isArray(node) ? Number(key) : key]);
			}
		}
	};
	walk(value, []);
	const path = paths[pick % paths.length] ?? [];
	if (path.length === 0) return replacement;
	const copy = structuredClone(value) as Record<string | number, unknown>;
	let parent: Record<string | number, unknown> = copy;
	for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
	const last = path.at(-1) as string | number;
	if (remove && !Array.isArray(parent)) delete parent[last];
	else parent[last] = replacement;
	return copy;
}

const mutatedRecord = fc
	.tuple(
		validRecord,
		fc.array(fc.tuple(fc.nat(), fc.anything({ maxDepth: 2 }), fc.boolean()), { maxLength: 3 })
	)
	.map(([record, mutations]) =>
		mutations.reduce<unknown>(
			(value, [pick, replacement, remove]) => mutate(value, pick, replacement, remove),
			record
		)
	);

async function* once(text: string) {
	yield text;
}

describe('canonical records, mutated and random', () => {
	it(
		'each ends as a valid conversation or a reject with a reason (5,000 records)',
		async () => {
			const outcomes = { stored: 0, rejected: 0 };
			await fc.assert(
				fc.asyncProperty(
					fc.oneof(
						{ weight: 4, arbitrary: mutatedRecord },
						{ weight: 1, arbitrary: fc.anything() }
					),
					async (record) => {
						// An NDJSON file whose first line is fine and whose second is the record.
						const content = `{"id":"first","started_at":"2026-03-02T09:00:00Z","messages":[]}\n${JSON.stringify(record) ?? 'null'}\n`;
						const input = {
							fileName: 'x.ndjson',
							path: 'x.ndjson',
							sizeBytes: content.length,
							gzip: false,
							sample: content,
							sampleIsWhole: true,
							encoding: 'utf-8',
							bytesRead: 0,
							text: () => once(content),
							sha256: () => '',
							close: () => {},
							truncated: false
						};
						const context = {
							fileName: 'x.ndjson',
							timeZone: 'Europe/Berlin',
							companions: [],
							warn: () => {}
						};
						for await (const item of canonicalAdapter.read(input, context)) {
							if (item.kind === 'reject') {
								expect(item.reason.length).toBeGreaterThan(0);
								outcomes.rejected++;
								continue;
							}
							const result = normalizeConversation(item.draft, {
								tool: 'canonical',
								timeZone: 'Europe/Berlin',
								bots
							});
							if (!result.ok) {
								expect(result.reason).toMatch(/\S/);
								outcomes.rejected++;
								continue;
							}
							const stored = minimizer.conversation(result.conversation);
							expect(ConversationInput.safeParse(stored).success).toBe(true);
							outcomes.stored++;
						}
					}
				),
				{ numRuns: 5000 }
			);
			// Both paths were exercised (each run also stores the file's fine first line).
			expect(outcomes.stored, JSON.stringify(outcomes)).toBeGreaterThan(5500);
			expect(outcomes.rejected).toBeGreaterThan(1000);
		},
		SLOW
	);
});

/** Files the way exports go wrong: cut off, garbled, mixed, compressed, not text at all. */
const brokenFile = fc.oneof(
	fc.array(fc.oneof(mutatedRecord, validRecord), { minLength: 1, maxLength: 8 }).map((records) => ({
		name: 'export.ndjson',
		bytes: Buffer.from(records.map((r) => JSON.stringify(r) ?? '').join('\n'))
	})),
	fc
		.tuple(fc.array(validRecord, { minLength: 1, maxLength: 6 }), fc.nat())
		.map(([records, cut]) => {
			const json = JSON.stringify({ conversations: records });
			return { name: 'export.json', bytes: Buffer.from(json.slice(0, cut % (json.length + 1))) };
		}),
	fc
		.tuple(
			fc.array(validRecord, { minLength: 1, maxLength: 6 }),
			fc.array(fc.tuple(fc.nat(), fc.string({ maxLength: 3 })), { maxLength: 5 })
		)
		.map(([records, edits]) => {
			let text = records.map((r) => JSON.stringify(r)).join('\n');
			for (const [at, insert] of edits) {
				const i = at % (text.length + 1);
				text = text.slice(0, i) + insert + text.slice(i + 1);
			}
			return { name: 'edited.ndjson', bytes: Buffer.from(text) };
		}),
	fc
		.uint8Array({ maxLength: 2000 })
		.map((bytes) => ({ name: 'random.bin', bytes: Buffer.from(bytes) })),
	fc
		.tuple(fc.array(validRecord, { minLength: 1, maxLength: 4 }), fc.nat())
		.map(([records, cut]) => {
			const gz = gzipSync(Buffer.from(records.map((r) => JSON.stringify(r)).join('\n')));
			return {
				name: 'export.ndjson.gz',
				bytes: gz.subarray(0, Math.max(2, cut % (gz.length + 1)))
			};
		}),
	fc.constantFrom(
		{ name: 'empty.json', bytes: Buffer.alloc(0) },
		{ name: 'bom.ndjson', bytes: Buffer.from('\ufeff{"id":"a","messages":[]}\n') },
		{ name: 'nested.json', bytes: Buffer.from('['.repeat(5000) + ']'.repeat(5000)) },
		{ name: 'utf16.json', bytes: Buffer.from('\ufeff[{"id":"u","messages":[]}]', 'utf16le') }
	)
);

function withinSeconds<T>(promise: Promise<T>, seconds: number): Promise<T> {
	return Promise.race([
		promise,
		new Promise<never>((_, reject) =>
			setTimeout(() => reject(new Error(`hung for ${seconds} s`)), seconds * 1000)
		)
	]);
}

describe('importFiles on broken and random files', () => {
	it(
		'reports every file as done or failed with a reason, and leaves the store consistent (1,500 files)',
		async () => {
			const db = testDb();
			const dir = scratchDir();
			let n = 0;
			await fc.assert(
				fc.asyncProperty(brokenFile, fc.boolean(), async (file, forceFormat) => {
					const path = writeFile(dir, `${n++}-${file.name}`, file.bytes);
					const reports = await withinSeconds(
						importFiles(db, [path], forceFormat ? { format: 'canonical' } : {}),
						10
					);
					expect(reports).toHaveLength(1);
					const [report] = reports;
					if (report?.status === 'failed') expect(report.error).toMatch(/\S/);
					else expect(report?.status).toBe('done');
					if (report && report.importId !== null) {
						const c = report.counts;
						expect(c.recordsRead).toBe(c.recordsImported + c.recordsDuplicate + c.recordsRejected);
					}
				}),
				{ numRuns: 1500 }
			);
			expectConsistentStore(db);
			// The runs did reach the store, not only the reject path.
			expect(
				(db.sqlite.prepare('SELECT COUNT(*) AS n FROM conversations').get() as { n: number }).n
			).toBeGreaterThan(10);
		},
		SLOW
	);
});

describe('an import stopped part-way', () => {
	it(
		'keeps whole conversations only, however far it got (100 interrupted imports)',
		async () => {
			const db = testDb();
			const dir = scratchDir();
			let n = 0;
			await fc.assert(
				fc.asyncProperty(
					fc.array(validRecord, { minLength: 20, maxLength: 60 }),
					fc.integer({ min: 1, max: 60 }),
					async (records, stopAfter) => {
						const path = writeFile(
							dir,
							`${n++}.ndjson`,
							Buffer.from(records.map((r) => JSON.stringify(r)).join('\n'))
						);
						const controller = new AbortController();
						const [report] = await runImport(createImportStore(db), ADAPTERS, {
							paths: [path],
							format: 'canonical',
							timeZone: 'UTC',
							batchSize: 5,
							identityKeyHex: Buffer.alloc(32, 7).toString('hex'),
							signal: controller.signal,
							onProgress: (progress) => {
								if (progress.records >= stopAfter)
									controller.abort(new Error('stopped by the test'));
							}
						});
						// Progress is reported after each batch of five; the next record sees the abort.
						if (Math.ceil(stopAfter / 5) * 5 < records.length) {
							expect(report).toMatchObject({
								status: 'failed',
								error: expect.stringMatching(/stopped by the test/)
							});
						}
					}
				),
				{ numRuns: 100 }
			);
			expectConsistentStore(db);
		},
		SLOW
	);
});
