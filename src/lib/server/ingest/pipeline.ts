import type { ConversationInput } from '../../domain/conversation';
import { compileBotRules } from './bot-rules';
import { detectFormat, UnknownFormatError } from './detect';
import { openInput, type OpenedInput } from './input';
import { normalizeConversation } from './normalize';
import {
	addCounts,
	emptyCounts,
	type BatchCounts,
	type ImportStore,
	type StagedConversation,
	type StagedReject
} from './store';
import type { Adapter, ColumnMapping } from './types';

/**
 * detect → adapter → normalise → stage → upsert, one batch per transaction. Storage is a
 * parameter; so are the adapters, so tests can run the pipeline on any set of them.
 */

export interface ImportRequest {
	paths: readonly string[];
	/** Adapter name; detection decides when absent. */
	format?: string;
	/** Source name; the adapter's tool name when absent. */
	source?: string;
	mapping?: ColumnMapping;
	/** Zone for zone-less timestamps. */
	timeZone: string;
	/** Conversations per transaction. */
	batchSize?: number;
	onProgress?: (progress: ImportProgress) => void;
	/**
	 * Applied to every conversation after normalisation and before staging: the one place
	 * the stored form may differ from the canonical one (privacy/minimize.ts).
	 */
	transform?: (conversation: ConversationInput) => ConversationInput;
	/** Applied to what is kept of a rejected record: its raw text and its reason. */
	transformText?: (text: string) => string;
	/**
	 * The names to report and detect by, for files stored under another name (an upload in
	 * a temporary file): the path itself is never derived from a user's file name.
	 */
	fileNames?: ReadonlyMap<string, string>;
	/** Runs after each file's records are stored: derivations that depend on them. */
	afterFile?: (importId: number) => void;
	signal?: AbortSignal;
}

export interface ImportProgress {
	fileName: string;
	fileIndex: number;
	fileCount: number;
	bytesRead: number;
	sizeBytes: number;
	records: number;
	startedAt: number;
}

export interface FileReport {
	fileName: string;
	path: string;
	importId: number | null;
	format: string | null;
	detection: string | null;
	encoding: string | null;
	sizeBytes: number;
	status: 'done' | 'failed';
	error: string | null;
	counts: BatchCounts;
	warnings: string[];
	firstRejects: Array<{ locator: string; reason: string }>;
	seconds: number;
}

const FIRST_REJECTS = 10;

/** Files read together as one export (warehouse tables), the rest one by one. */
function planUnits(paths: readonly string[], adapters: readonly Adapter[], format?: string) {
	const remaining = [...paths];
	const units: Array<{ main: string; companions: string[]; adapter?: Adapter }> = [];
	for (const adapter of adapters) {
		if (!adapter.claimGroup || (format && adapter.name !== format)) continue;
		for (const group of adapter.claimGroup(remaining)) {
			const [main, ...companions] = group;
			if (main === undefined) continue;
			units.push({ main, companions, adapter });
			for (const path of group) remaining.splice(remaining.indexOf(path), 1);
		}
	}
	for (const path of remaining) units.push({ main: path, companions: [] });
	return units;
}

