import type { Handler } from '../../../domain/conversation';
import { deriveHandler } from '../../../domain/handler';
import type { BotRule } from '../../ingest/bot-rules';
import {
	contentHash,
	mergeState,
	messageKeys,
	stateOf,
	type StoredState
} from '../../ingest/fingerprint';
import {
	emptyCounts,
	type BatchCounts,
	type ImportMeta,
	type ImportStore,
	type StagedConversation,
	type StagedReject
} from '../../ingest/store';
import type { ConversationInput } from '../../../domain/conversation';
import type { DbHandle } from '../client';
import { listBotRules } from './bot-rules';
import { createScoreWriter, type ScoreFields } from './scores';
import { ensureSource } from './sources';

const RAW_LIMIT = 4096;

interface StoredRow {
	id: number;
	channel: string;
	identities: string;
	customer_name: string | null;
	started_at: number;
	ended_at: number | null;
	status: string | null;
	tags: string;
	assignee: string | null;
	team: string | null;
	csat_offered: number;
	csat_value: string | null;
	csat_scale: string | null;
	csat_comment: string | null;
	csat_answered_at: number | null;
	content_hash: string;
}

interface MessageRow {
	key: string;
	role: string;
	role_origin: string;
	author_id: string | null;
	author_name: string | null;
	created_at: number;
	body: string;
	is_public: number;
}

/**
 * Scores a conversation that is stored for the first time, inside the batch that stores it:
 * its incoming record is its whole state, so there is nothing to read back. Merged
 * conversations are left to the derivation step, which reads their merged state.
 */
export interface InlineScorer {
	scoreInput(conversation: ConversationInput): {
		/** Per message of the input, in its order. */
		sentiments: Array<number | null>;
		row: ScoreFields;
	};
}

export interface ImportStoreOptions {
	inline?: InlineScorer;
}

