import Database from 'better-sqlite3';
import { openDatabase } from '../../src/lib/server/db/client';

/**
 * The floor of Parity's own schema: the rows a Parity import stored, read back into memory
 * and inserted again into a fresh, migrated database with raw prepared statements, one
 * transaction per 1,000 conversations, each conversation's rows together as an import writes
 * them. No parsing, validation, deduplication, scoring or search indexing is timed: it is what
 * the tables and their indexes cost on this machine, whatever the code in front of them.
 */

const TABLES_IN_ORDER = [
	'customers',
	'customer_identities',
	'conversations',
	'messages',
	'conversation_scores'
] as const;
type Table = (typeof TABLES_IN_ORDER)[number];
const CONVERSATIONS_PER_TRANSACTION = 1000;

function insertableColumns(db: Database.Database, table: string): string[] {
	const columns = db.pragma(`table_xinfo(${table})`) as Array<{ name: string; hidden: number }>;
	// Generated columns (hidden 2 or 3) are computed by SQLite, not inserted.
	return columns.filter((column) => column.hidden === 0).map((column) => column.name);
}

export function schemaFloorImport(
	storedPath: string,
	dbPath: string
): { messages: number; records: number; seconds: number } {
	const stored = new Database(storedPath, { readonly: true });
	const columns = Object.fromEntries(
		TABLES_IN_ORDER.map((table) => [table, insertableColumns(stored, table)])
	) as Record<Table, string[]>;
	const read = (table: Table, order: string) =>
		stored
			.prepare(`SELECT ${columns[table].join(', ')} FROM ${table} ORDER BY ${order}`)
			.raw(true)
			.all() as unknown[][];
	const conversations = read('conversations', 'id');
	const messages = read('messages', 'conversation_id, id');
	const scores = read('conversation_scores', 'conversation_id');
	const customers = read('customers', 'id');
	const identities = read('customer_identities', 'customer_id');
	stored.close();

	const target = openDatabase(dbPath);
	const { sqlite } = target;
	// The page cache an import runs with (ingest/service.ts).
	sqlite.pragma('cache_size = -16384');
	sqlite.exec(
		`INSERT INTO sources (id, name, tool, created_at) SELECT 1, 'floor', 'canonical', 0 WHERE NOT EXISTS (SELECT 1 FROM sources WHERE id = 1)`
	);
	const insert = Object.fromEntries(
		TABLES_IN_ORDER.map((table) => [
			table,
			sqlite.prepare(
				`INSERT INTO ${table} (${columns[table].join(', ')}) VALUES (${columns[table].map(() => '?').join(', ')})`
			)
		])
	) as Record<Table, Database.Statement>;
	const idAt = (table: Table, column: string) => columns[table].indexOf(column);
	const conversationCustomer = idAt('conversations', 'customer_id');
	const conversationSource = idAt('conversations', 'source_id');
	const messageConversation = idAt('messages', 'conversation_id');
	const scoreSource = idAt('conversation_scores', 'source_id');
	const identityCustomer = idAt('customer_identities', 'customer_id');
	for (const row of conversations) row[conversationSource] = 1;
	for (const row of scores) row[scoreSource] = 1;

	const identitiesOf = new Map<unknown, unknown[][]>();
	for (const row of identities) {
		const list = identitiesOf.get(row[identityCustomer]) ?? [];
		list.push(row);
		identitiesOf.set(row[identityCustomer], list);
	}
	const customerById = new Map(customers.map((row) => [row[0], row]));
	const scoreOf = new Map(scores.map((row) => [row[0], row]));

	const started = process.hrtime.bigint();
	let nextMessage = 0;
	const written = new Set<unknown>();
	const writeChunk = sqlite.transaction((from: number, to: number) => {
		for (let i = from; i < to; i++) {
			const conversation = conversations[i] as unknown[];
			const customerId = conversation[conversationCustomer];
			if (customerId !== null && !written.has(customerId)) {
				written.add(customerId);
				const customer = customerById.get(customerId);
				if (customer) insert.customers.run(customer);
				for (const identity of identitiesOf.get(customerId) ?? [])
					insert.customer_identities.run(identity);
			}
			insert.conversations.run(conversation);
			const id = conversation[0];
			while (
				nextMessage < messages.length &&
				(messages[nextMessage] as unknown[])[messageConversation] === id
			)
				insert.messages.run(messages[nextMessage++] as unknown[]);
			const score = scoreOf.get(id);
			if (score) insert.conversation_scores.run(score);
		}
	});
	for (let from = 0; from < conversations.length; from += CONVERSATIONS_PER_TRANSACTION)
		writeChunk(from, Math.min(conversations.length, from + CONVERSATIONS_PER_TRANSACTION));
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	target.close();
	return { messages: messages.length, records: conversations.length, seconds };
}
