import type { Statement } from 'better-sqlite3';
import type { AuthorRole, Message } from '../../../domain/conversation';
import { deriveHandler } from '../../../domain/handler';
import type { BotRule } from '../../ingest/bot-rules';
import {
	fieldsOf,
	fillGaps,
	isNewerRecord,
	mergeFields,
	messageKeys,
	sameFields
} from '../../ingest/fingerprint';
import {
	emptyCounts,
	type BatchCounts,
	type BegunImport,
	type ImportMeta,
	type ImportStore,
	type StagedConversation,
	type StagedReject
} from '../../ingest/store';
import type { DbHandle } from '../client';
import { listBotRules } from './bot-rules';
import { createCustomerResolver } from './customer-resolver';
import { createScoreWriter, type ScoreFields } from './score-writer';
import { ensureSource } from './sources';
import { FIELD_COLUMNS, fieldValues, storedFields, type StoredRow } from './stored-fields';

const RAW_LIMIT = 4096;
/** The revision a conversation is stored with (schema/conversations.ts). */
const FIRST_REVISION = 1;
// Several rows per statement: one native call per conversation instead of one per message.
const MESSAGE_ROWS_PER_INSERT = 16;

/**
 * The scores a conversation stored for the first time is written with, inside the batch that
 * stores it: its incoming record is its whole state, so there is nothing to read back. The
 * import's enricher computes them while reading (derive/score.ts `importEnricher`); merged
 * conversations are left to the derivation step, which reads their merged state.
 */
export interface EnrichedScores {
	/** Per message of the input, in its order. */
	sentiments: Array<number | null>;
	row: ScoreFields;
}

export interface ImportStoreOptions {
	/** Write the enricher's scores beside new conversations (derivation on). */
	writeScores?: boolean;
	/**
	 * The retention period's first kept instant and its week (privacy/retention.ts): a
	 * conversation that started before is rejected, not stored for the next sweep to delete.
	 */
	keepFrom?: { instant: number; week: string } | null;
}

function enrichedScores(value: unknown): EnrichedScores | null {
	if (typeof value !== 'object' || value === null) return null;
	const candidate = value as Partial<EnrichedScores>;
	return Array.isArray(candidate.sentiments) &&
		typeof candidate.row === 'object' &&
		candidate.row !== null
		? (candidate as EnrichedScores)
		: null;
}