/** The SQLite implementation of the import pipeline's storage: prepared statements only. */
export function createImportStore(handle: DbHandle, options: ImportStoreOptions = {}): ImportStore {
	const { sqlite } = handle;
	const { inline } = options;
	const scoreWriter = inline ? createScoreWriter(sqlite) : null;
	const findConversation = sqlite.prepare<[number, string], StoredRow>(
		`SELECT id, channel, identities, customer_name, started_at, ended_at, status, tags, assignee, team,
		        csat_offered, csat_value, csat_scale, csat_comment, csat_answered_at, content_hash
		   FROM conversations WHERE source_id = ? AND external_id = ?`
	);
	const insertConversation = sqlite.prepare(
		`INSERT INTO conversations (source_id, external_id, channel, customer_id, identities, customer_name,
		   started_at, ended_at, status, tags, assignee, team, csat_offered, csat_value, csat_scale,
		   csat_comment, csat_answered_at, handler, message_count, content_hash)
		 VALUES (@sourceId, @externalId, @channel, @customerId, @identities, @customerName, @startedAt,
		   @endedAt, @status, @tags, @assignee, @team, @csatOffered, @csatValue, @csatScale, @csatComment,
		   @csatAnsweredAt, @handler, @messageCount, @contentHash)`
	);
	const updateConversation = sqlite.prepare(
		`UPDATE conversations SET channel = @channel, customer_id = @customerId, identities = @identities,
		   customer_name = @customerName, started_at = @startedAt, ended_at = @endedAt, status = @status,
		   tags = @tags, assignee = @assignee, team = @team, csat_offered = @csatOffered,
		   csat_value = @csatValue, csat_scale = @csatScale, csat_comment = @csatComment,
		   csat_answered_at = @csatAnsweredAt, handler = @handler, message_count = @messageCount,
		   content_hash = @contentHash
		 WHERE id = @id`
	);
	const upsertMessage = sqlite.prepare(
		`INSERT INTO messages (conversation_id, key, role, role_origin, author_id, author_name, created_at, body, is_public)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (conversation_id, key) DO UPDATE SET role = excluded.role, role_origin = excluded.role_origin,
		   author_id = excluded.author_id, author_name = excluded.author_name, created_at = excluded.created_at,
		   body = excluded.body, is_public = excluded.is_public, sentiment = NULL
		 WHERE messages.body IS NOT excluded.body OR messages.role IS NOT excluded.role
		   OR messages.role_origin IS NOT excluded.role_origin OR messages.author_id IS NOT excluded.author_id
		   OR messages.author_name IS NOT excluded.author_name OR messages.created_at IS NOT excluded.created_at
		   OR messages.is_public IS NOT excluded.is_public`
	);
	const insertMessage = sqlite.prepare(
		`INSERT INTO messages (conversation_id, key, role, role_origin, author_id, author_name, created_at, body, is_public, sentiment)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	);
	const storedMessages = sqlite.prepare<[number], MessageRow>(
		`SELECT key, role, role_origin, author_id, author_name, created_at, body, is_public
		   FROM messages WHERE conversation_id = ? ORDER BY created_at, id`
	);
	const findIdentity = sqlite.prepare<[string, string], { customer_id: number }>(
		'SELECT customer_id FROM customer_identities WHERE kind = ? AND value = ?'
	);
	const insertIdentity = sqlite.prepare(
		'INSERT OR IGNORE INTO customer_identities (customer_id, kind, value) VALUES (?, ?, ?)'
	);
	const insertCustomer = sqlite.prepare('INSERT INTO customers (name) VALUES (?)');
	const moveIdentities = sqlite.prepare(
		'UPDATE customer_identities SET customer_id = ? WHERE customer_id = ?'
	);
	const moveConversations = sqlite.prepare(
		'UPDATE conversations SET customer_id = ? WHERE customer_id = ?'
	);
	const deleteCustomer = sqlite.prepare('DELETE FROM customers WHERE id = ?');
	const markChanged = sqlite.prepare(
		'INSERT OR IGNORE INTO conversation_changes (conversation_id) VALUES (?)'
	);
	const insertReject = sqlite.prepare(
		'INSERT INTO rejects (import_id, locator, reason, raw) VALUES (?, ?, ?, ?)'
	);
	const bumpImport = sqlite.prepare(
		`UPDATE imports SET records_read = records_read + @recordsRead,
		   records_imported = records_imported + @recordsImported,
		   records_duplicate = records_duplicate + @recordsDuplicate,
		   records_rejected = records_rejected + @recordsRejected,
		   conversations_created = conversations_created + @conversationsCreated,
		   conversations_updated = conversations_updated + @conversationsUpdated,
		   messages_imported = messages_imported + @messagesImported
		 WHERE id = @id`
	);

	/**
	 * The customer these identities belong to. Identities seen together on one conversation
	 * belong to one person, so when they point at several customers those are merged into
	 * the oldest (the incremental form of union-find: every member points at the root).
	 */
	function resolveCustomer(identities: readonly string[], name: string | null): number | null {
		if (identities.length === 0) return null;
		const parsed = identities.map((identity) => {
			const colon = identity.indexOf(':');
			return { kind: identity.slice(0, colon), value: identity.slice(colon + 1) };
		});
		const owners = new Set<number>();
		for (const { kind, value } of parsed) {
			const row = findIdentity.get(kind, value);
			if (row) owners.add(row.customer_id);
		}
		let customerId: number;
		if (owners.size === 0) {
			customerId = Number(insertCustomer.run(name).lastInsertRowid);
		} else {
			customerId = Math.min(...owners);
			for (const other of owners) {
				if (other === customerId) continue;
				moveIdentities.run(customerId, other);
				moveConversations.run(customerId, other);
				deleteCustomer.run(other);
			}
		}
		for (const { kind, value } of parsed) insertIdentity.run(customerId, kind, value);
		return customerId;
	}

	function columns(state: Omit<StoredState, 'messages'>) {
		return {
			channel: state.channel,
			identities: JSON.stringify(state.identities),
			customerName: state.customerName,
			startedAt: state.startedAt,
			endedAt: state.endedAt,
			status: state.status,
			tags: JSON.stringify(state.tags),
			assignee: state.assignee,
			team: state.team,
			csatOffered: state.csatOffered ? 1 : 0,
			csatValue: state.csatValue,
			csatScale: state.csatScale,
			csatComment: state.csatComment,
			csatAnsweredAt: state.csatAnsweredAt
		};
	}

	function storedState(row: StoredRow, messages: MessageRow[]): StoredState {
		return {
			channel: row.channel,
			identities: JSON.parse(row.identities) as string[],
			customerName: row.customer_name,
			startedAt: row.started_at,
			endedAt: row.ended_at,
			status: row.status,
			tags: JSON.parse(row.tags) as string[],
			assignee: row.assignee,
			team: row.team,
			csatOffered: row.csat_offered === 1,
			csatValue: row.csat_value,
			csatScale: row.csat_scale,
			csatComment: row.csat_comment,
			csatAnsweredAt: row.csat_answered_at,
			messages: messages.map((m) => ({
				key: m.key,
				role: m.role,
				roleOrigin: m.role_origin,
				authorId: m.author_id,
				authorName: m.author_name,
				at: m.created_at,
				text: m.body,
				isPublic: m.is_public === 1
			}))
		};
	}

	function handlerOf(messages: StoredState['messages']): Handler {
		return deriveHandler(
			messages.map((m) => ({
				role: m.role as 'customer' | 'ai' | 'agent' | 'system',
				isPublic: m.isPublic
			}))
		);
	}

	function rejectInBatch(importId: number, reject: StagedReject, counts: BatchCounts): void {
		counts.recordsRejected += reject.records;
		insertReject.run(importId, reject.locator, reject.reason, reject.raw.slice(0, RAW_LIMIT));
	}

	function writeOne(
		importId: number,
		sourceId: number,
		staged: StagedConversation,
		counts: BatchCounts
	): void {
		const { conversation } = staged;
		const keys = messageKeys(conversation.messages);
		const incoming = stateOf(conversation, keys);
		const incomingHash = contentHash(incoming);
		const existing = findConversation.get(sourceId, conversation.externalId);

		if (existing && existing.content_hash === incomingHash) {
			counts.recordsDuplicate += staged.records;
			return;
		}
		if (!existing && conversation.partial) {
			rejectInBatch(
				importId,
				{
					locator: staged.locator,
					records: staged.records,
					raw: staged.raw(),
					reason: `updates conversation ${conversation.externalId}, which has not been imported: import the file that holds it, then this one again`
				},
				counts
			);
			return;
		}
		if (!existing) {
			const scored = inline?.scoreInput(conversation);
			const customerId = resolveCustomer(incoming.identities, conversation.customerName);
			const id = Number(
				insertConversation.run({
					sourceId,
					externalId: conversation.externalId,
					customerId,
					...columns(incoming),
					handler: handlerOf(incoming.messages),
					messageCount: incoming.messages.length,
					contentHash: incomingHash
				}).lastInsertRowid
			);
			incoming.messages.forEach((m, index) => {
				insertMessage.run(
					id,
					m.key,
					m.role,
					m.roleOrigin,
					m.authorId,
					m.authorName,
					m.at,
					m.text,
					m.isPublic ? 1 : 0,
					scored?.sentiments[index] ?? null
				);
			});
			if (scored && scoreWriter) {
				scoreWriter.write(id, incomingHash, scored.row);
			}
			markChanged.run(id);
			counts.conversationsCreated++;
			counts.messagesImported += incoming.messages.length;
			counts.recordsImported += staged.records;
			return;
		}

		// A later (or earlier) export of a stored conversation: merge, then see if anything moved.
		let messagesChanged = 0;
		for (const m of incoming.messages) {
			messagesChanged += upsertMessage.run(
				existing.id,
				m.key,
				m.role,
				m.roleOrigin,
				m.authorId,
				m.authorName,
				m.at,
				m.text,
				m.isPublic ? 1 : 0
			).changes;
		}
		const before = storedState(existing, []);
		const merged = mergeState(
			before,
			conversation.partial
				? { ...incoming, channel: 'other', startedAt: before.startedAt, endedAt: before.endedAt }
				: incoming
		);
		const allMessages = storedState(existing, storedMessages.all(existing.id)).messages;
		const mergedHash = contentHash({ ...merged, messages: allMessages });
		if (mergedHash === existing.content_hash) {
			counts.recordsDuplicate += staged.records;
			return;
		}
		updateConversation.run({
			id: existing.id,
			customerId: resolveCustomer(merged.identities, merged.customerName),
			...columns(merged),
			handler: handlerOf(allMessages),
			messageCount: allMessages.length,
			contentHash: mergedHash
		});
		markChanged.run(existing.id);
		counts.conversationsUpdated++;
		counts.messagesImported += messagesChanged;
		counts.recordsImported += staged.records;
	}

	const writeBatch = sqlite.transaction(
		(
			importId: number,
			sourceId: number,
			staged: readonly StagedConversation[],
			rejects: readonly StagedReject[]
		) => {
			const counts = emptyCounts();
			for (const item of staged) {
				counts.recordsRead += item.records;
				writeOne(importId, sourceId, item, counts);
			}
			for (const reject of rejects) {
				counts.recordsRead += reject.records;
				rejectInBatch(importId, reject, counts);
			}
			bumpImport.run({ id: importId, ...counts });
			return counts;
		}
	);

	return {
		ensureSource: (name, tool) => ensureSource(handle, name, tool),
		botRules: (): BotRule[] => listBotRules(handle),
		beginImport(meta: ImportMeta) {
			return Number(
				sqlite
					.prepare(
						`INSERT INTO imports (source_id, file_name, format, size_bytes, started_at, status, options)
						 VALUES (?, ?, ?, ?, ?, 'running', ?)`
					)
					.run(
						meta.sourceId,
						meta.fileName,
						meta.format,
						meta.sizeBytes,
						meta.startedAt,
						JSON.stringify(meta.options)
					).lastInsertRowid
			);
		},
		writeBatch: (importId, sourceId, staged, rejects) =>
			writeBatch(importId, sourceId, staged, rejects),
		finishImport(importId, result) {
			sqlite
				.prepare(
					`UPDATE imports SET status = ?, error = ?, sha256 = ?, encoding = ?, format = COALESCE(?, format), finished_at = ?
					 WHERE id = ?`
				)
				.run(
					result.status,
					result.error,
					result.sha256,
					result.encoding,
					result.format,
					Date.now(),
					importId
				);
		}
	};
}
