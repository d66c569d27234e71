import Database from 'better-sqlite3';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * The floor: the same NDJSON parsed and inserted with raw prepared statements into the same
 * two tables, with no validation, normalisation, deduplication or scoring. What Parity adds
 * on top is the ratio between the two.
 */
export async function rawFloorImport(
	file: string,
	dbPath: string
): Promise<{ messages: number; records: number }> {
	const db = new Database(dbPath);
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.exec(`CREATE TABLE conversations (id INTEGER PRIMARY KEY, external_id TEXT, channel TEXT, started_at INTEGER);
	         CREATE TABLE messages (id INTEGER PRIMARY KEY, conversation_id INTEGER, key TEXT, role TEXT, created_at INTEGER, body TEXT);`);
	const insertConversation = db.prepare(
		'INSERT INTO conversations (external_id, channel, started_at) VALUES (?, ?, ?)'
	);
	const insertMessage = db.prepare(
		'INSERT INTO messages (conversation_id, key, role, created_at, body) VALUES (?, ?, ?, ?, ?)'
	);
	type Row = {
		id: string;
		channel: string;
		messages: Array<{ id: string; role: string; created_at: string; text: string }>;
	};
	const writeBatch = db.transaction((rows: Row[]) => {
		for (const row of rows) {
			const id = insertConversation.run(
				row.id,
				row.channel,
				Date.parse(row.messages[0]?.created_at ?? '')
			).lastInsertRowid;
			for (const m of row.messages)
				insertMessage.run(id, m.id, m.role, Date.parse(m.created_at), m.text);
		}
	});
	let batch: Row[] = [];
	let messages = 0;
	let records = 0;
	for await (const line of createInterface({
		input: createReadStream(file),
		crlfDelay: Infinity
	})) {
		if (!line) continue;
		const row = JSON.parse(line) as Row;
		batch.push(row);
		records++;
		messages += row.messages.length;
		if (batch.length === 1000) {
			writeBatch(batch);
			batch = [];
		}
	}
	writeBatch(batch);
	db.close();
	return { messages, records };
}
