import { detectFormat, FileRefusal, refuseEmpty } from './detect';
import { fileProblem, openInput, type OpenedInput } from './input';
import { readUnitInWorker } from './parallel';
import { readUnit, type Enricher, type UnitToRead } from './read-unit';
import {
	addCounts,
	emptyCounts,
	type BatchCounts,
	type ImportStore,
	type StagedConversation
} from './store';
import type { Adapter, Audience, ColumnMapping } from './types';
import { count } from '../../plural';

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
	/** Mappings of single files (by path), in place of `mapping` for those files. */
	mappings?: ReadonlyMap<string, ColumnMapping>;
	/** Zone for zone-less timestamps. */
	timeZone: string;
	/** Conversations per transaction. */
	batchSize?: number;
	/**
	 * Read in a worker thread while this thread writes (two cores busy). The worker loads
	 * the TypeScript sources through tsx, so this is for the CLI and tests, not the bundled
	 * server, which runs imports as a CLI child process instead.
	 */
	parallel?: boolean;
	onProgress?: (progress: ImportProgress) => void;
	/** Runs after each file's records are stored: derivations that depend on them. */
	afterFile?: (importId: number) => void;
	signal?: AbortSignal;
	/** The background job these imports belong to (recorded on each import). */
	job?: string;
	/** Who reads the errors: the command line's words when absent. */
	audience?: Audience;
	/** Names to report for paths that are temporary files (a web upload). */
	fileNames?: ReadonlyMap<string, string>;
	/**
	 * The installation's identity key when personal data is minimised at import
	 * (privacy/minimize.ts), hex-encoded so that a worker thread can be given it too.
	 */
	identityKeyHex?: string | null;
	/**
	 * Enrichment of each conversation as it is read (the derivation's scores, written by
	 * storage beside new conversations): plain configuration, and the factory that builds
	 * the enricher from it — in this thread, or in the reader's worker thread.
	 */
	enrich?: { config: unknown; create: (config: unknown) => Enricher };
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
	/** A few words for a file that failed before its import began (a history row). */
	summary: string | null;
	counts: BatchCounts;
	warnings: string[];
	firstRejects: Array<{ locator: string; reason: string }>;
	seconds: number;
}

function blankReport(path: string, fileName: string): FileReport {
	return {
		fileName,
		path,
		importId: null,
		format: null,
		detection: null,
		encoding: null,
		sizeBytes: 0,
		status: 'done',
		error: null,
		summary: null,
		counts: emptyCounts(),
		warnings: [],
		firstRejects: [],
		seconds: 0
	};
}

/** The report of a path that gave no file to read (missing, or a folder with no files). */
export function unreadableReport(
	path: string,
	fileName: string,
	problem: { error: string; summary: string }
): FileReport {
	return { ...blankReport(path, fileName), status: 'failed', ...problem };
}

const FIRST_REJECTS = 10;
const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;

/**
 * Files read together as one export (warehouse tables), the rest one by one. The adapters
 * tell tables apart by the names the files go by (`fileNames` for uploads), not their paths.
 */
export function planUnits(
	paths: readonly string[],
	adapters: readonly Adapter[],
	format?: string,
	fileNames?: ReadonlyMap<string, string>
) {
	const remaining = [...paths];
	const units: Array<{ main: string; companions: string[]; adapter?: Adapter }> = [];
	for (const adapter of adapters) {
		if (!adapter.claimGroup || (format && adapter.name !== format)) continue;
		const files = remaining.map((path) => ({ path, name: fileNames?.get(path) ?? path }));
		for (const group of adapter.claimGroup(files)) {
			const [main, ...companions] = group;
			if (main === undefined) continue;
			units.push({ main, companions, adapter });
			for (const path of group) {
				const index = remaining.indexOf(path);
				if (index >= 0) remaining.splice(index, 1);
			}
		}
	}
	for (const path of remaining) units.push({ main: path, companions: [] });
	return units;
}

/**
 * Updates of conversations not stored yet (a ratings file read before the tickets it rates)
 * wait for the files after theirs in the same import, up to this many records: beyond, they
 * are rejected at once, as they are when no file follows.
 */
const HELD_RECORDS_LIMIT = 10_000;

interface HeldUpdates {
	report: FileReport;
	importId: number;
	sourceId: number;
	staged: StagedConversation[];
}

function noteRejects(
	report: FileReport,
	rejects: ReadonlyArray<{ locator: string; reason: string }>
) {
	for (const reject of rejects) {
		if (report.firstRejects.length >= FIRST_REJECTS) break;
		report.firstRejects.push({ locator: reject.locator, reason: reject.reason });
	}
}

/** Writes held updates for good: those whose conversation is still not stored are rejected. */
function writeHeld(store: ImportStore, held: HeldUpdates): boolean {
	const written = store.writeBatch(held.importId, held.sourceId, held.staged, [], null);
	addCounts(held.report.counts, written.counts);
	noteRejects(held.report, written.rejected);
	return written.counts.recordsImported > 0;
}

