import { SingleBar } from 'cli-progress';
import { readFileSync } from 'node:fs';
import { openAppDatabase } from '../lib/server/app';
import { audit, cliActor } from '../lib/server/audit';
import { ADAPTERS } from '../lib/server/ingest/adapters';
import { findAdapter, unknownFormatMessage } from '../lib/server/ingest/detect';
import { parseMapping, parseMappings } from '../lib/server/ingest/mapping';
import type { FileReport } from '../lib/server/ingest/pipeline';
import { evaluateAfterImport } from '../lib/server/alerts/service';
import { count } from '../lib/plural';
import { importFiles } from '../lib/server/ingest/service';
import { parseCommandArgs, UsageError } from './args';

export const summary = 'import export files (CSV, JSON, NDJSON, .gz) into the database';
export const usage =
	'parity import <file|folder>... [--format NAME] [--source NAME] [--mapping FILE] [--mappings FILE] [--json] [--name NAME]...';

export const options = [
	'Options:',
	'  --format NAME    read every file as this format (default: recognised from its first',
	'                   bytes); any case: ' +
		ADAPTERS.slice(0, 4)
			.map((adapter) => adapter.name)
			.join(', ') +
		',',
	'                   ' +
		ADAPTERS.slice(4)
			.map((adapter) => adapter.name)
			.join(', '),
	"  --source NAME    the source the conversations go to (default: the format's tool)",
	'  --mapping FILE   a CSV column mapping for every file (docs/formats/csv.md, "Mapping file")',
	'  --mappings FILE  a mapping for each file instead: a JSON object of file path -> mapping',
	'  --name NAME      the name to report each file by, in the order of the files, one per file',
	'                   (what a web upload passes for its temporary files)',
	'  --json           print the report as JSON ({"files": [...]}) instead of text',
	'',
	'Exit code: 0 when every file was imported; 1 when a file could not be read or its import',
	'failed (the others are imported all the same); 2 for a wrong option.'
].join('\n');

function formatRate(records: number, seconds: number): string {
	return seconds > 0 ? `${Math.round(records / seconds).toLocaleString('en')}/s` : '-';
}

/**
 * Each file's report on stdout, and each failure's reason once, on stderr, where the file's
 * report stands: a file whose import never began (missing, empty, not recognised) is that
 * one line alone.
 */
function printReport(reports: FileReport[]): void {
	for (const report of reports) {
		const c = report.counts;
		if (report.importId === null) {
			console.error(report.error);
			continue;
		}
		console.log(`\n${report.fileName}  [${report.format ?? 'unrecognised'}]  ${report.status}`);
		if (report.error) console.error(report.error);
		console.log(`  encoding ${report.encoding}; ${report.detection ?? ''}`);
		console.log(
			`  ${count(c.recordsRead, 'record')} read: imported ${c.recordsImported}, duplicate ${c.recordsDuplicate}, rejected ${c.recordsRejected}`
		);
		console.log(
			`  ${count(c.conversationsCreated, 'conversation')} created, ${c.conversationsUpdated} updated; ${count(c.messagesImported, 'message')} imported` +
				`  (${report.seconds.toFixed(1)} s, ${formatRate(c.recordsRead, report.seconds)})`
		);
		for (const warning of report.warnings) console.log(`  warning: ${warning}`);
		if (report.firstRejects.length) {
			console.log(
				// A reject may stand for several records (a ticket's rows): the count is of records.
				`  first rejects (every rejected record is kept with import #${report.importId}):`
			);
			for (const reject of report.firstRejects)
				console.log(`    ${reject.locator}: ${reject.reason}`);
		}
	}
}

function readMappingFile(path: string): string {
	try {
		return readFileSync(path, 'utf8');
	} catch (error) {
		throw new UsageError(`cannot read mapping file ${path}: ${(error as Error).message}`);
	}
}

