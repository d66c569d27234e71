import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DbHandle } from '../db/client';
import { hasAnnotation, insertAnnotation } from '../db/repos/annotations';
import { recordDemoSeed, storedDemoSeeds } from '../db/repos/imports';
import { getSetting } from '../db/repos/settings';
import { sourceIdByName } from '../db/repos/sources';
import { calendarDay } from '../../domain/time';
import type { FileReport } from '../ingest/pipeline';
import { importFiles } from '../ingest/service';
import { defaultDemoConfig, demoSourceNames, weekStart, type DemoConfig } from './config';
import { demoRecords } from './generate';
import { demoTruth, type InjectedEffect } from './truth';

export * from './config';
export * from './truth';
export { demoRecords, type DemoRecord } from './generate';

export interface GeneratedDemo {
	/** Canonical NDJSON lines per source name. */
	sources: Map<string, string[]>;
	truth: InjectedEffect[];
	conversations: number;
	messages: number;
}

/** The whole data set in memory: for tests and small statistical experiments. */
export function generateDemo(config: DemoConfig = defaultDemoConfig()): GeneratedDemo {
	const sources = new Map<string, string[]>(config.sources.map((source) => [source.name, []]));
	let conversations = 0;
	let messages = 0;
	for (const item of demoRecords(config)) {
		sources.get(item.source)?.push(JSON.stringify(item.record));
		conversations++;
		messages += item.messages;
	}
	return { sources, truth: demoTruth(config), conversations, messages };
}

export interface WrittenDemo {
	files: Array<{ source: string; path: string; conversations: number; messages: number }>;
	truth: InjectedEffect[];
	conversations: number;
	messages: number;
}

function fileName(source: string): string {
	return `${source
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')}.ndjson`;
}

/** Streams the data set to one canonical NDJSON file per source (any scale, little memory). */
export async function writeDemo(config: DemoConfig, dir: string): Promise<WrittenDemo> {
	const files = config.sources.map((source) => ({
		source: source.name,
		path: join(dir, fileName(source.name)),
		conversations: 0,
		messages: 0
	}));
	const streams = new Map<string, { stream: WriteStream; file: (typeof files)[number] }>();
	for (const file of files) {
		streams.set(file.source, {
			stream: createWriteStream(file.path, { highWaterMark: 1 << 20 }),
			file
		});
	}
	for (const item of demoRecords(config)) {
		const target = streams.get(item.source);
		if (!target) continue;
		target.file.conversations++;
		target.file.messages += item.messages;
		if (!target.stream.write(JSON.stringify(item.record) + '\n'))
			await once(target.stream, 'drain');
	}
	await Promise.all(
		[...streams.values()].map(
			({ stream }) =>
				new Promise<void>((resolve, reject) =>
					stream.end((error?: Error | null) => (error ? reject(error) : resolve()))
				)
		)
	);
	return {
		files,
		truth: demoTruth(config),
		conversations: files.reduce((sum, file) => sum + file.conversations, 0),
		messages: files.reduce((sum, file) => sum + file.messages, 0)
	};
}

export interface LoadedDemo extends WrittenDemo {
	reports: FileReport[];
	seconds: number;
}

/** Generates the data set and imports it through the real pipeline, one source per file. */
export async function loadDemo(handle: DbHandle, config: DemoConfig): Promise<LoadedDemo> {
	const started = performance.now();
	const dir = mkdtempSync(join(tmpdir(), 'parity-demo-'));
	try {
		const written = await writeDemo(config, dir);
		const reports: FileReport[] = [];
		for (const file of written.files) {
			reports.push(
				...(await importFiles(handle, [file.path], { source: file.source, format: 'canonical' }))
			);
		}
		recordDemoSeed(
			handle,
			reports.flatMap((report) => (report.importId === null ? [] : [report.importId])),
			config.seed
		);
		writeDemoNotes(handle, config);
		return { ...written, reports, seconds: (performance.now() - started) / 1000 };
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * Why the demo data set of `seed` cannot be loaded into this database, or null when it can:
 * another seed's demo is stored, and the two share conversation ids, so loading one over the
 * other would overwrite some of its conversations and keep the rest, a mix of both.
 */
export function demoSeedConflict(handle: DbHandle, seed: number): string | null {
	const others = storedDemoSeeds(handle, demoSourceNames()).filter((stored) => stored !== seed);
	if (others.length === 0) return null;
	const known = others.filter((stored) => stored !== null);
	const which = known.length
		? `seed ${known.join(', ')}`
		: 'a seed that was not recorded (an older load, or records imported into its sources)';
	return (
		`the database holds the demo data set of ${which}, and seed ${seed} would mix with it. ` +
		`Run 'npx parity demo --remove --yes' first`
	);
}

/**
 * The injected regressions' notes on the timeline, on the Tuesday of the week each begins,
 * about a demo source: removing the demo removes them with it.
 */
function writeDemoNotes(handle: DbHandle, config: DemoConfig): void {
	for (const regression of config.regressions) {
		if (!regression.note) continue;
		const sourceId = sourceIdByName(handle, regression.note.source);
		if (sourceId === null) continue;
		const day = calendarDay(
			weekStart(config, regression.fromWeek - 1) + 36 * 60 * 60 * 1000,
			config.zone
		);
		const note = { day, text: regression.note.text, sourceId };
		// Loading the demo again (its records are then recognised) adds no second copy.
		if (hasAnnotation(handle, note)) continue;
		insertAnnotation(handle, { ...note, createdBy: null, now: Date.now() });
	}
}

/**
 * On the first start of an empty database (nothing ever imported), loads the demo data set
 * so that the dashboard has something to show; `PARITY_DEMO=off` skips it.
 */
export async function loadDemoOnFirstStart(
	handle: DbHandle,
	log: (line: string) => void = console.log
): Promise<LoadedDemo | null> {
	if ((process.env.PARITY_DEMO ?? '').toLowerCase() === 'off') return null;
	const anything = handle.sqlite.prepare('SELECT 1 FROM imports LIMIT 1').get();
	if (anything) return null;
	const config = defaultDemoConfig({ zone: getSetting(handle, 'org.timeZone') });
	log(
		`Empty database: loading the demo data set (${config.weeks} weeks to ${config.endWeek}; PARITY_DEMO=off skips this)…`
	);
	const loaded = await loadDemo(handle, config);
	log(
		`Demo loaded: ${loaded.conversations.toLocaleString('en')} conversations, ${loaded.messages.toLocaleString('en')} messages in ${loaded.seconds.toFixed(1)} s`
	);
	return loaded;
}