export async function runImport(
	store: ImportStore,
	adapters: readonly Adapter[],
	request: ImportRequest
): Promise<FileReport[]> {
	const reports: FileReport[] = [];
	const botRules = store.botRules();
	const batchSize = request.batchSize ?? 1000;
	const enricher = request.enrich ? request.enrich.create(request.enrich.config) : undefined;
	const units = planUnits(request.paths, adapters, request.format, request.fileNames);
	const nameOf = (path: string) =>
		request.fileNames?.get(path) ?? path.split(/[\\/]/).pop() ?? path;
	const heldUpdates: HeldUpdates[] = [];
	let heldRecords = 0;

	for (const [fileIndex, unit] of units.entries()) {
		const started = Date.now();
		const report = blankReport(unit.main, nameOf(unit.main));
		const mapping = request.mappings?.get(unit.main) ?? request.mapping;
		reports.push(report);
		let input: OpenedInput | undefined;
		let companions: OpenedInput[] = [];
		let adapter: Adapter;
		try {
			input = await openInput(unit.main, nameOf(unit.main));
			companions = await Promise.all(unit.companions.map((path) => openInput(path, nameOf(path))));
			report.sizeBytes = input.sizeBytes + companions.reduce((sum, c) => sum + c.sizeBytes, 0);
			report.encoding = input.encoding;
			refuseEmpty(input);
			if (unit.adapter) {
				adapter = unit.adapter;
				report.detection = `read together with ${count(unit.companions.length, 'companion file')}`;
			} else {
				const detected = detectFormat(
					adapters,
					{ fileName: input.fileName, sample: input.sample, mapping },
					request.format,
					request.audience
				);
				adapter = detected.adapter;
				report.detection = detected.reason;
			}
			report.format = adapter.name;
		} catch (error) {
			report.status = 'failed';
			const refused = error instanceof FileRefusal;
			report.error = refused ? error.message : `${report.fileName}: ${fileProblem(error)}`;
			report.summary = refused ? error.summary : 'The file could not be read';
			report.seconds = (Date.now() - started) / 1000;
			for (const opened of [input, ...companions]) opened?.close();
			continue;
		}

		const tool = adapter.tool;
		const { importId, sourceId, createdSource } = store.beginImport({
			source: { name: request.source ?? tool, tool },
			fileName: [report.fileName, ...unit.companions.map(nameOf)].join(' + '),
			format: adapter.name,
			sizeBytes: report.sizeBytes,
			startedAt: started,
			job: request.job ?? null,
			options: {
				format: request.format ?? null,
				timeZone: request.timeZone,
				mapping: mapping ?? null
			}
		});
		report.importId = importId;

		const toRead: UnitToRead = {
			path: unit.main,
			companions: unit.companions,
			companionNames: unit.companions.map(nameOf),
			adapterName: adapter.name,
			tool,
			fileName: report.fileName,
			timeZone: mapping?.timeZone ?? request.timeZone,
			mapping,
			audience: request.audience,
			botRules,
			batchSize,
			identityKeyHex: request.identityKeyHex ?? null,
			enrichWith: request.enrich?.config ?? null
		};
		// A worker thread takes about a second to start; below a few megabytes it costs more than it saves.
		const parallel = request.parallel === true && report.sizeBytes >= PARALLEL_MIN_BYTES;
		if (parallel) for (const opened of [input, ...companions]) opened.close();
		const reader = parallel
			? readUnitInWorker(toRead)
			: readUnit(toRead, adapters, { input, companions }, enricher);
		let sha256: string | null = null;
		const heldOfFile: StagedConversation[] = [];
		try {
			for (;;) {
				request.signal?.throwIfAborted();
				const next = await reader.next();
				if (next.done) {
					report.encoding = next.value.encoding;
					report.warnings.push(...next.value.warnings);
					sha256 = next.value.sha256;
					break;
				}
				const batch = next.value;
				// The reader thread leaves enrichment to this one when it was waiting (worker/reader.ts).
				if (enricher)
					for (const staged of batch.staged) staged.enriched ??= enricher(staged.conversation);
				const written = store.writeBatch(
					importId,
					sourceId,
					batch.staged,
					batch.rejects,
					batch.bytesRead,
					{ holdUnmatched: fileIndex < units.length - 1 && heldRecords < HELD_RECORDS_LIMIT }
				);
				addCounts(report.counts, written.counts);
				if (written.held.length) {
					heldOfFile.push(...written.held);
					heldRecords += written.held.length;
				}
				// Rejects from reading, then those storage made (an update for a conversation not stored).
				noteRejects(report, [...batch.rejects, ...written.rejected]);
				request.onProgress?.({
					fileName: report.fileName,
					fileIndex,
					fileCount: units.length,
					bytesRead: batch.bytesRead,
					sizeBytes: input.sizeBytes,
					records: batch.records,
					startedAt: started
				});
			}
			request.afterFile?.(importId);
		} catch (error) {
			report.status = 'failed';
			report.error = `${report.fileName}: ${(error as Error).message}`;
			await reader.return?.(undefined as never);
		} finally {
			for (const opened of [input, ...companions]) opened.close();
		}
		if (heldOfFile.length) {
			const held = { report, importId, sourceId, staged: heldOfFile };
			// A failed file's updates are settled now, before its source may be discarded.
			if (report.status === 'failed') writeHeld(store, held);
			else heldUpdates.push(held);
		}
		store.finishImport(importId, {
			status: report.status,
			error: report.error,
			sha256: report.status === 'done' ? sha256 : null,
			encoding: report.encoding,
			format: adapter.name
		});
		if (report.status === 'failed' && createdSource) store.discardEmptySource(importId, sourceId);
		report.seconds = (Date.now() - started) / 1000;
	}
	for (const held of heldUpdates) if (writeHeld(store, held)) request.afterFile?.(held.importId);
	return reports;
}
