import type { ConversationInput } from '../../domain/conversation';
import type { ImportCounts } from '../../domain/imports';
import type { BotRule } from './bot-rules';

/**
 * What the import pipeline needs from storage. The pipeline takes it as a parameter, so
 * the same code runs against a test database, and a second dialect only has to provide
 * this interface.
 */

export interface ImportMeta {
	/** The source the records go to: created with the import when it does not exist yet. */
	source: { name: string; tool: string };
	fileName: string;
	format: string | null;
	sizeBytes: number;
	startedAt: number;
	options: Record<string, unknown>;
	/** The background job this import belongs to, if any. */
	job: string | null;
}

export interface StagedConversation {
	conversation: ConversationInput;
	/** Input records this conversation was built from. */
	records: number;
	/** Fingerprint of the source record(s) and the reading options (ingest/fingerprint.ts). */
	fingerprint: string;
	/** Where it came from, and the record itself where storage may still reject it. */
	locator: string;
	raw: string;
	/**
	 * What the import's enricher computed from the record (the derivation's scores), for
	 * storage to write beside a conversation stored for the first time. Opaque to ingest.
	 */
	enriched?: unknown;
}

export interface StagedReject {
	locator: string;
	reason: string;
	raw: string;
	records: number;
}

/** The counts of one batch of records, added into the import's own. */
export type BatchCounts = ImportCounts;

export function emptyCounts(): BatchCounts {
	return {
		recordsRead: 0,
		recordsImported: 0,
		recordsDuplicate: 0,
		recordsRejected: 0,
		conversationsCreated: 0,
		conversationsUpdated: 0,
		messagesImported: 0
	};
}

export function addCounts(into: BatchCounts, more: BatchCounts): void {
	for (const key of Object.keys(into) as Array<keyof BatchCounts>) into[key] += more[key];
}

/** An import begun: its row, its source's, and whether the import created that source. */
export interface BegunImport {
	importId: number;
	sourceId: number;
	createdSource: boolean;
}

export interface WrittenBatch {
	counts: BatchCounts;
	rejected: Array<{ locator: string; reason: string }>;
	held: StagedConversation[];
}

export interface ImportStore {
	botRules(): BotRule[];
	/** Records the import, and its source with it (one transaction: see discardEmptySource). */
	beginImport(meta: ImportMeta): BegunImport;
	/**
	 * Writes one batch in one transaction: the conversations (created, merged into what is
	 * stored, or recognised as unchanged), the rejects, and the import's running counts
	 * (`bytesRead` null leaves the bytes read as they were).
	 *
	 * With `holdUnmatched`, a partial record whose conversation is not stored is handed back
	 * in `held`, neither written nor counted, for the caller to write again once the files
	 * after it in the same import are in (a ratings file read before the tickets it rates).
	 */
	writeBatch(
		importId: number,
		sourceId: number,
		conversations: readonly StagedConversation[],
		rejects: readonly StagedReject[],
		bytesRead: number | null,
		options?: { holdUnmatched?: boolean }
	): WrittenBatch;
	finishImport(
		importId: number,
		result: {
			status: 'done' | 'failed';
			error: string | null;
			sha256: string | null;
			encoding: string | null;
			format: string | null;
		}
	): void;
	/**
	 * After a failed import that created its source: removes the source if it holds no
	 * conversation and no other import, so that a file that could not be read does not add
	 * an empty source to every list. The import's row stays, naming the source it was for.
	 */
	discardEmptySource(importId: number, sourceId: number): boolean;
}
