import type { OpenedInput } from './input';
import type { Adapter, Audience, DetectionInput } from './types';

/**
 * A file refused before its import began: `summary` for a table's row, the message (which
 * names the file) for its details.
 */
export class FileRefusal extends Error {
	constructor(
		message: string,
		readonly summary: string
	) {
		super(message);
	}
}

/** A file no importer reads. */
export class UnknownFormatError extends FileRefusal {
	constructor(message: string) {
		super(message, 'Not a format Parity recognises');
	}
}

/**
 * Refuses a file with nothing in it (0 bytes, or only blank lines and spaces) as empty:
 * every importer would otherwise decline it as "not a format Parity recognises", listing
 * them all, when the file was never written or was cut off.
 */
export function refuseEmpty(input: Pick<OpenedInput, 'fileName' | 'sample' | 'sampleIsWhole'>) {
	if (input.sampleIsWhole && input.sample.replace(/^\uFEFF/, '').trim() === '') {
		throw new FileRefusal(`${input.fileName}: the file is empty`, 'The file is empty');
	}
}

const THRESHOLD = 0.5;

/**
 * The formats Parity reads: at the command line by the names `--format` takes, with what
 * each reads; on the dashboard by the labels its Format list shows.
 */
export function describeFormats(adapters: readonly Adapter[], audience: Audience = 'cli'): string {
	if (audience === 'web') return adapters.map((adapter) => adapter.label).join('; ');
	return adapters.map((adapter) => `${adapter.name} (${adapter.description})`).join('; ');
}

/**
 * The adapter a format name (`--format`, an upload's `format`) names, whatever its case:
 * people type ZENDESK as readily as zendesk.
 */
export function findAdapter(adapters: readonly Adapter[], name: string): Adapter | undefined {
	const wanted = name.trim().toLowerCase();
	return adapters.find((adapter) => adapter.name === wanted);
}

export function unknownFormatMessage(adapters: readonly Adapter[], name: string): string {
	return `unknown format '${name}'; Parity knows: ${adapters.map((a) => a.name).join(', ')}`;
}

/**
 * Which adapter reads a file: the one named by --format, else the most confident of the
 * adapters that look at its first bytes, if any is sure enough.
 */
export function detectFormat(
	adapters: readonly Adapter[],
	input: DetectionInput,
	format?: string,
	audience: Audience = 'cli'
): { adapter: Adapter; confidence: number; reason: string } {
	if (format) {
		const adapter = findAdapter(adapters, format);
		if (!adapter) throw new UnknownFormatError(unknownFormatMessage(adapters, format));
		return { adapter, confidence: 1, reason: `--format ${adapter.name}` };
	}
	const ranked = adapters
		.map((adapter) => ({ adapter, ...adapter.detect(input) }))
		.sort((a, b) => b.confidence - a.confidence);
	const best = ranked[0];
	if (!best || best.confidence < THRESHOLD) {
		const near = best && best.confidence > 0 ? best : null;
		if (audience === 'web') {
			throw new UnknownFormatError(
				`${input.fileName}: not a format Parity recognises.` +
					(near ? ` Nearest: ${near.adapter.label}, but ${near.reason}.` : '') +
					` Parity reads: ${describeFormats(adapters, 'web')}.` +
					` If the file is one of these, choose it in the upload form's Format list and upload it again.`
			);
		}
		const guess = near ? ` (closest: ${near.adapter.name}, ${near.reason})` : '';
		throw new UnknownFormatError(
			`${input.fileName}: not a format Parity recognises${guess}. ` +
				`Formats Parity knows: ${describeFormats(adapters)}. Choose one with --format NAME.`
		);
	}
	return {
		adapter: best.adapter,
		confidence: best.confidence,
		reason: `${best.reason} (confidence ${best.confidence.toFixed(2)})`
	};
}
