import type { ConversationInput } from '../../domain/conversation';
import { createMinimizer } from '../privacy/minimize';
import { compileBotRules, type BotRule } from './bot-rules';
import { recordFingerprint } from './fingerprint';
import { openInput, type OpenedInput } from './input';
import { normalizeConversation } from './normalize';
import type { StagedConversation, StagedReject } from './store';
import type { Adapter, Audience, ColumnMapping } from './types';

/**
 * The reading half of an import: a file (with its companions) through its adapter and the
 * shared normaliser into batches ready for storage. It touches no database, so it can run
 * in this thread or in a worker thread (see parallel.ts) while this one writes.
 */

/** Characters of record text after which a batch closes, however few records it holds. */
export const BATCH_TEXT_CHARS = 4 * 1024 * 1024;

export interface UnitToRead {
	path: string;
	companions: readonly string[];
	companionNames: readonly string[];
	adapterName: string;
	tool: string;
	fileName: string;
	timeZone: string;
	mapping?: ColumnMapping;
	audience?: Audience;
	botRules: readonly BotRule[];
	batchSize: number;
	/** Minimise personal data with this identity key (hex); null keeps text as imported. */
	identityKeyHex: string | null;
	/**
	 * Configuration for the enricher the caller wires in (plain data, so that a worker thread
	 * can build the same enricher); null: no enrichment.
	 */
	enrichWith: unknown;
}

/** Computes, from a conversation as it will be stored, what storage writes beside it. */
export type Enricher = (conversation: ConversationInput) => unknown;

export interface StagedBatch {
	staged: StagedConversation[];
	rejects: StagedReject[];
	/** Input records read so far and bytes of the main file read so far. */
	records: number;
	bytesRead: number;
}

export interface UnitOutcome {
	encoding: string;
	sha256: string;
	warnings: string[];
}

/** Reads one unit; batches are yielded, the outcome is returned once the files are read. */
export async function* readUnit(
	unit: UnitToRead,
	adapters: readonly Adapter[],
	opened?: { input: OpenedInput; companions: OpenedInput[] },
	enrich?: Enricher
): AsyncGenerator<StagedBatch, UnitOutcome> {
	const adapter = adapters.find((candidate) => candidate.name === unit.adapterName);
	if (!adapter) throw new Error(`no adapter named ${unit.adapterName}`);
	const input = opened?.input ?? (await openInput(unit.path, unit.fileName));
	const companions =
		opened?.companions ??
		(await Promise.all(unit.companions.map((path, i) => openInput(path, unit.companionNames[i]))));
	// Personal data is minimised here, before anything is staged (privacy/minimize.ts); the
	// raw record and the reason kept with a reject are redacted the same way.
	const minimizer = unit.identityKeyHex
		? createMinimizer(Buffer.from(unit.identityKeyHex, 'hex'))
		: null;
	const keep = minimizer ? minimizer.text : (text: string) => text;
	const bots = compileBotRules(unit.botRules);
	const warnings: string[] = [];
	const context = {
		fileName: unit.fileName,
		timeZone: unit.timeZone,
		mapping: unit.mapping,
		audience: unit.audience,
		companions,
		warn: (message: string) => warnings.push(message)
	};
	// The same record read with other options (zone, mapping) may mean something else.
	const readingOptions = JSON.stringify([
		adapter.name,
		unit.timeZone,
		unit.mapping ?? null,
		minimizer !== null
	]);

	let staged: StagedConversation[] = [];
	let rejects: StagedReject[] = [];
	let records = 0;
	// The text of the records in the batch: a batch closes at BATCH_TEXT_CHARS as well as at
	// batchSize records, so that a thousand long conversations do not make one batch of
	// hundreds of megabytes (the reader thread's heap is capped: parallel.ts).
	let batchChars = 0;
	const take = (): StagedBatch => {
		const batch = { staged, rejects, records, bytesRead: input.bytesRead };
		staged = [];
		rejects = [];
		batchChars = 0;
		return batch;
	};

	for await (const item of adapter.read(input, context)) {
		records += item.records;
		if (item.kind === 'reject') {
			batchChars += item.raw.length;
			rejects.push({
				locator: item.locator,
				reason: keep(item.reason),
				raw: keep(item.raw),
				records: item.records
			});
		} else {
			const dateOrder = item.dateOrder ?? unit.mapping?.dateOrder;
			const result = normalizeConversation(item.draft, {
				tool: unit.tool,
				timeZone: unit.timeZone,
				dateOrder,
				bots
			});
			const raw = item.raw();
			batchChars += raw.length;
			if (result.ok) {
				const conversation = minimizer
					? minimizer.conversation(result.conversation)
					: result.conversation;
				staged.push({
					conversation,
					enriched: enrich?.(conversation),
					records: item.records,
					fingerprint: recordFingerprint(raw, `${readingOptions}|${dateOrder ?? ''}`),
					locator: item.locator,
					// Kept only where storage may still reject it: a partial record whose
					// conversation is not stored yet.
					raw: result.conversation.partial ? keep(raw) : ''
				});
			} else {
				rejects.push({
					locator: item.locator,
					reason: keep(result.reason),
					raw: keep(raw),
					records: item.records
				});
			}
		}
		if (staged.length + rejects.length >= unit.batchSize || batchChars >= BATCH_TEXT_CHARS)
			yield take();
	}
	if (staged.length || rejects.length) yield take();
	for (const opened of [input, ...companions])
		if (opened.truncated)
			warnings.push(
				`${opened.fileName}: the gzip data ends early, so the file looks cut short (an interrupted download or copy?): every record up to the cut was read, whatever came after it is missing. Export it again to import the rest.`
			);
	return { encoding: input.encoding, sha256: input.sha256(), warnings };
}
