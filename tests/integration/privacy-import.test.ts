import { describe, expect, it } from 'vitest';
import { setSetting } from '../../src/lib/server/db/repos/settings';
import { importFiles } from '../../src/lib/server/ingest/service';
import { eraseCustomer, previewErasure } from '../../src/lib/server/privacy/erase';
import { identityKey } from '../../src/lib/server/privacy/key';
import { identityHasher } from '../../src/lib/server/privacy/minimize';
import { SYSTEM } from '../helpers/auth';
import { testDb } from '../helpers/db';
import { ndjson, scratchDir, writeFile } from '../helpers/files';

const jane = (id: string, started: string, text: string, extra: Record<string, unknown> = {}) => ({
	id,
	channel: 'chat',
	customer: { email: 'Jane.Doe@Example.com', name: 'Jane Doe', phone: '+44 20 7946 0958' },
	messages: [
		{
			role: 'customer',
			author_name: 'Jane Doe',
			author_id: 'jane.doe@example.com',
			created_at: started,
			text
		},
		{
			role: 'agent',
			author_name: 'Sam Agent',
			author_id: 'agent-7',
			created_at: started,
			text: 'On it.'
		}
	],
	...extra
});

function everything(db: ReturnType<typeof testDb>): string {
	return JSON.stringify(
		['customers', 'customer_identities', 'conversations', 'messages', 'rejects'].map((table) =>
			db.sqlite.prepare(`SELECT * FROM ${table}`).all()
		)
	);
}

describe('PII minimisation at import (on by default)', () => {
	it('stores placeholders for personal data, hashed identities, no customer names', async () => {
		const db = testDb({ minimize: true });
		const file = writeFile(
			scratchDir(),
			'chats.ndjson',
			ndjson([
				jane(
					'c1',
					'2026-03-02T09:00:00Z',
					'I am jane.doe@example.com, card 4111 1111 1111 1111, order #100234556 of €1,234.56 on 2026-03-01'
				)
			])
		);
		const [report] = await importFiles(db, [file]);
		expect(report?.counts.conversationsCreated).toBe(1);
		const messages = db.sqlite
			.prepare('SELECT role, body, author_name, author_id FROM messages ORDER BY id')
			.all() as Array<Record<string, string | null>>;
		const hash = identityHasher(identityKey(db));
		expect(messages).toEqual([
			{
				role: 'customer',
				body: 'I am [EMAIL], card [CARD], order #100234556 of €1,234.56 on 2026-03-01',
				author_name: null,
				author_id: hash('author', 'jane.doe@example.com')
			},
			{ role: 'agent', body: 'On it.', author_name: 'Sam Agent', author_id: 'agent-7' }
		]);
		const conversation = db.sqlite
			.prepare('SELECT identities, customer_name FROM conversations')
			.get() as { identities: string; customer_name: string | null };
		expect(conversation.customer_name).toBeNull();
		expect(JSON.parse(conversation.identities)).toEqual([
			`email:${hash('email', 'jane.doe@example.com')}`,
			`phone:${hash('phone', '+442079460958')}`
		]);
		const stored = everything(db);
		for (const raw of ['jane.doe', 'Jane Doe', '7946', '4111']) expect(stored).not.toContain(raw);
	});

	it('still matches a returning customer across imports (repeat contact), and re-import is a no-op', async () => {
		const db = testDb({ minimize: true });
		const dir = scratchDir();
		const first = writeFile(
			dir,
			'a.ndjson',
			ndjson([jane('c1', '2026-03-02T09:00:00Z', 'Where is my refund?')])
		);
		const second = writeFile(
			dir,
			'b.ndjson',
			ndjson([
				{
					id: 'c2',
					customer: { email: 'JANE.DOE@example.com' },
					messages: [
						{ role: 'customer', created_at: '2026-03-04T09:00:00Z', text: 'Still nothing' }
					]
				}
			])
		);
		await importFiles(db, [first]);
		await importFiles(db, [second]);
		const customers = db.sqlite
			.prepare('SELECT DISTINCT customer_id FROM conversations')
			.all() as Array<{ customer_id: number }>;
		expect(customers).toHaveLength(1);
		const [again] = await importFiles(db, [first]);
		expect(again?.counts).toMatchObject({ recordsDuplicate: 1, recordsImported: 0 });
	});

	it('redacts what a rejected record keeps (raw text and reason)', async () => {
		const db = testDb({ minimize: true });
		const file = writeFile(
			scratchDir(),
			'bad.ndjson',
			ndjson([
				{
					id: 'x',
					customer: { email: 'jane.doe@example.com' },
					messages: [
						{ role: 'customer', created_at: 'jane.doe@example.com', text: 'call +44 20 7946 0958' }
					]
				}
			])
		);
		await importFiles(db, [file]);
		const reject = db.sqlite.prepare('SELECT reason, raw FROM rejects').get() as {
			reason: string;
			raw: string;
		};
		expect(reject.reason).toBe("messages[0].created_at: not a date: '[EMAIL]'");
		expect(reject.raw).toContain('"text":"call [PHONE]"');
		expect(reject.raw).not.toContain('jane');
	});

	it('keeps everything as exported when the setting is off', async () => {
		const db = testDb({ minimize: true });
		setSetting(db, 'privacy.minimizeAtImport', false);
		const file = writeFile(
			scratchDir(),
			'a.ndjson',
			ndjson([jane('c1', '2026-03-02T09:00:00Z', 'mail jane.doe@example.com')])
		);
		await importFiles(db, [file]);
		expect(db.sqlite.prepare('SELECT customer_name, identities FROM conversations').get()).toEqual({
			customer_name: 'Jane Doe',
			identities: '["email:jane.doe@example.com","phone:+442079460958"]'
		});
		expect(db.sqlite.prepare("SELECT body FROM messages WHERE role = 'customer'").get()).toEqual({
			body: 'mail jane.doe@example.com'
		});
	});
});