/** The SQLite implementation of the import pipeline's storage: prepared statements only. */
export function createImportStore(handle: DbHandle, options: ImportStoreOptions = {}): ImportStore {
	const { sqlite } = handle;
	const scoreWriter = options.writeScores ? createScoreWriter(sqlite) : null;
	const findConversation = sqlite.prepare<[number, string], StoredRow>(
		`SELECT id, ${FIELD_COLUMNS.join(', ')}, source_hash, source_updated_at FROM conversations WHERE source_id = ? AND external_id = ?`
	);
	const insertConversation = sqlite.prepare(
		`INSERT INTO conversations (source_id, external_id, customer_id, ${FIELD_COLUMNS.join(', ')}, handler, message_count, source_hash, source_updated_at)
		 VALUES (${Array.from({ length: FIELD_COLUMNS.length + 7 }, () => '?').join(', ')})`
	);
	const updateConversation = sqlite.prepare(
		`UPDATE conversations SET customer_id = ?, ${FIELD_COLUMNS.map((c) => `${c} = ?`).join(', ')},
		   handler = ?, message_count = ?, source_hash = ?, source_updated_at = ?, revision = revision + 1 WHERE id = ?`
	);
	// A newer record that changes nothing still moves the mark an older one is measured by.
	const markUpdatedAt = sqlite.prepare(
		'UPDATE conversations SET source_updated_at = ? WHERE id = ?'
	);
	const upsertMessage = sqlite.prepare(
		`INSERT INTO messages (conversation_id, key, role, role_origin, author_id, author_name, created_at, body, is_public)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		 ON CONFLICT (conversation_id, key) DO UPDATE SET role = excluded.role, role_origin = excluded.role_origin,
		   author_id = COALESCE(excluded.author_id, messages.author_id),
		   author_name = COALESCE(excluded.author_name, messages.author_name),
		   created_at = excluded.created_at, body = excluded.body, is_public = excluded.is_public, sentiment = NULL
		 WHERE messages.body IS NOT excluded.body OR messages.role IS NOT excluded.role
		   OR messages.role_origin IS NOT excluded.role_origin
		   OR (excluded.author_id IS NOT NULL AND messages.author_id IS NOT excluded.author_id)
		   OR (excluded.author_name IS NOT NULL AND messages.author_name IS NOT excluded.author_name)
		   OR messages.created_at IS NOT excluded.created_at OR messages.is_public IS NOT excluded.is_public`
	);
	// An older export's messages are added when new, never written over the newer ones.
	const addMessageIfNew = sqlite.prepare(
		`INSERT INTO messages (conversation_id, key, role, role_origin, author_id, author_name, created_at, body, is_public)
		 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (conversation_id, key) DO NOTHING`
	);
	const insertMessagesStatements = new Map<number, Statement>();
	const messageRoles = sqlite.prepare<[number], { role: AuthorRole; is_public: number }>(
		'SELECT role, is_public FROM messages WHERE conversation_id = ? ORDER BY created_at, id'
	);
	const resolveCustomer = createCustomerResolver(sqlite);
	const markChanged = sqlite.prepare(
		'INSERT OR IGNORE INTO conversation_changes (conversation_id) VALUES (?)'
	);
	// Conversations whose text the search index must (re)read: the drain indexes them in
	// large chunks, several times cheaper than a document per conversation in each batch.
	const queueText = sqlite.prepare(
		`INSERT INTO search_pending (conversation_id, replace) VALUES (?, ?)
		 ON CONFLICT (conversation_id) DO UPDATE SET replace = MAX(replace, excluded.replace)`
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
		   messages_imported = messages_imported + @messagesImported,
		   bytes_read = COALESCE(@bytesRead, bytes_read)
		 WHERE id = @id`
	);

	const insertImport = sqlite.prepare(
		`INSERT INTO imports (source_id, file_name, format, size_bytes, started_at, status, options, pid, job)
		 VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?)`
	);
	const beginImport = sqlite.transaction((meta: ImportMeta): BegunImport => {
		const { id: sourceId, created: createdSource } = ensureSource(
			handle,
			meta.source.name,
			meta.source.tool
		);
		const importId = Number(
			insertImport.run(
				sourceId,
				meta.fileName,
				meta.format,
				meta.sizeBytes,
				meta.startedAt,
				JSON.stringify(meta.options),
				process.pid,
				meta.job
			).lastInsertRowid
		);
		return { importId, sourceId, createdSource };
	});
	// The import keeps the source's name in its options: the history still says what it was for.
	const detachImport = sqlite.prepare(
		`UPDATE imports SET source_id = NULL,
		   options = json_set(COALESCE(options, '{}'), '$.source', (SELECT name FROM sources WHERE id = ?))
		 WHERE id = ?`
	);
	const holdsAnything = sqlite.prepare<[number, number, number], { held: number }>(
		`SELECT EXISTS (SELECT 1 FROM conversations WHERE source_id = ?)
		     OR EXISTS (SELECT 1 FROM imports WHERE source_id = ? AND id <> ?) AS held`
	);
	const deleteSource = sqlite.prepare('DELETE FROM sources WHERE id = ?');
	const discardEmptySource = sqlite.transaction((importId: number, sourceId: number): boolean => {
		if (holdsAnything.get(sourceId, sourceId, importId)!.held) return false;
		detachImport.run(sourceId, importId);
		deleteSource.run(sourceId);
		return true;
	});

	function insertMessages(
		conversationId: number,
		messages: readonly Message[],
		keys: readonly string[],
		sentiments: ReadonlyArray<number | null> | undefined
	): void {
		for (let start = 0; start < messages.length; start += MESSAGE_ROWS_PER_INSERT) {
			const count = Math.min(MESSAGE_ROWS_PER_INSERT, messages.length - start);
			let statement = insertMessagesStatements.get(count);
			if (!statement) {
				statement = sqlite.prepare(
					`INSERT INTO messages (conversation_id, key, role, role_origin, author_id, author_name, created_at, body, is_public, sentiment)
					 VALUES ${Array.from({ length: count }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`
				);
				insertMessagesStatements.set(count, statement);
			}
			const values: unknown[] = [];
			for (let i = start; i < start + count; i++) {
				const m = messages[i] as Message;
				values.push(
					conversationId,
					keys[i],
					m.role,
					m.roleOrigin,
					m.authorId,
					m.authorName,
					m.at,
					m.text,
					m.isPublic ? 1 : 0,
					sentiments?.[i] ?? null
				);
			}
			statement.run(values);
		}
	}

	// Rejects decided here rather than while reading, reported back with the batch, and the
	// updates of conversations not stored yet that the caller asked to have back.
	let rejectedHere: Array<{ locator: string; reason: string }> = [];
	let heldHere: StagedConversation[] = [];
	let holdUnmatched = false;

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
		counts.recordsRead += staged.records;
		const { conversation, fingerprint } = staged;
		const keepFrom = options.keepFrom;
		// A partial record's times say when the update was made (0 without messages): the
		// conversation it updates is the one the retention period applies to.
		if (keepFrom && !conversation.partial && conversation.startedAt < keepFrom.instant) {
			// One wording for the whole import, so that the report counts them as one cause.
			const reason = `started before the retention period: conversations are kept from ${keepFrom.week} on (Admin → System settings), and the record is not kept`;
			rejectedHere.push({ locator: staged.locator, reason });
			rejectInBatch(
				importId,
				{ locator: staged.locator, records: staged.records, raw: '', reason },
				counts
			);
			return;
		}
		const existing = findConversation.get(sourceId, conversation.externalId);
		if (existing?.source_hash === fingerprint) {
			counts.recordsDuplicate += staged.records;
			return;
		}
		if (!existing && conversation.partial && holdUnmatched) {
			counts.recordsRead -= staged.records;
			heldHere.push(staged);
			return;
		}
		if (!existing && conversation.partial) {
			const reason = `updates conversation ${conversation.externalId}, which has not been imported: import the file that holds it, then this one again`;
			rejectedHere.push({ locator: staged.locator, reason });
			rejectInBatch(
				importId,
				{ locator: staged.locator, records: staged.records, raw: staged.raw, reason },
				counts
			);
			return;
		}
		const keys = messageKeys(conversation.messages);
		const incoming = fieldsOf(conversation);

		if (!existing) {
			const scored = scoreWriter ? enrichedScores(staged.enriched) : null;
			const customerId = resolveCustomer(incoming.identities, conversation.customerName);
			const id = Number(
				insertConversation.run(
					sourceId,
					conversation.externalId,
					customerId,
					...fieldValues(incoming),
					deriveHandler(conversation.messages),
					conversation.messages.length,
					fingerprint,
					conversation.updatedAt
				).lastInsertRowid
			);
			insertMessages(id, conversation.messages, keys, scored?.sentiments);
			queueText.run(id, 0);
			if (scored && scoreWriter) scoreWriter.write(id, FIRST_REVISION, sourceId, scored.row);
			markChanged.run(id);
			counts.conversationsCreated++;
			counts.messagesImported += conversation.messages.length;
			counts.recordsImported += staged.records;
			return;
		}

		// Another export of a stored conversation: merge, then see whether anything moved.
		const newer = isNewerRecord(conversation.updatedAt, existing.source_updated_at);
		const writeMessage = newer ? upsertMessage : addMessageIfNew;
		const updatedAt =
			conversation.updatedAt === null || existing.source_updated_at === null
				? (conversation.updatedAt ?? existing.source_updated_at)
				: Math.max(conversation.updatedAt, existing.source_updated_at);
		let messagesChanged = 0;
		conversation.messages.forEach((m, i) => {
			messagesChanged += writeMessage.run(
				existing.id,
				keys[i],
				m.role,
				m.roleOrigin,
				m.authorId,
				m.authorName,
				m.at,
				m.text,
				m.isPublic ? 1 : 0
			).changes;
		});
		const stored = storedFields(existing);
		const merged = newer
			? mergeFields(stored, incoming, conversation.partial)
			: fillGaps(stored, incoming);
		if (messagesChanged === 0 && sameFields(stored, merged)) {
			if (updatedAt !== existing.source_updated_at) markUpdatedAt.run(updatedAt, existing.id);
			counts.recordsDuplicate += staged.records;
			return;
		}
		if (messagesChanged > 0) queueText.run(existing.id, 1);
		const roles = messageRoles
			.all(existing.id)
			.map((m) => ({ role: m.role, isPublic: m.is_public === 1 }));
		updateConversation.run(
			resolveCustomer(merged.identities, merged.customerName),
			...fieldValues(merged),
			deriveHandler(roles),
			roles.length,
			fingerprint,
			updatedAt,
			existing.id
		);
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
			rejects: readonly StagedReject[],
			bytesRead: number | null,
			hold: boolean
		) => {
			const counts = emptyCounts();
			rejectedHere = [];
			heldHere = [];
			holdUnmatched = hold;
			for (const item of staged) writeOne(importId, sourceId, item, counts);
			for (const reject of rejects) {
				counts.recordsRead += reject.records;
				rejectInBatch(importId, reject, counts);
			}
			bumpImport.run({ id: importId, ...counts, bytesRead });
			return { counts, rejected: rejectedHere, held: heldHere };
		}
	);

	return {
		botRules: (): BotRule[] => listBotRules(handle),
		// One transaction: a failed import beside this one that discards the source it created
		// cannot remove it between this import finding it and recording itself under it.
		beginImport: (meta: ImportMeta) => beginImport.immediate(meta),
		writeBatch: (importId, sourceId, staged, rejects, bytesRead, options) =>
			writeBatch.immediate(
				importId,
				sourceId,
				staged,
				rejects,
				bytesRead,
				options?.holdUnmatched ?? false
			),
		discardEmptySource: (importId, sourceId) => discardEmptySource.immediate(importId, sourceId),
		finishImport(importId, result) {
			sqlite
				.prepare(
					`UPDATE imports SET status = ?, error = ?, sha256 = ?, encoding = ?, format = COALESCE(?, format), finished_at = ?,
					   bytes_read = CASE WHEN status = 'done' THEN size_bytes ELSE bytes_read END
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
