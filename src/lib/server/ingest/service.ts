import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DbHandle } from '../db/client';
import { createImportStore } from '../db/repos/import-store';
import { getSetting } from '../db/repos/settings';
import { identityKey } from '../privacy/key';
import { currentRetentionCutoff } from '../privacy/retention';
import { currentConfig } from '../derive/config';
import { drainChanges } from '../derive/drain';
import { importEnricher } from '../derive/score';
import { ADAPTERS } from './adapters';
import { findAdapter } from './detect';
import { fileProblem } from './input';
import { runImport, unreadableReport, type FileReport, type ImportProgress } from './pipeline';
import type { Audience, ColumnMapping } from './types';

export interface ImportOptions {
	format?: string;
	source?: string;
	mapping?: ColumnMapping;
	/** Mappings of single files (by path), in place of `mapping` for those files. */
	mappings?: ReadonlyMap<string, ColumnMapping>;
	onProgress?: (progress: ImportProgress) => void;
	signal?: AbortSignal;
	/** Read in a worker thread (CLI, tests); see ImportRequest.parallel. */
	parallel?: boolean;
	/** The background job these imports belong to. */
	job?: string;
	/** Who reads the errors (ImportRequest.audience). */
	audience?: Audience;
	/** Names to report for paths that are temporary files (a web upload). */
	fileNames?: ReadonlyMap<string, string>;
	/**
	 * Score, link repeat contacts and refresh the weekly rollups as part of the import
	 * (default). Off leaves the work queued for the next import or start (benchmarks).
	 */
	derive?: boolean;
}

/** The page cache of an import's connection, as SQLite's negative KiB. */
const IMPORT_CACHE_KIB = -16384;
/**
 * Pages the write-ahead log of an import's connection grows to before it is copied into the
 * database (SQLite's default is 1,000, 4 MB). An import's batches rewrite the same index
 * pages again and again; copied back less often, each is written back once for several
 * batches. bench:import, alternating runs: NDJSON 18.9 → 17.7 s, CSV 26.5 → 25.5 s, with
 * 4,000 pages about as fast as 10,000 and 20,000.
 */
const IMPORT_WAL_PAGES = 10_000;
/**
 * How long an import waits for another writer (an import beside it, the server) to finish
 * its transaction: theirs last a batch or a derivation chunk, up to seconds on a busy
 * machine; an import that gave up after the server's 5 s would fail half-way for nothing.
 */
const IMPORT_BUSY_TIMEOUT_MS = 120_000;

/** A path named for import that gives no file to read, and why (its report's error). */
export interface PathProblem {
	path: string;
	error: string;
	/** A few words for the import history's row. */
	summary: string;
}

const CANNOT_READ = 'The file could not be read';

/** Exports often ship with a README or notes; a folder means its data files. */
function skippedInFolder(name: string): boolean {
	return name.startsWith('.') || /\.(md|markdown|pdf|html?)$/i.test(name);
}

/**
 * Files named on the command line, with folders expanded to the files inside them (sorted),
 * and the paths that give none: a missing one, or a folder with no file to import, is that
 * path's failure, and the other paths are imported all the same.
 */
export function expandPaths(paths: readonly string[]): {
	files: string[];
	problems: PathProblem[];
} {
	const files: string[] = [];
	const problems: PathProblem[] = [];
	const visit = (path: string, named: boolean) => {
		let stat;
		try {
			stat = statSync(path);
		} catch (error) {
			problems.push({ path, error: `${path}: ${fileProblem(error)}`, summary: CANNOT_READ });
			return;
		}
		if (!stat.isDirectory()) {
			// Inside a folder only plain files are data; a path named outright is read as given.
			if (named || stat.isFile()) files.push(path);
			return;
		}
		const found = files.length + problems.length;
		let names: string[];
		try {
			names = readdirSync(path).sort();
		} catch (error) {
			problems.push({ path, error: `${path}: ${fileProblem(error)}`, summary: CANNOT_READ });
			return;
		}
		for (const name of names) if (!skippedInFolder(name)) visit(join(path, name), false);
		if (named && files.length + problems.length === found) {
			const skipped = names.some(skippedInFolder)
				? ' (notes, READMEs and hidden files are not imported)'
				: '';
			problems.push({
				path,
				error: `no files found in ${path}${skipped}`,
				summary: 'No files found in the folder'
			});
		}
	};
	for (const path of paths) visit(path, true);
	return { files, problems };
}

/** Imports files into the database: the one entry point for the CLI, the web upload and tests. */
export async function importFiles(
	handle: DbHandle,
	paths: readonly string[],
	options: ImportOptions = {}
): Promise<FileReport[]> {
	const derive = options.derive ?? true;
	// An import touches each page a few times in a row (appends, its own index entries): a
	// page cache a quarter of the server's serves it as well and keeps its memory flat. The
	// sorts of its derivation may be as large as the file: they spill to temporary files.
	const serverCache = handle.sqlite.pragma('cache_size', { simple: true }) as number;
	const serverTempStore = handle.sqlite.pragma('temp_store', { simple: true }) as number;
	const serverBusyTimeout = handle.sqlite.pragma('busy_timeout', { simple: true }) as number;
	const serverWalPages = handle.sqlite.pragma('wal_autocheckpoint', { simple: true }) as number;
	handle.sqlite.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
	handle.sqlite.pragma(`wal_autocheckpoint = ${IMPORT_WAL_PAGES}`);
	handle.sqlite.pragma('temp_store = FILE');
	handle.sqlite.pragma(`busy_timeout = ${IMPORT_BUSY_TIMEOUT_MS}`);
	try {
		return await importAndDerive(handle, paths, options, derive);
	} finally {
		handle.sqlite.pragma(`cache_size = ${serverCache}`);
		handle.sqlite.pragma(`temp_store = ${serverTempStore}`);
		handle.sqlite.pragma(`busy_timeout = ${serverBusyTimeout}`);
		handle.sqlite.pragma(`wal_autocheckpoint = ${serverWalPages}`);
	}
}

async function importAndDerive(
	handle: DbHandle,
	paths: readonly string[],
	options: ImportOptions,
	derive: boolean
): Promise<FileReport[]> {
	// What a killed import left queued is derived first, under the current settings.
	if (derive) drainChanges(handle);
	const keepFrom = currentRetentionCutoff(handle);
	const store = createImportStore(handle, { writeScores: derive, keepFrom });
	const { files, problems } = expandPaths(paths);
	const unreadable = problems.map((problem) =>
		unreadableReport(problem.path, options.fileNames?.get(problem.path) ?? problem.path, problem)
	);
	const reports = await runImport(store, ADAPTERS, {
		paths: files,
		// As the adapter spells it: planUnits matches warehouse table sets by the exact name.
		format: options.format && (findAdapter(ADAPTERS, options.format)?.name ?? options.format),
		source: options.source,
		mapping: options.mapping,
		mappings: options.mappings,
		timeZone: getSetting(handle, 'import.timeZone'),
		onProgress: options.onProgress,
		signal: options.signal,
		parallel: options.parallel,
		job: options.job,
		audience: options.audience,
		fileNames: options.fileNames,
		identityKeyHex: getSetting(handle, 'privacy.minimizeAtImport')
			? identityKey(handle).toString('hex')
			: null,
		afterFile: derive ? () => drainChanges(handle) : undefined,
		enrich: derive ? { config: currentConfig(handle), create: importEnricher } : undefined
	});
	// A file that failed half-way stored batches but got no afterFile: derive them too.
	if (derive) drainChanges(handle);
	return [...unreadable, ...reports];
}