describe('erasure', () => {
	async function twoCustomers(minimize = true) {
		const db = testDb({ minimize: true });
		setSetting(db, 'privacy.minimizeAtImport', minimize);
		const dir = scratchDir();
		await importFiles(db, [
			writeFile(
				dir,
				'a.ndjson',
				ndjson([
					jane('c1', '2026-03-02T09:00:00Z', 'first'),
					jane('c2', '2026-03-10T09:00:00Z', 'second'),
					{
						id: 'c3',
						channel: 'email',
						customer: { email: 'bob@example.com' },
						messages: [{ role: 'customer', created_at: '2026-03-03T09:00:00Z', text: 'bob here' }]
					},
					{ id: 'broken', customer: { email: 'jane.doe@example.com' }, messages: 'nope' }
				])
			)
		]);
		return db;
	}

	it('finds a customer by the identity as typed, in another format, and removes only them', async () => {
		const db = await twoCustomers();
		// The phone as a person would type it, not as it was stored.
		expect(previewErasure(db, { identity: '+44 (0)20-7946-0958'.replace('(0)', '') })).toEqual({
			customers: 1,
			conversations: 2,
			messages: 4
		});
		const result = eraseCustomer(
			db,
			{ ...SYSTEM, label: 'admin@example.com' },
			{ identity: 'Jane.Doe@example.com' }
		);
		expect(result).toEqual({
			ok: true,
			value: { customers: 1, conversations: 2, messages: 4, rejectsScrubbed: 0 }
		});
		expect(db.sqlite.prepare('SELECT external_id FROM conversations').all()).toEqual([
			{ external_id: 'c3' }
		]);
		expect(db.sqlite.prepare('SELECT COUNT(*) AS n FROM messages').get()).toEqual({ n: 1 });
		expect(db.sqlite.prepare('SELECT COUNT(*) AS n FROM customer_identities').get()).toEqual({
			n: 1
		});
		// Nothing derived still counts them: scores went with the conversations, and the
		// weekly rollups were recomputed for the weeks they counted in.
		expect(db.sqlite.prepare('SELECT COUNT(*) AS n FROM conversation_scores').get()).toEqual({
			n: 1
		});
		expect(db.sqlite.prepare('SELECT TOTAL(conversations) AS n FROM rollup_weekly').get()).toEqual(
			db.sqlite.prepare("SELECT COUNT(*) AS n FROM conversations WHERE handler != 'none'").get()
		);

		const entry = db.sqlite
			.prepare("SELECT actor, target, detail FROM audit_log WHERE action = 'erasure'")
			.get() as {
			actor: string;
			target: string;
			detail: string;
		};
		expect(entry.actor).toBe('admin@example.com');
		expect(entry.target).toMatch(/^request [\w-]{12}$/);
		expect(JSON.stringify(entry).toLowerCase()).not.toContain('jane');
		expect(eraseCustomer(db, SYSTEM, { identity: 'jane.doe@example.com' })).toMatchObject({
			ok: false,
			status: 404
		});
	});

	it('finds identities stored in the clear (minimisation off) and scrubs rejects naming them', async () => {
		const db = await twoCustomers(false);
		const result = eraseCustomer(db, SYSTEM, { identity: 'jane.doe@example.com', kind: 'email' });
		expect(result).toMatchObject({ ok: true, value: { conversations: 2, rejectsScrubbed: 1 } });
		const stored = everything(db).toLowerCase();
		expect(stored).not.toContain('jane');
		expect(stored).toContain('bob@example.com');
	});
});