export async function runImport(
	store: ImportStore,
	adapters: readonly Adapter[],
	request: ImportRequest
): Promise<FileReport[]> {
	const reports: FileReport[] = [];
	const bots = compileBotRules(store.botRules());
	const batchSize = request.batchSize ?? 1000;
	const units = planUnits(request.paths, adapters, request.format);
	const nameOf = (path: string) =>
		request.fileNames?.get(path) ?? path.split(/[\\/]/).pop() ?? path;
	const keepText = request.transformText ?? ((text: string) => text);

	for (const [fileIndex, unit] of units.entries()) {
		const started = Date.now();
		const report: FileReport = {
			fileName: nameOf(unit.main),
			path: unit.main,
			importId: null,
			format: null,
			detection: null,
			encoding: null,
			sizeBytes: 0,
			status: 'done',
			error: null,
			counts: emptyCounts(),
			warnings: [],
			firstRejects: [],
			seconds: 0
		};
		reports.push(report);
		let input: OpenedInput;
		let companions: OpenedInput[];
		let adapter: Adapter;
		try {
			input = await openInput(unit.main, nameOf(unit.main));
			companions = await Promise.all(unit.companions.map((path) => openInput(path, nameOf(path))));
			report.sizeBytes = input.sizeBytes + companions.reduce((sum, c) => sum + c.sizeBytes, 0);
			report.encoding = input.encoding;
			if (unit.adapter) {
				adapter = unit.adapter;
				report.detection = `read together with ${unit.companions.length} companion file(s)`;
			} else {
				const detected = detectFormat(adapters, input, request.format);
				adapter = detected.adapter;
				report.detection = detected.reason;
			}
			report.format = adapter.name;
		} catch (error) {
			report.status = 'failed';
			report.error =
				error instanceof UnknownFormatError
					? error.message
					: `${report.fileName}: ${(error as Error).message}`;
			report.seconds = (Date.now() - started) / 1000;
			continue;
		}

		const tool = adapter.tool;
		const sourceId = store.ensureSource(request.source ?? tool, tool);
		const importId = store.beginImport({
			sourceId,
			fileName: [report.fileName, ...unit.companions.map(nameOf)].join(' + '),
			format: adapter.name,
			sizeBytes: report.sizeBytes,
			startedAt: started,
			options: {
				format: request.format ?? null,
				timeZone: request.timeZone,
				mapping: request.mapping ?? null
			}
		});
		report.importId = importId;

		let staged: StagedConversation[] = [];
		let rejects: StagedReject[] = [];
		let records = 0;
		const noteReject = (original: StagedReject) => {
			const reject = {
				...original,
				reason: keepText(original.reason),
				raw: keepText(original.raw)
			};
			rejects.push(reject);
			if (report.firstRejects.length < FIRST_REJECTS) {
				report.firstRejects.push({ locator: reject.locator, reason: reject.reason });
			}
		};
		const flush = () => {
			if (staged.length === 0 && rejects.length === 0) return;
			addCounts(report.counts, store.writeBatch(importId, sourceId, staged, rejects));
			staged = [];
			rejects = [];
			request.onProgress?.({
				fileName: report.fileName,
				fileIndex,
				fileCount: units.length,
				bytesRead: input.bytesRead,
				sizeBytes: input.sizeBytes,
				records,
				startedAt: started
			});
		};

		try {
			const context = {
				fileName: report.fileName,
				timeZone: request.mapping?.timeZone ?? request.timeZone,
				mapping: request.mapping,
				companions,
				warn: (message: string) => report.warnings.push(message)
			};
			for await (const item of adapter.read(input, context)) {
				request.signal?.throwIfAborted();
				records += item.records;
				if (item.kind === 'reject') {
					noteReject({
						locator: item.locator,
						reason: item.reason,
						raw: item.raw,
						records: item.records
					});
				} else {
					const result = normalizeConversation(item.draft, {
						tool,
						timeZone: context.timeZone,
						dateOrder: item.dateOrder ?? request.mapping?.dateOrder,
						bots
					});
					if (result.ok) {
						staged.push({
							conversation: request.transform
								? request.transform(result.conversation)
								: result.conversation,
							records: item.records,
							locator: item.locator,
							raw: () => keepText(item.raw())
						});
					} else
						noteReject({
							locator: item.locator,
							reason: result.reason,
							raw: item.raw(),
							records: item.records
						});
				}
				if (staged.length + rejects.length >= batchSize) flush();
			}
			flush();
			request.afterFile?.(importId);
		} catch (error) {
			flush();
			report.status = 'failed';
			report.error = `${report.fileName}: ${(error as Error).message}`;
		}
		report.encoding = input.encoding;
		store.finishImport(importId, {
			status: report.status,
			error: report.error,
			sha256: report.status === 'done' ? input.sha256() : null,
			encoding: input.encoding,
			format: adapter.name
		});
		report.seconds = (Date.now() - started) / 1000;
	}
	return reports;
}
