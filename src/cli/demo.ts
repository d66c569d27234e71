import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateAfterImport } from '../lib/server/alerts/service';
import { openAppDatabase } from '../lib/server/app';
import { getSetting } from '../lib/server/db/repos/settings';
import { count } from '../lib/plural';
import {
	defaultDemoConfig,
	demoSeedConflict,
	demoSourceNames,
	lastCompleteWeek,
	loadDemo,
	writeDemo,
	type InjectedEffect,
	type LoadedDemo
} from '../lib/server/demo/index';
import type { FileReport } from '../lib/server/ingest/pipeline';
import { isValidTimeZone } from '../lib/domain/time';
import { listSources } from '../lib/server/db/repos/sources';
import { parseCommandArgs, UsageError } from './args';
import { removeNamed } from './source';

export const summary = 'generate a realistic demo data set and import it (or write it as NDJSON)';
export const usage =
	'parity demo [--seed N] [--weeks N] [--end-week 2026-W47] [--scale N] [--no-regressions] [--out DIR] [--zone ZONE]\n             parity demo --remove [--yes]   (the demo sources and all their data)';

function positive(name: string, raw: string | undefined, fallback: number, integer: boolean) {
	if (raw === undefined) return fallback;
	const value = Number(raw);
	if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
		throw new UsageError(
			`--${name} must be a positive ${integer ? 'whole ' : ''}number, not '${raw}'`
		);
	}
	return value;
}

function describeTruth(truth: InjectedEffect[]): string[] {
	if (truth.length === 0) return ['  injected regressions: none'];
	return [
		'  injected regressions:',
		...truth.map((effect) => {
			const segment = Object.entries(effect.segment)
				.map(([key, value]) => `${key}=${value}`)
				.join(' ');
			const weeks = `${effect.weeks[0]}…${effect.weeks.at(-1)}`;
			return `    ${effect.regression}: ${segment}, ${effect.kind} ${effect.size}, ${weeks}`;
		})
	];
}

/**
 * What the load did, from the imports' counts: the data set generated is the same on a
 * second run, and all of it was recognised as already stored.
 */
export function loadedSummary(loaded: Pick<LoadedDemo, 'reports' | 'seconds'>): string {
	const total = (key: keyof FileReport['counts']) =>
		loaded.reports.reduce((sum, report) => sum + report.counts[key], 0);
	const created = total('conversationsCreated');
	const updated = total('conversationsUpdated');
	const took = `in ${loaded.seconds.toFixed(1)} s`;
	if (created + updated === 0 && total('recordsRejected') === 0) {
		return `The demo data set is already loaded: nothing new (${count(total('recordsDuplicate'), 'conversation')} recognised as stored, ${took})`;
	}
	return (
		`Imported ${count(created, 'new conversation')}` +
		(updated ? ` and updated ${count(updated, 'conversation')}` : '') +
		`, ${count(total('messagesImported'), 'message')} ${took}`
	);
}

export async function run(argv: string[]): Promise<number> {
	const { values, positionals } = parseCommandArgs(argv, {
		seed: { type: 'string' },
		weeks: { type: 'string' },
		'end-week': { type: 'string' },
		scale: { type: 'string' },
		zone: { type: 'string' },
		out: { type: 'string' },
		'no-regressions': { type: 'boolean', default: false },
		remove: { type: 'boolean', default: false },
		yes: { type: 'boolean', default: false }
	});
	if (positionals.length) throw new UsageError(`unexpected '${positionals[0]}'. Usage: ${usage}`);
	if (values.remove) return removeDemo(values.yes);
	const endWeek = values['end-week'];
	if (endWeek !== undefined && !/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/.test(endWeek)) {
		throw new UsageError(`--end-week must look like 2026-W47, not '${endWeek}'`);
	}
	if (values.zone !== undefined && !isValidTimeZone(values.zone)) {
		throw new UsageError(`--zone: not a known time zone: '${values.zone}'`);
	}
	const configFor = (zone: string) =>
		defaultDemoConfig({
			zone,
			seed: positive('seed', values.seed, 7, true),
			weeks: positive('weeks', values.weeks, 14, true),
			endWeek: endWeek ?? lastCompleteWeek(Date.now(), zone),
			scale: positive('scale', values.scale, 1, false),
			...(values['no-regressions'] ? { regressions: [] } : {})
		});

	if (values.out) {
		const config = configFor(values.zone ?? 'UTC');
		mkdirSync(values.out, { recursive: true });
		const written = await writeDemo(config, values.out);
		const truthPath = join(values.out, 'truth.json');
		writeFileSync(truthPath, JSON.stringify({ config, truth: written.truth }, null, 2));
		console.log(
			[
				`Wrote ${count(written.conversations, 'conversation')}, ${count(written.messages, 'message')} (${count(config.weeks, 'week')} to ${config.endWeek}, seed ${config.seed}):`,
				...written.files.map((file) => `  ${file.path}  (source "${file.source}")`),
				`  ${truthPath}`,
				...describeTruth(written.truth),
				`Import with: npx parity import FILE --format canonical --source "SOURCE"`
			].join('\n')
		);
		return 0;
	}

	const handle = openAppDatabase();
	try {
		const config = configFor(values.zone ?? getSetting(handle, 'org.timeZone'));
		const conflict = demoSeedConflict(handle, config.seed);
		if (conflict) throw new UsageError(conflict);
		console.log(
			`Generating ${count(config.weeks, 'week')} to ${config.endWeek} (seed ${config.seed}, scale ${config.scale}) and importing…`
		);
		const loaded = await loadDemo(handle, config);
		const failed = loaded.reports.filter((report) => report.status === 'failed');
		console.log(
			[
				loadedSummary(loaded),
				...loaded.reports.map(
					(report) =>
						`  ${report.fileName}: imported ${report.counts.recordsImported}, duplicate ${report.counts.recordsDuplicate}, rejected ${report.counts.recordsRejected}`
				),
				...describeTruth(loaded.truth)
			].join('\n')
		);
		for (const report of failed) console.error(report.error);
		const alerts = await evaluateAfterImport(handle);
		if (alerts) console.log(`  alerts for ${alerts.week}: ${alerts.fired.length} fired`);
		return failed.length ? 1 : 0;
	} finally {
		handle.close();
	}
}

function removeDemo(confirmed: boolean): number {
	const handle = openAppDatabase(undefined, { recoverImports: false });
	let present: string[];
	try {
		const stored = new Set(listSources(handle).map((source) => source.name));
		present = demoSourceNames().filter((name) => stored.has(name));
	} finally {
		handle.close();
	}
	if (present.length === 0) {
		console.log('No demo data is stored. Nothing to remove.');
		return 0;
	}
	return removeNamed(present, confirmed);
}