export async function run(argv: string[]): Promise<number> {
	const { values, positionals } = parseCommandArgs(argv, {
		format: { type: 'string' },
		source: { type: 'string' },
		mapping: { type: 'string' },
		// File path → mapping, for files that each have their own (a web upload of several).
		mappings: { type: 'string' },
		json: { type: 'boolean', default: false },
		// Not in --help: the server's import jobs (jobs/import-jobs.ts) pass the job they run.
		job: { type: 'string' },
		// The name to report for each file, in order (web uploads are temporary files).
		name: { type: 'string', multiple: true }
	});
	if (positionals.length === 0) throw new UsageError(`no files given. Usage: ${usage}`);
	// Trimmed as the web upload trims it; a blank name would make a source no one can name.
	const source = values.source?.trim();
	if (source === '') throw new UsageError(`--source must name a source, not '${values.source}'`);
	// Checked before any file is opened: a misspelt format is the command's mistake, not each file's.
	let format: string | undefined;
	if (values.format !== undefined) {
		const adapter = findAdapter(ADAPTERS, values.format);
		if (!adapter) throw new UsageError(unknownFormatMessage(ADAPTERS, values.format));
		format = adapter.name;
	}
	const names = values.name ?? [];
	if (names.length && names.length !== positionals.length) {
		throw new UsageError(
			`give one --name per file (${positionals.length} files, ${names.length} names)`
		);
	}
	let mapping;
	if (values.mapping) {
		const parsed = parseMapping(readMappingFile(values.mapping));
		if (!parsed.ok) throw new UsageError(`${values.mapping}: ${parsed.error}`);
		mapping = parsed.mapping;
	}
	let mappings;
	if (values.mappings) {
		const parsed = parseMappings(readMappingFile(values.mappings));
		if (!parsed.ok) throw new UsageError(`${values.mappings}: ${parsed.error}`);
		mappings = parsed.mappings;
	}

	const handle = openAppDatabase();
	const bar =
		process.stdout.isTTY && !values.json
			? new SingleBar({
					format: '{file} |{bar}| {percentage}% | {records} records | {rate} | ETA {eta_formatted}',
					hideCursor: true
				})
			: null;
	let barFile = '';
	try {
		const reports = await importFiles(handle, positionals, {
			format,
			source,
			mapping,
			mappings,
			parallel: true,
			job: values.job,
			// A job's import is a web upload's: its errors are read on the dashboard.
			audience: values.job ? 'web' : 'cli',
			fileNames: names.length
				? new Map(positionals.map((path, i) => [path, names[i] as string]))
				: undefined,
			onProgress: (progress) => {
				if (!bar) return;
				const seconds = (Date.now() - progress.startedAt) / 1000;
				const payload = {
					file: progress.fileName,
					records: progress.records,
					rate: formatRate(progress.records, seconds)
				};
				if (barFile !== progress.fileName) {
					if (barFile) bar.stop();
					bar.start(Math.max(progress.sizeBytes, 1), progress.bytesRead, payload);
					barFile = progress.fileName;
				} else bar.update(Math.min(progress.bytesRead, progress.sizeBytes), payload);
			}
		});
		// New data may show a regression: evaluate the alert rules (queued emails are sent by
		// the server's delivery loop, or written to data/outbox/ without SMTP).
		if (
			reports.some(
				(report) => report.counts.conversationsCreated + report.counts.conversationsUpdated > 0
			)
		) {
			await evaluateAfterImport(handle);
		}
		bar?.stop();
		const actor = cliActor();
		// A background job's starter records who imported (the signed-in user), not this process.
		for (const report of values.job ? [] : reports) {
			if (report.importId === null) continue;
			audit(handle, actor, 'import', `#${report.importId}`, {
				file: report.fileName,
				format: report.format,
				status: report.status,
				...report.counts
			});
		}
		if (values.json) console.log(JSON.stringify({ files: reports }, null, 2));
		else printReport(reports);
		const failed = reports.some((report) => report.status === 'failed');
		return failed ? 1 : 0;
	} finally {
		bar?.stop();
		handle.close();
	}
}
